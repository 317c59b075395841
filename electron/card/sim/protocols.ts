import { createAcr30Decoder, encodeAcr30Response, ETX, parseAcr30Command } from '../acr30/frame';
import type { FrameDecoder } from '../frame-decoder';
import { createIdCardDecoder, encodeIdCardResponse, idCardBody } from '../idcard/frame';
import { encodeBaseInfo } from './idcard-data';
import type { SimCard } from './sim-cards';
import { createSsseChip, type SimChip } from './ssse-card';

/** The card slot a simulated reader looks into. */
export interface CardSlot {
  card: SimCard | null;
}

/** The device end of one reader protocol: decodes commands, answers them, knows how to spoil an answer. */
export interface DeviceProtocol {
  createDecoder(): FrameDecoder;
  answer(frame: Buffer): Buffer | null;
  /** The answer to a command that arrived corrupted. */
  answerBadFrame(): Buffer;
  /** The same answer with a wrong checksum. */
  withBadChecksum(answer: Buffer): Buffer;
  /** The card was taken out: drop its power-on state. */
  cardChanged(): void;
}

/** ACR30 reader with one contact slot (spec §1). */
export function acr30Protocol(slot: CardSlot): DeviceProtocol {
  let chip: SimChip | null = null;
  const status = (): Buffer => {
    const block = Buffer.alloc(16);
    block.write('ACR30 SIM ', 0, 'latin1');
    block[13] = 0x0c;
    block[14] = 0x0c;
    block[15] = slot.card ? 0x01 : 0x00;
    return block;
  };
  return {
    createDecoder: createAcr30Decoder,
    answer(frame) {
      const command = parseAcr30Command(frame);
      if (!command) return encodeAcr30Response(0x60, 0x01);
      switch (command.ins) {
        case 0x01:
          return encodeAcr30Response(0x90, 0x00, status());
        case 0x80:
          if (!slot.card) return encodeAcr30Response(0x62, 0x00);
          chip = createSsseChip(slot.card);
          return encodeAcr30Response(0x90, 0x00, chip.atr);
        case 0x81:
          chip = null;
          return encodeAcr30Response(slot.card ? 0x90 : 0x62, 0x00);
        case 0xa0:
          if (!slot.card) return encodeAcr30Response(0x62, 0x00);
          if (!chip) return encodeAcr30Response(0x62, 0x01);
          return encodeAcr30Response(0x90, 0x00, chip.transmit(command.data));
        default:
          return encodeAcr30Response(0x67, 0x00);
      }
    },
    answerBadFrame: () => encodeAcr30Response(0x60, 0x00),
    withBadChecksum(answer) {
      const spoiled = Buffer.from(answer);
      const at = spoiled.lastIndexOf(ETX) - 1;
      spoiled[at] = spoiled[at] === 0x30 ? 0x31 : 0x30;
      return spoiled;
    },
    cardChanged() {
      chip = null;
    },
  };
}

/** 公安部 SAM ID-card reader (spec §3). */
export function idCardProtocol(slot: CardSlot): DeviceProtocol {
  const SW3 = { OK: 0x90, FOUND: 0x9f, NO_CARD: 0x80, SELECT_FAILED: 0x81, READ_FAILED: 0x41, BAD_CHECKSUM: 0x10, UNKNOWN: 0x21 };
  return {
    createDecoder: createIdCardDecoder,
    answer(frame) {
      const body = idCardBody(frame);
      const command = ((body[0] ?? 0) << 8) | (body[1] ?? 0);
      switch (command) {
        case 0x11ff:
        case 0x61ff:
          return encodeIdCardResponse(SW3.OK);
        case 0x2001:
          return slot.card ? encodeIdCardResponse(SW3.FOUND, Buffer.alloc(4)) : encodeIdCardResponse(SW3.NO_CARD);
        case 0x2002:
          return slot.card ? encodeIdCardResponse(SW3.OK, Buffer.alloc(8)) : encodeIdCardResponse(SW3.SELECT_FAILED);
        case 0x3001:
          return slot.card ? encodeIdCardResponse(SW3.OK, encodeBaseInfo(slot.card)) : encodeIdCardResponse(SW3.READ_FAILED);
        default:
          return encodeIdCardResponse(SW3.UNKNOWN);
      }
    },
    answerBadFrame: () => encodeIdCardResponse(SW3.BAD_CHECKSUM),
    withBadChecksum(answer) {
      const spoiled = Buffer.from(answer);
      spoiled[spoiled.length - 1] = (spoiled[spoiled.length - 1] ?? 0) ^ 0xff;
      return spoiled;
    },
    cardChanged() {},
  };
}

import { cardError, err, ok, type CardError, type CardResult } from '../../shared/card';

/**
 * ISO 7816-4 command APDUs over T=0, and the status-word handling of spec §2.
 * T=0 quirk (spec §1): a command that carries data and expects data is sent with both Lc and Le;
 * a command with neither carries P3 = 00.
 */
export interface Apdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Buffer;
  /** Expected response length, 1..256 (256 is written 00). */
  le?: number;
}

export function encodeApdu(apdu: Apdu): Buffer {
  const header = [apdu.cla, apdu.ins, apdu.p1, apdu.p2];
  const le = apdu.le === undefined ? [] : [apdu.le & 0xff];
  if (apdu.data && apdu.data.length > 0) {
    return Buffer.concat([Buffer.from([...header, apdu.data.length]), apdu.data, Buffer.from(le)]);
  }
  return Buffer.from([...header, ...(le.length ? le : [0x00])]);
}

/**
 * Sends one APDU to the card; resolves with the card's response including SW1 SW2. With `retry`
 * the reader command is sent again once when its answer is lost or garbled.
 */
export type ApduExchange = (apdu: Buffer, expect: (response: Buffer) => boolean, retry: boolean) => Promise<CardResult<Buffer>>;

/** Failures after which the card's state is unknown but sending again is harmless. */
const LOST_ANSWER = new Set(['reader-timeout', 'reader-bad-frame', 'reader-data-error']);

export interface CardResponse {
  data: Buffer;
  sw: number;
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

const MAX_STATUS_ROUNDS = 4;

/**
 * Transmits an APDU, following `61xx` with GET RESPONSE (Le = xx, data accumulated) and `6Cxx`
 * by resending with Le = xx. `expect(data, sw)` tells this command's answer from a stale answer
 * to an earlier, abandoned command that arrives late. The command itself (SELECT, READ RECORD)
 * may be repeated, but a GET RESPONSE may not (the card hands its data out once): when a GET
 * RESPONSE answer is lost, the whole exchange starts again from the command, once.
 */
export async function transmit(exchange: ApduExchange, apdu: Apdu, expect: (data: Buffer, sw: number) => boolean = () => true): Promise<CardResult<CardResponse>> {
  const accepts = (response: Buffer): boolean => response.length >= 2 && expect(response.subarray(0, -2), response.readUInt16BE(response.length - 2));
  let collected = Buffer.alloc(0);
  let next = encodeApdu(apdu);
  let restarted = false;
  for (let round = 0; round < MAX_STATUS_ROUNDS; round++) {
    const getResponse = next[1] === 0xc0;
    const answered = await exchange(next, collected.length === 0 ? accepts : () => true, !getResponse);
    if (!answered.ok && getResponse && !restarted && LOST_ANSWER.has(answered.error.code)) {
      restarted = true;
      collected = Buffer.alloc(0);
      next = encodeApdu(apdu);
      round = -1;
      continue;
    }
    if (!answered.ok) return answered;
    const response = answered.value;
    if (response.length < 2) return err(cardError('card-data-invalid', '卡片应答不足2字节'));
    const sw1 = response[response.length - 2]!;
    const sw2 = response[response.length - 1]!;
    collected = Buffer.concat([collected, response.subarray(0, -2)]);
    if (sw1 === 0x61) {
      next = encodeApdu({ cla: 0x00, ins: 0xc0, p1: 0x00, p2: 0x00, le: sw2 === 0 ? 256 : sw2 });
    } else if (sw1 === 0x6c) {
      collected = Buffer.alloc(0);
      next = encodeApdu({ ...apdu, le: sw2 === 0 ? 256 : sw2 });
    } else {
      return ok({ data: collected, sw: (sw1 << 8) | sw2 });
    }
  }
  return err(cardError('card-error', '卡片状态字循环'));
}

/** The cashier's message for a card status word other than 9000. */
export function statusWordError(sw: number): CardError {
  const detail = `SW=${swHex(sw)}`;
  switch (sw) {
    case 0x6a82:
      return cardError('card-file-not-found', detail);
    case 0x6a83:
      return cardError('card-record-not-found', detail);
    case 0x6982:
      return cardError('card-needs-psam', detail);
    case 0x9303:
      return cardError('card-locked', detail);
    default:
      return cardError('card-error', detail);
  }
}

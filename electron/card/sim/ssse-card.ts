import iconv from 'iconv-lite';
import type { SimCard } from './sim-cards';

/**
 * A simulated social-security chip answering T=0 APDUs: the SSSE DDF (answered 61xx + GET
 * RESPONSE with its FCI), EF05 and EF06 as tag-addressed records (READ RECORD P2 = 00), 6Cxx for a
 * wrong Le. It accepts APDUs with or without the trailing Le of the T=0 quirk.
 */
const AID = Buffer.from('7378312E73682EC9E7BBE1B1A3D5CF', 'hex');
export const SIM_ATR = Buffer.from('3B6C00000A3F84535343415244000000', 'hex');

const SW = (sw: number): Buffer => Buffer.from([sw >> 8, sw & 0xff]);

function padded(bytes: Buffer, length: number, pad = 0x00): Buffer {
  const out = Buffer.alloc(length, pad);
  bytes.copy(out, 0, 0, Math.min(bytes.length, length));
  return out;
}

const bcd = (digits: string, length: number): Buffer => padded(Buffer.from(digits.padEnd(length * 2, 'F'), 'hex'), length, 0xff);
const ascii = (text: string, length: number): Buffer => padded(Buffer.from(text, 'latin1'), length, 0x20);
const record = (tag: number, value: Buffer): Buffer => Buffer.concat([Buffer.from([tag, value.length]), value]);

function files(card: SimCard): Map<number, Map<number, Buffer>> {
  const h = card.holder;
  const name = iconv.encode(h.name, 'gbk');
  const region = h.cardSn.slice(0, 6);
  const ef05 = new Map<number, Buffer>([
    [0x01, record(0x01, Buffer.from(h.cardSn, 'hex'))],
    [0x02, record(0x02, ascii('3', 1))],
    [0x03, record(0x03, ascii(h.specVersion, 4))],
    [0x04, record(0x04, Buffer.from(`${region}000000000000000001`, 'hex'))],
    [0x05, record(0x05, bcd(h.issueDate, 4))],
    [0x06, record(0x06, bcd(h.expiry, 4))],
    [0x07, record(0x07, ascii(h.cardNo, 9))],
  ]);
  const ef06 = new Map<number, Buffer>([
    [0x08, record(0x08, ascii(h.certno, 18))],
    [0x09, record(0x09, padded(name.subarray(0, 30), 30))],
    [0x0a, record(0x0a, ascii(Number(h.certno[16]) % 2 === 1 ? '1' : '2', 1))],
    [0x0b, record(0x0b, Buffer.from(h.ethnicity, 'hex'))],
    [0x0c, record(0x0c, bcd(h.certno.slice(0, 6), 3))],
    [0x0d, record(0x0d, bcd(h.certno.slice(6, 14), 4))],
  ]);
  if (h.specVersion !== '1.00') ef06.set(0x4e, record(0x4e, padded(name.subarray(30), 20)));
  return new Map([
    [0xef05, ef05],
    [0xef06, ef06],
  ]);
}

export interface SimChip {
  readonly atr: Buffer;
  transmit(apdu: Buffer): Buffer;
}

export function createSsseChip(card: SimCard): SimChip {
  const efs = files(card);
  let inSsse = false;
  let selected: number | null = null;
  let pending: Buffer | null = null;

  function withLe(data: Buffer, le: number): Buffer {
    return le === data.length ? Buffer.concat([data, SW(0x9000)]) : SW(0x6c00 | data.length);
  }

  return {
    atr: SIM_ATR,
    transmit(apdu) {
      if (apdu.length < 5) return SW(0x6700);
      const [cla, ins, p1, p2, p3] = apdu as unknown as [number, number, number, number, number];
      const body = apdu.subarray(5);
      if (cla !== 0x00) return SW(0x6e00);
      const previous = pending;
      pending = null;
      switch (ins) {
        case 0xa4: {
          if (body.length !== p3 && body.length !== p3 + 1) return SW(0x6700);
          const data = body.subarray(0, p3);
          if (p1 === 0x04) {
            if (!data.equals(AID) || card.notSsse) return SW(0x6a82);
            if (card.locked) return SW(0x9303);
            inSsse = true;
            selected = null;
            pending = Buffer.concat([Buffer.from([0x6f, AID.length + 2, 0x84, AID.length]), AID]);
            return SW(0x6100 | pending.length);
          }
          const fid = data.length === 2 ? data.readUInt16BE(0) : -1;
          if ((p1 !== 0x02 && p1 !== 0x00) || !inSsse || !efs.has(fid)) return SW(0x6a82);
          selected = fid;
          return SW(0x9000);
        }
        case 0xb2: {
          if (p2 !== 0x00) return SW(0x6a86);
          const ef = selected === null ? undefined : efs.get(selected);
          if (!ef) return SW(0x6986);
          if (selected === 0xef06 && card.requiresPsam) return SW(0x6982);
          const rec = ef.get(p1);
          return rec ? withLe(rec, p3 === 0 ? 256 : p3) : SW(0x6a83);
        }
        case 0xc0:
          if (!previous) return SW(0x6985);
          if (p3 !== previous.length) pending = previous;
          return withLe(previous, p3);
        default:
          return SW(0x6d00);
      }
    },
  };
}

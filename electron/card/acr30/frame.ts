import { xorOf, type DecodeEvent, type FrameDecoder } from '../frame-decoder';

/**
 * ACS ACR30-family framing (spec §1; OpenCT ifd-acr30u.c): STX, the ASCII-hex (upper case) of
 * `01 …payload… CHK`, ETX, where CHK makes the XOR of all decoded bytes zero. The same framing
 * carries commands (`01 INS LEN data`) and responses (`01 SW1 SW2 LEN data`).
 *
 * Reading chosen: LEN is one byte; from 255 data bytes on it is written `FF` + two-byte big-endian
 * length, as the spec gives for responses (applied to commands too, which never need it here).
 * Lower-case hex digits are accepted on input; output is upper case.
 */
export const STX = 0x02;
export const ETX = 0x03;
const HEADER = 0x01;
/** Longest frame accepted, in characters between STX and ETX (a 1 KiB data field with room to spare). */
const MAX_FRAME_CHARS = 2 * 1100;

export function lengthField(length: number): Buffer {
  return length < 0xff ? Buffer.from([length]) : Buffer.from([0xff, length >> 8, length & 0xff]);
}

/** Frames `01` + body: appends CHK and encodes. */
export function encodeAcr30Frame(body: Buffer): Buffer {
  const bytes = Buffer.concat([Buffer.from([HEADER]), body, Buffer.alloc(1)]);
  bytes[bytes.length - 1] = xorOf(bytes, 0, bytes.length - 1);
  return Buffer.concat([Buffer.from([STX]), Buffer.from(bytes.toString('hex').toUpperCase(), 'latin1'), Buffer.from([ETX])]);
}

export function encodeAcr30Command(ins: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return encodeAcr30Frame(Buffer.concat([Buffer.from([ins]), lengthField(data.length), data]));
}

export function encodeAcr30Response(sw1: number, sw2: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return encodeAcr30Frame(Buffer.concat([Buffer.from([sw1, sw2]), lengthField(data.length), data]));
}

/** Reads `LEN [LEN_H LEN_L] data CHK` at `offset`; null when the lengths disagree with the frame. */
function dataAt(bytes: Buffer, offset: number): Buffer | null {
  const len0 = bytes[offset];
  if (len0 === undefined) return null;
  let start = offset + 1;
  let length = len0;
  if (len0 === 0xff) {
    if (bytes.length < offset + 3) return null;
    length = bytes.readUInt16BE(offset + 1);
    start = offset + 3;
  }
  return start + length + 1 === bytes.length ? bytes.subarray(start, start + length) : null;
}

export interface Acr30Response {
  sw1: number;
  sw2: number;
  data: Buffer;
}

/** A decoded frame (CHK already verified) as a response; null when its layout is wrong. */
export function parseAcr30Response(frame: Buffer): Acr30Response | null {
  if (frame[0] !== HEADER || frame.length < 5) return null;
  const data = dataAt(frame, 3);
  return data ? { sw1: frame[1]!, sw2: frame[2]!, data } : null;
}

export interface Acr30Command {
  ins: number;
  data: Buffer;
}

export function parseAcr30Command(frame: Buffer): Acr30Command | null {
  if (frame[0] !== HEADER || frame.length < 4) return null;
  const data = dataAt(frame, 2);
  return data ? { ins: frame[1]!, data } : null;
}

const HEX_CHAR = /^[0-9A-Fa-f]*$/;

/** Yields each decoded frame `01 … CHK` whose XOR is zero. */
export function createAcr30Decoder(): FrameDecoder {
  let chars: number[] | null = null;
  let garbage = 0;
  return {
    push(chunk) {
      const events: DecodeEvent[] = [];
      for (const byte of chunk) {
        if (byte === STX) {
          if (chars !== null) events.push({ kind: 'bad-frame', reason: 'STX inside a frame' });
          chars = [];
        } else if (chars === null) {
          garbage++;
        } else if (byte === ETX) {
          events.push(decodeChars(Buffer.from(chars)));
          chars = null;
        } else if (chars.length >= MAX_FRAME_CHARS) {
          events.push({ kind: 'bad-frame', reason: 'frame too long' });
          chars = null;
        } else {
          chars.push(byte);
        }
      }
      return events;
    },
    reset() {
      chars = null;
    },
    get garbageBytes() {
      return garbage;
    },
  };
}

function decodeChars(ascii: Buffer): DecodeEvent {
  const text = ascii.toString('latin1');
  if (text.length < 4 || text.length % 2 !== 0 || !HEX_CHAR.test(text)) return { kind: 'bad-frame', reason: 'not ASCII hex' };
  const bytes = Buffer.from(text, 'hex');
  if (xorOf(bytes) !== 0) return { kind: 'bad-frame', reason: 'checksum' };
  return { kind: 'frame', bytes };
}

import { xorOf, type DecodeEvent, type FrameDecoder } from '../frame-decoder';

/**
 * 公安部 SAM serial framing (spec §3): `AA AA AA 96 69 | LEN_H LEN_L | body | CHK`, LEN counting
 * body + CHK, CHK = XOR of every byte after the preamble (the LEN bytes included) up to CHK.
 * Requests carry `CMD PARA [data]`, responses `SW1 SW2 SW3 data`.
 */
export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
const HEAD = PREAMBLE.length + 2;
/** The read-base-info answer is ~1.3 KB; a larger LEN is a corrupted length field. */
const MAX_LEN = 4096;

export function encodeIdCardFrame(body: Buffer): Buffer {
  const frame = Buffer.alloc(HEAD + body.length + 1);
  PREAMBLE.copy(frame, 0);
  frame.writeUInt16BE(body.length + 1, PREAMBLE.length);
  body.copy(frame, HEAD);
  frame[frame.length - 1] = xorOf(frame, PREAMBLE.length, frame.length - 1);
  return frame;
}

export function encodeIdCardRequest(cmd: number, para: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return encodeIdCardFrame(Buffer.concat([Buffer.from([cmd, para]), data]));
}

export function encodeIdCardResponse(sw3: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return encodeIdCardFrame(Buffer.concat([Buffer.from([0x00, 0x00, sw3]), data]));
}

/** The frame's body (between LEN and CHK). */
export function idCardBody(frame: Buffer): Buffer {
  return frame.subarray(HEAD, frame.length - 1);
}

/** Yields whole frames (preamble to CHK) whose checksum holds; resynchronises on the next preamble. */
export function createIdCardDecoder(): FrameDecoder {
  let buffer = Buffer.alloc(0);
  let garbage = 0;

  /** Drops bytes up to the next possible preamble start at or after `from`. */
  function skipTo(from: number): void {
    const at = buffer.indexOf(PREAMBLE, from);
    if (at >= 0) {
      garbage += at;
      buffer = buffer.subarray(at);
      return;
    }
    // Keep a tail that may be the beginning of a preamble split across chunks.
    let keep = Math.min(PREAMBLE.length - 1, buffer.length - from);
    while (keep > 0 && !PREAMBLE.subarray(0, keep).equals(buffer.subarray(buffer.length - keep))) keep--;
    garbage += buffer.length - keep;
    buffer = buffer.subarray(buffer.length - keep);
  }

  return {
    push(chunk) {
      const events: DecodeEvent[] = [];
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        skipTo(0);
        if (buffer.length < HEAD) break;
        const len = buffer.readUInt16BE(PREAMBLE.length);
        if (len < 1 || len > MAX_LEN) {
          events.push({ kind: 'bad-frame', reason: 'length out of range' });
          skipTo(1);
          continue;
        }
        if (buffer.length < HEAD + len) break;
        const frame = buffer.subarray(0, HEAD + len);
        if (xorOf(frame, PREAMBLE.length, frame.length - 1) !== frame[frame.length - 1]) {
          events.push({ kind: 'bad-frame', reason: 'checksum' });
          skipTo(1);
          continue;
        }
        events.push({ kind: 'frame', bytes: Buffer.from(frame) });
        buffer = buffer.subarray(frame.length);
      }
      return events;
    },
    reset() {
      buffer = Buffer.alloc(0);
    },
    get garbageBytes() {
      return garbage;
    },
  };
}

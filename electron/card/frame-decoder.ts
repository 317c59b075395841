/** What a decoder makes of the bytes it was fed: whole frames, or frames it had to throw away. */
export type DecodeEvent = { kind: 'frame'; bytes: Buffer } | { kind: 'bad-frame'; reason: string };

/**
 * Incremental framing for one direction of a serial line. `push` may be fed any chunking of the
 * byte stream; bytes between frames are skipped (counted in `garbageBytes`) until the next start.
 */
export interface FrameDecoder {
  push(chunk: Buffer): DecodeEvent[];
  /** Forget a partial frame (before sending a new command). */
  reset(): void;
  readonly garbageBytes: number;
}

export function xorOf(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let x = 0;
  for (let i = start; i < end; i++) x ^= bytes[i]!;
  return x;
}

/** Time the bytes take on an asynchronous line with 8N1-style 10-bit characters. */
export function lineTimeMs(byteCount: number, baudRate: number): number {
  return (byteCount * 10 * 1000) / baudRate;
}

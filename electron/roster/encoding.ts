import { open } from 'node:fs/promises';

export type TextEncoding = 'utf8' | 'gb18030';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes to skip at the start (a UTF-8 BOM). */
  skip: number;
}

const SAMPLE_BYTES = 64 * 1024;

/**
 * UTF-8 when the file starts with a BOM or its first 64 KB decode as UTF-8, otherwise GBK (read
 * as GB18030, its superset). The header row is Chinese, so a GBK file fails UTF-8 in the sample;
 * a stray bad byte later in a UTF-8 file turns into U+FFFD and that row is rejected.
 */
export async function detectEncoding(filePath: string): Promise<DetectedEncoding> {
  const handle = await open(filePath, 'r');
  try {
    const sample = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(sample, 0, SAMPLE_BYTES, 0);
    return detectEncodingOf(sample.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export function detectEncodingOf(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf8', skip: 3 };
  try {
    // stream: true tolerates a multi-byte character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { encoding: 'utf8', skip: 0 };
  } catch {
    return { encoding: 'gb18030', skip: 0 };
  }
}

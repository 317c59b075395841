import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;

/** The name of the first entry of a ZIP file (from its local header), or undefined when the file is not a ZIP. */
export async function firstZipEntry(filePath: string): Promise<{ name: string; method: number; dataStart: number; size: number } | undefined> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(30);
    const { bytesRead } = await handle.read(head, 0, 30, 0);
    if (bytesRead < 30 || head.readUInt32LE(0) !== LOCAL_HEADER) return undefined;
    const method = head.readUInt16LE(8);
    const size = head.readUInt32LE(18);
    const nameLength = head.readUInt16LE(26);
    const extraLength = head.readUInt16LE(28);
    const nameBytes = Buffer.alloc(nameLength);
    await handle.read(nameBytes, 0, nameLength, 30);
    return { name: nameBytes.toString('utf8'), method, dataStart: 30 + nameLength + extraLength, size };
  } finally {
    await handle.close();
  }
}

/**
 * The first entry's bytes as a stream. The platform's catalogue ZIP holds one text file
 * (national-platform.md §8.2), so reading the first local entry is enough: stored (0) or deflated
 * (8), streamed — the inflater stops at the end of the deflate stream whatever follows it.
 */
export async function openFirstZipEntry(filePath: string): Promise<{ stream: Readable; file: ReturnType<typeof createReadStream> }> {
  const entry = await firstZipEntry(filePath);
  if (!entry) throw new Error('不是 ZIP 文件');
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`不支持的 ZIP 压缩方式 ${entry.method}`);
  // A stored entry ends at its size (when the header gives it); a deflated one where its stream ends.
  const end = entry.method === 0 && entry.size > 0 ? entry.dataStart + entry.size - 1 : undefined;
  const file = createReadStream(filePath, { start: entry.dataStart, end, highWaterMark: 256 * 1024 });
  return { stream: entry.method === 8 ? file.pipe(createInflateRaw()) : file, file };
}

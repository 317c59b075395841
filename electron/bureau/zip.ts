/**
 * The one-file ZIP archives of the platform's file transactions (national-platform.md §16.2: the
 * 3202 detail file goes up zipped through 9101, its result.txt comes back zipped through 9102).
 * In memory, deflated, no data descriptors; the reader takes the first entry through the central
 * directory, so an archive written by another tool reads as well.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_NAMES = 0x0800;

export function zipOne(name: string, content: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const data = deflateRawSync(content);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(LOCAL, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(UTF8_NAMES, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(CENTRAL, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(UTF8_NAMES, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const centralAt = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

/** The first entry of a ZIP archive, or null when the bytes are not one (or it is damaged). */
export function unzipFirst(zip: Buffer): { name: string; content: Buffer } | null {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0 || endAt + 22 > zip.length || zip.readUInt16LE(endAt + 10) < 1) return null;
  const at = zip.readUInt32LE(endAt + 16);
  if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
  const method = zip.readUInt16LE(at + 10);
  const crc = zip.readUInt32LE(at + 16);
  const size = zip.readUInt32LE(at + 20);
  const nameLength = zip.readUInt16LE(at + 28);
  const localAt = zip.readUInt32LE(at + 42);
  const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
  if (localAt + 30 > zip.length || zip.readUInt32LE(localAt) !== LOCAL) return null;
  const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
  const raw = zip.subarray(dataAt, dataAt + size);
  let content: Buffer;
  try {
    content = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : Buffer.alloc(0);
  } catch {
    return null;
  }
  if ((method !== 0 && method !== 8) || crc32(content) !== crc) return null;
  return { name, content };
}

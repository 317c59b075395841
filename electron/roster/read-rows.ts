import { open } from 'node:fs/promises';
import { readCsvRows } from './read-csv';
import { readXlsxRows } from './read-xlsx';
import type { RawRowBatches } from './raw-row';

export type RosterFormat = 'csv' | 'xlsx';

/** XLSX by its zip signature, an old binary XLS refused, anything else read as CSV. */
export async function sniffFormat(filePath: string): Promise<RosterFormat | 'xls'> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'xlsx';
    if (bytesRead >= 8 && head.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
    return 'csv';
  } finally {
    await handle.close();
  }
}

/** How far into the file the reader is, updated as it streams (for a progress bar). */
export interface ReadCounter {
  bytesRead: number;
}

export function readRows(filePath: string, format: RosterFormat, counter: ReadCounter = { bytesRead: 0 }): RawRowBatches {
  return format === 'xlsx' ? readXlsxRows(filePath, counter) : readCsvRows(filePath, counter);
}

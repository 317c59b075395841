import { open } from 'node:fs/promises';
import type { CatalogueFormat } from '../ledger';
import { sniffFormat } from '../roster';
import { firstZipEntry } from './zip-entry';

export interface SniffedFormat {
  format: CatalogueFormat;
  /** The 1301 file as downloaded (a ZIP around the text file). */
  zipped: boolean;
}

const XLSX_PARTS = /^(\[Content_Types\]\.xml|_rels\/|docProps\/|xl\/)/;
const TABS_OF_1301 = 20;

/**
 * XLSX, the simple CSV, or the national 1301 file: a ZIP whose entry is not an Office part is
 * the platform's download; a text file whose first line has many TABs is its unzipped text.
 */
export async function sniffCatalogueFormat(filePath: string): Promise<SniffedFormat | 'xls'> {
  const basic = await sniffFormat(filePath);
  if (basic === 'xls') return 'xls';
  if (basic === 'xlsx') {
    const entry = await firstZipEntry(filePath);
    return entry && !XLSX_PARTS.test(entry.name) ? { format: 'nhsa-1301', zipped: true } : { format: 'xlsx', zipped: false };
  }
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const firstLine =
      head
        .subarray(0, bytesRead)
        .toString('latin1')
        .split('\n')
        .find((l) => l.trim() !== '') ?? '';
    const tabs = firstLine.split('\t').length - 1;
    return tabs >= TABS_OF_1301 ? { format: 'nhsa-1301', zipped: false } : { format: 'csv', zipped: false };
  } finally {
    await handle.close();
  }
}

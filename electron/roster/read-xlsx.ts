import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import type { RawCell, RawRow, RawRowBatches } from './raw-row';
import type { ReadCounter } from './read-rows';

const BATCH = 2000;

/** Streams the first worksheet of an XLSX roster as batches of rows numbered as in the sheet. */
export async function* readXlsxRows(filePath: string, counter: ReadCounter = { bytesRead: 0 }): RawRowBatches {
  const file = createReadStream(filePath);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache', // needed for date-formatted cells to come back as dates
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of workbook) {
    let batch: RawRow[] = [];
    for await (const row of sheet) {
      const values = row.values as unknown[];
      batch.push({ line: row.number, cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1])) });
      if (batch.length >= BATCH) {
        counter.bytesRead = file.bytesRead;
        yield batch;
        batch = [];
      }
    }
    counter.bytesRead = file.bytesRead;
    if (batch.length) yield batch;
    return; // the roster is the first sheet
  }
}

function cellText(value: unknown): RawCell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (v.richText)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
  }
  return '';
}

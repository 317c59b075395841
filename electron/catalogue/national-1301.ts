import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { CatalogueRow } from '../ledger';
import { detectEncodingOf, type RawRow, type ReadCounter } from '../roster';
import { pinyinInitials } from './initials';
import type { RowRejection } from './parse-row';
import { orNull, parseClass } from './values';
import { openFirstZipEntry } from './zip-entry';

/**
 * The national platform's 1301 西药中成药 file (national-platform.md §8.2): a ZIP holding one text
 * file, one record a line, 92 TAB-separated columns in specification order. Positions (1-based).
 */
export const COLUMNS_1301 = {
  code: 1, // 医疗目录编码 med_list_codg
  tradeName: 2, // 药品商品名
  genericName: 4, // 药品通用名
  standardCode: 9, // 药监本位码
  specification: 14, // 药品规格
  validFlag: 79, // 有效标志
  nationalClass: 92, // 国家医保药品目录甲乙类标识
} as const;
const MIN_COLUMNS = COLUMNS_1301.nationalClass;
const BATCH = 2000;

/** Streams a 1301 file (the ZIP as downloaded with 9102, or its text file) as batches of TAB rows. */
export async function* read1301Rows(filePath: string, zipped: boolean, counter: ReadCounter = { bytesRead: 0 }): AsyncIterable<RawRow[]> {
  const { stream, file } = zipped ? await openFirstZipEntry(filePath) : plainFile(filePath);
  let decoder: { write(b: Buffer): string; end(): string | undefined } | undefined;
  let carry = '';
  let line = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      counter.bytesRead = file.bytesRead;
      decoder ??= iconv.getDecoder(detectEncodingOf(chunk).encoding);
      const text = carry + decoder.write(chunk);
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      const batch: RawRow[] = [];
      for (const l of lines) batch.push({ line: ++line, cells: l.replace(/\r$/, '').split('\t') });
      for (let i = 0; i < batch.length; i += BATCH) yield batch.slice(i, i + BATCH);
    }
    const rest = carry + (decoder?.end() ?? '');
    if (rest.trim()) yield [{ line: ++line, cells: rest.replace(/\r$/, '').split('\t') }];
  } finally {
    file.destroy();
  }
}

function plainFile(filePath: string): { stream: Readable; file: ReturnType<typeof createReadStream> } {
  const file = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  return { stream: file, file };
}

export type Row1301 = CatalogueRow | RowRejection | 'skip';

/**
 * One 1301 record → a catalogue row. The file carries the national 甲乙 class (column 92; empty:
 * not in the national insurance catalogue → 丙类) but no price, self-pay ratio or cap (those come
 * from 1319/1318 or the shop's own file): 乙类 rows take `bRatio` when the import names one. The
 * 药监本位码 is kept as the barcode (the only scannable code the file has). 有效标志 0 rows and a
 * header line are skipped.
 */
export function parse1301Row(row: RawRow, options: { bRatio?: string }): Row1301 {
  const at = (position: number) => (typeof row.cells[position - 1] === 'string' ? (row.cells[position - 1] as string).trim() : '');
  const code = at(COLUMNS_1301.code);
  if (row.cells.every((c) => c === '')) return 'skip';
  if (/[\u4e00-\u9fff]/.test(code)) return 'skip'; // a header line (医疗目录编码…)
  if (row.cells.length < MIN_COLUMNS) {
    return { line: row.line, code: 'catalogue-bad-row', reason: `列数不足：${row.cells.length} 列（1301 目录文件应为 ${MIN_COLUMNS} 列，以制表符分隔）` };
  }
  if (!code) return { line: row.line, code: 'catalogue-no-code', reason: '医疗目录编码为空' };
  if (at(COLUMNS_1301.validFlag) === '0') return 'skip';
  const name = at(COLUMNS_1301.genericName) || at(COLUMNS_1301.tradeName);
  if (!name) return { line: row.line, code: 'catalogue-no-name', reason: '药品通用名和商品名均为空' };
  const raw = at(COLUMNS_1301.nationalClass);
  const parsed = parseClass(raw);
  if ('error' in parsed) return { line: row.line, code: 'catalogue-bad-value', reason: parsed.error };
  const cls = parsed.value ?? 'C';
  return {
    line: row.line,
    code,
    name,
    initials: pinyinInitials(name),
    specification: orNull(at(COLUMNS_1301.specification)),
    unit: null,
    price: null,
    class: cls,
    selfPayRatio: cls === 'B' ? (options.bRatio ?? null) : null,
    priceCap: null,
    specificDrug: null,
    barcode: orNull(at(COLUMNS_1301.standardCode)),
  };
}

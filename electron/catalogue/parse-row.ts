import type { CatalogueRow } from '../ledger';
import type { RawCell, RawRow } from '../roster';
import type { CatalogueColumn, CatalogueColumnIndex } from './columns';
import { pinyinInitials } from './initials';
import { orNull, parseAmount, parseClass, parseMark, parseRatio, type Parsed } from './values';

export interface RowRejection {
  line: number;
  code: string;
  reason: string;
}

/** Spreadsheet exports protect long numbers (barcodes) as ="6901…" or '6901…. */
const unprotect = (value: string) =>
  value
    .replace(/^="(.*)"$/, '$1')
    .replace(/^'/, '')
    .trim();
const text = (cell: RawCell | undefined) => (typeof cell === 'string' ? unprotect(cell) : '');

/** One row of the simple catalogue file → a catalogue row, or why it is refused. */
export function parseCatalogueRow(row: RawRow, columns: CatalogueColumnIndex): CatalogueRow | RowRejection {
  if (row.error) return { line: row.line, code: 'catalogue-bad-row', reason: row.error };
  const cell = (c: CatalogueColumn) => {
    const at = columns[c];
    return at === undefined ? '' : text(row.cells[at]);
  };
  if (row.cells.some((c) => typeof c === 'string' && c.includes('\uFFFD'))) {
    return { line: row.line, code: 'catalogue-bad-encoding', reason: '含无法识别的字符（文件编码应为 UTF-8 或 GBK）' };
  }
  const code = cell('code');
  if (!code) return { line: row.line, code: 'catalogue-no-code', reason: '药品编码为空' };
  if (code.length > 50) return { line: row.line, code: 'catalogue-bad-code', reason: `药品编码过长（最多 50 位）：${code.slice(0, 60)}` };
  const name = cell('name');
  if (!name) return { line: row.line, code: 'catalogue-no-name', reason: '药品名称为空' };

  const parsed = {
    price: parseAmount(cell('price'), '单价'),
    class: parseClass(cell('class')),
    selfPayRatio: parseRatio(cell('selfPayRatio')),
    priceCap: parseAmount(cell('priceCap'), '限价'),
    specificDrug: parseMark(cell('specificDrug')),
  };
  for (const p of Object.values(parsed) as Array<Parsed<unknown>>) {
    if ('error' in p) return { line: row.line, code: 'catalogue-bad-value', reason: p.error };
  }
  const value = <T>(p: Parsed<T>) => ('value' in p ? p.value : null);
  const price = value(parsed.price);
  if (price !== null && Number(price) === 0) return { line: row.line, code: 'catalogue-bad-value', reason: '单价不能为 0' };
  return {
    line: row.line,
    code,
    name,
    initials: pinyinInitials(name),
    specification: orNull(cell('specification')),
    unit: orNull(cell('unit')),
    price,
    class: value(parsed.class),
    selfPayRatio: value(parsed.selfPayRatio),
    priceCap: value(parsed.priceCap),
    specificDrug: value(parsed.specificDrug),
    barcode: orNull(cell('barcode')),
  };
}

export function isRejection(value: CatalogueRow | RowRejection): value is RowRejection {
  return 'reason' in value;
}

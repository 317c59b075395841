import { lineAmount, type BillLine, type LineClass } from '../../shared/engine';
import { type Decimal, ZERO, formatMoney } from '../../shared/money';

/** One row of the receipt's bill: every line of one fee category, split by catalogue class. */
export interface CategoryRow {
  label: string;
  lines: number;
  /** Amounts as money strings ("1234.50"). */
  amount: string;
  byClass: Record<LineClass, string>;
}

export const KIND_LABELS: Record<string, string> = {
  registration: '挂号费',
  diagnosis: '诊查费',
  drug: '药品费',
  item: '诊疗项目费',
  material: '医用材料费',
};
export const OTHER_LABEL = '其他';
/** The receipt keeps this many category rows; the smallest of the rest fold into 其他. */
export const DEFAULT_MAX_CATEGORY_ROWS = 8;

type LineLike = Pick<BillLine, 'price' | 'qty' | 'class' | 'kind'> & { category?: string };

interface Bucket {
  label: string;
  lines: number;
  amount: Decimal;
  byClass: Record<LineClass, Decimal>;
}

const emptyBucket = (label: string): Bucket => ({ label, lines: 0, amount: ZERO, byClass: { A: ZERO, B: ZERO, C: ZERO } });

function addTo(bucket: Bucket, lines: number, amount: Decimal, byClass: Record<LineClass, Decimal>): void {
  bucket.lines += lines;
  bucket.amount = bucket.amount.plus(amount);
  for (const c of ['A', 'B', 'C'] as const) bucket.byClass[c] = bucket.byClass[c].plus(byClass[c]);
}

/**
 * Groups the bill by fee category (a line's `category` when the HIS gave one, else its kind),
 * largest first; beyond `maxRows` the rest fold into one 其他 row, so any bill fits one page.
 * The rows always add up to the bill total (Σ round(price × qty)).
 */
export function groupByCategory(lines: readonly LineLike[], maxRows = DEFAULT_MAX_CATEGORY_ROWS): CategoryRow[] {
  const buckets = new Map<string, Bucket>();
  for (const line of lines) {
    const label = line.category?.trim() || (line.kind ? KIND_LABELS[line.kind] : undefined) || OTHER_LABEL;
    const bucket = buckets.get(label) ?? emptyBucket(label);
    buckets.set(label, bucket);
    const amount = lineAmount(line);
    addTo(bucket, 1, amount, { A: ZERO, B: ZERO, C: ZERO, [line.class]: amount });
  }
  const other = buckets.get(OTHER_LABEL) ?? emptyBucket(OTHER_LABEL);
  buckets.delete(OTHER_LABEL);
  const sorted = [...buckets.values()].sort((a, b) => b.amount.comparedTo(a.amount) || a.label.localeCompare(b.label, 'zh'));
  const keep = other.lines > 0 || sorted.length > maxRows ? Math.max(0, maxRows - 1) : sorted.length;
  for (const folded of sorted.slice(keep)) addTo(other, folded.lines, folded.amount, folded.byClass);
  const rows = sorted.slice(0, keep);
  if (other.lines > 0) rows.push(other);
  return rows.map((b) => ({
    label: b.label,
    lines: b.lines,
    amount: formatMoney(b.amount),
    byClass: { A: formatMoney(b.byClass.A), B: formatMoney(b.byClass.B), C: formatMoney(b.byClass.C) },
  }));
}

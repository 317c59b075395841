import Decimal from 'decimal.js';
import type { LineClass } from '../../shared/engine';

/** Cell readers shared by the simple file and the national 1301 file. Each answers a value, null (empty) or an error text. */
export type Parsed<T> = { value: T | null } | { error: string };

const CLASSES: Record<string, LineClass> = {
  A: 'A',
  甲: 'A',
  甲类: 'A',
  '01': 'A',
  '1': 'A',
  B: 'B',
  乙: 'B',
  乙类: 'B',
  '02': 'B',
  '2': 'B',
  C: 'C',
  丙: 'C',
  丙类: 'C',
  自费: 'C',
  目录外: 'C',
  '03': 'C',
  '3': 'C',
};

/** 甲/乙/丙 as files write them: A/B/C, 甲类…, or the platform's chrgitm_lv codes 01/02/03 (also 1/2/3, NT2's spelling). */
export function parseClass(text: string): Parsed<LineClass> {
  const t = text.trim().toUpperCase();
  if (!t) return { value: null };
  const c = CLASSES[t];
  return c ? { value: c } : { error: `类别无法识别：${text}（应为 甲/乙/丙、A/B/C 或 01/02/03）` };
}

const DECIMAL = /^\d+(\.\d{1,4})?$/;

/** A price or cap: a non-negative decimal, at most 4 places. */
export function parseAmount(text: string, label: string): Parsed<string> {
  const t = text.trim().replace(/^[¥￥]/, '');
  if (!t) return { value: null };
  if (!DECIMAL.test(t)) return { error: `${label}格式错误：${text}（应为非负数，最多 4 位小数）` };
  return { value: new Decimal(t).toString() };
}

/** A self-pay ratio 0…1 ("0.1"), or a percentage ("10%"). */
export function parseRatio(text: string): Parsed<string> {
  const t = text.trim();
  if (!t) return { value: null };
  const percent = t.endsWith('%');
  const digits = percent ? t.slice(0, -1).trim() : t;
  if (!/^\d+(\.\d+)?$/.test(digits)) return { error: `自付比例格式错误：${text}（应为 0～1 的小数或百分数，如 0.1 或 10%）` };
  const ratio = percent ? new Decimal(digits).div(100) : new Decimal(digits);
  if (ratio.gt(1)) return { error: `自付比例不能大于 1：${text}` };
  if (ratio.decimalPlaces() > 4) return { error: `自付比例最多 4 位小数：${text}` };
  return { value: ratio.toString() };
}

const YES = new Set(['是', 'Y', 'YES', '1', 'TRUE', '特药', '特殊药品', '√']);
const NO = new Set(['否', 'N', 'NO', '0', 'FALSE']);

export function parseMark(text: string): Parsed<boolean> {
  const t = text.trim().toUpperCase();
  if (!t) return { value: null };
  if (YES.has(t)) return { value: true };
  if (NO.has(t)) return { value: false };
  return { error: `特殊药品标记无法识别：${text}（应为 是/否）` };
}

export const orNull = (text: string | undefined): string | null => {
  const t = (text ?? '').trim();
  return t === '' ? null : t;
};

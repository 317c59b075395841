import type { RawCell } from './raw-row';
import { isCalendarDate } from '../../shared/time';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A roster date as "YYYY-MM-DD". Accepts 2020-03-05, 2020/3/5, 2020.3.5, 20200305,
 * 2020年3月5日 and XLSX date cells (which exceljs hands over at UTC midnight).
 * Undefined for anything else, including impossible dates such as 2020-02-30.
 */
export function parseRosterDate(cell: RawCell): string | undefined {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return undefined;
    return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  }
  const text = cell.trim();
  // Rosters repeat a handful of dates a million times: remember the answers (bounded).
  const known = cache.get(text);
  if (known !== undefined || cache.has(text)) return known;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const parsed = parseDateText(text);
  cache.set(text, parsed);
  return parsed;
}

const CACHE_LIMIT = 4096;
const cache = new Map<string, string | undefined>();

function parseDateText(text: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return isCalendarDate(iso) ? iso : undefined;
}

/**
 * The date a roster is for, as an import names it: "YYYY-MM" (the month; lists reach hospitals by
 * the 20th of the month before) or "YYYY-MM-DD". Answers it unchanged when valid, else undefined.
 */
export function validRosterDate(text: string): string | undefined {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return text;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseDateText(text) === text ? text : undefined;
}

/**
 * Calendar days as "YYYY-MM-DD" text: validity, arithmetic, and the month, quarter and year a
 * report covers (inclusive ranges of business dates). Calendar arithmetic only; no instant and
 * no zone is involved.
 */
import { DAY_MS } from './zone';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const utcDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** "2021-02-29" is not a calendar date; "2020-02-29" is. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && utcDay(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

/** `YYYYMMDD` → `YYYY-MM-DD`, or null when it is not a calendar date. */
export function compactDateToIso(compact: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return isCalendarDate(iso) ? iso : null;
}

/** A calendar date plus `days`. */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return utcDay(y, m, d + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const at = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((at(to) - at(from)) / DAY_MS);
}

export interface DayRange {
  from: string;
  to: string;
}

/** "2024-02" → 2024-02-01 … 2024-02-29; null when it is no month. */
export function monthRange(month: string): DayRange | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  return { from: `${month}-01`, to: utcDay(Number(m[1]), Number(m[2]) + 1, 0) };
}

/** "2021-Q1" → 2021-01-01 … 2021-03-31; null when it is no quarter. */
export function quarterRange(quarter: string): DayRange | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const first = (Number(m[2]) - 1) * 3 + 1;
  return { from: utcDay(Number(m[1]), first, 1), to: utcDay(Number(m[1]), first + 3, 0) };
}

/** 2021 → 2021-01-01 … 2021-12-31. */
export function yearRange(year: number): DayRange {
  return { from: `${String(year).padStart(4, '0')}-01-01`, to: `${String(year).padStart(4, '0')}-12-31` };
}

/** The quarter a date is in: "2021-03-15" → "2021-Q1". */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * An instant as the hospital's wall clock shows it, and back. Plain arithmetic on the UTC fields
 * of a shifted instant: neither the machine's zone nor Intl (which Node and Chromium ship
 * differently) is involved.
 */
import { OFFSET_MS } from './zone';

export interface WallFields {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function hospitalWall(at: Date): WallFields {
  const shifted = new Date(at.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

/** The instant at which the hospital's wall clock shows these fields (omitted ones are 0). */
export function atHospitalWall(f: Pick<WallFields, 'year' | 'month' | 'day'> & Partial<WallFields>): Date {
  return new Date(Date.UTC(f.year, f.month - 1, f.day, f.hour ?? 0, f.minute ?? 0, f.second ?? 0, f.millisecond ?? 0) - OFFSET_MS);
}

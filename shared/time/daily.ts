/** A time of day on the hospital's clock ("23:30" is 23:30 Beijing time) and when it next comes. */
import { atHospitalWall, hospitalWall } from './wall';
import { DAY_MS } from './zone';

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** "HH:MM" (or "H:MM") → hour and minute; null when it is not a time of day. */
export function parseTimeOfDay(text: string): TimeOfDay | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

/** The first instant after `from` (never `from` itself) at which the hospital's clock shows `at`. No DST: a day is always 24 h. */
export function nextTimeOfDay(from: Date, at: TimeOfDay): Date {
  const today = hospitalWall(from);
  const next = atHospitalWall({ year: today.year, month: today.month, day: today.day, hour: at.hour, minute: at.minute });
  return next.getTime() <= from.getTime() ? new Date(next.getTime() + DAY_MS) : next;
}

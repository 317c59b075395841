/**
 * Stamps back to instants: the ledger's own (any offset, so rows an older build wrote in the
 * machine's zone read right), ISO "Z" stamps, and offset-less wall times, which are the hospital's
 * (the national platform's yyyy-MM-dd HH:mm:ss). Parsed by hand: Date.parse of an offset-less
 * text is the machine's zone.
 */
import { wallTime } from './format';
import { atHospitalWall } from './wall';

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseStamp(text: string): Date | null {
  const m = STAMP.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', ms = '0', zone] = m as unknown as [string, string, string, string, string, string, string?, string?, string?];
  const fields = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s), millisecond: Number(ms.padEnd(3, '0')) };
  if (fields.month < 1 || fields.month > 12 || fields.day < 1 || fields.day > 31 || fields.hour > 23 || fields.minute > 59 || fields.second > 59) return null;
  const wall = atHospitalWall(fields);
  if (zone === undefined) return wall;
  const utc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
  if (zone === 'Z') return new Date(utc);
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const minutes = (Number(z[2]) * 60 + Number(z[3])) * (z[1] === '-' ? -1 : 1);
  return new Date(utc - minutes * 60_000);
}

/** Any stamp as the hospital's wall time for people ("2026-03-16 01:30:00"); text that is no stamp stays as it is. */
export function stampWallTime(text: string): string {
  const at = parseStamp(text);
  return at ? wallTime(at) : text;
}

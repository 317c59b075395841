/** Local-time stamps for the ledger: the cashier's day is the local calendar day. */

export type Clock = () => Date;

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** "2020-03-15" in local time. */
export function localDate(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** "2020-03-15T10:03:04.123+08:00": sortable within one time zone and unambiguous across them. */
export function localTimestamp(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}`;
  return `${localDate(at)}T${time}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** "2026-11-27T08:28:05.873+08:00" → "2026-11-27 08:28:05": the wall time a `localTimestamp` was written at, for people to read. */
export function wallTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})/.exec(text);
  return m ? `${m[1]} ${m[2]}` : text;
}

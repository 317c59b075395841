/** `YYYYMMDD` → `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function compactDateToIso(compact: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (!m) return null;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  const iso = `${y}-${mo}-${d}`;
  return date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Today's date in China (UTC+8, no DST) as `YYYY-MM-DD`: card validity is a Chinese calendar date. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A card whose last valid day is before today is expired; no expiry (long-term) never is. */
export function isExpired(validTo: string | null, today: string): boolean {
  return validTo !== null && validTo < today;
}

/** Card dates are the hospital's calendar dates (shared/time); a card's "today" is `businessDate(now)`. */
export { compactDateToIso } from '../time';

/** A card whose last valid day is before today is expired; no expiry (long-term) never is. */
export function isExpired(validTo: string | null, today: string): boolean {
  return validTo !== null && validTo < today;
}

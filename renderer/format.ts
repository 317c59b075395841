/**
 * "2026-11-27T08:27:01.873+08:00" → "2026-11-27 08:27:01": the wall time the ledger wrote (it writes
 * the terminal's local time with its offset), so the screen, the receipt and the ledger agree.
 */
export function formatTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(text);
  return m ? `${m[1]} ${m[2]}` : text;
}

/** 220102********0012: the middle of an ID number stays off the screen, for every length (shared/privacy). */
export { maskIdNumber as maskId } from '../shared/privacy';

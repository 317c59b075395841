/** Every text form of an instant the system writes, all in the hospital's zone whatever the machine's. */
import { hospitalWall } from './wall';
import { HOSPITAL_TIME_ZONE } from './zone';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-03-16": the business date (the hospital's calendar day) of an instant. */
export function businessDate(at: Date): string {
  const w = hospitalWall(at);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** "01:30": the hospital's clock, for people. */
export function clockTime(at: Date): string {
  const w = hospitalWall(at);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** "2026-03-16 01:30:00": wall time for people, and the national platform's yyyy-MM-dd HH:mm:ss (inf_time, setl_time, fee_ocur_time). */
export function wallTime(at: Date): string {
  const w = hospitalWall(at);
  return `${businessDate(at)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** "2026-03-16T01:30:00.000+08:00": the ledger's and the logs' stamp; sorts as text and names its own offset. */
export function ledgerStamp(at: Date): string {
  return `${wallTime(at).replace(' ', 'T')}.${pad(hospitalWall(at).millisecond, 3)}${HOSPITAL_TIME_ZONE.offset}`;
}

/** yyyyMMddHHmmss: the time part of a platform msgid. */
export function compactTime(at: Date): string {
  return wallTime(at).replace(/\D/g, '');
}

/** yyyyMMddHHmmssSSS: the platform's refmsg_time, respond_time. */
export function compactMillis(at: Date): string {
  return compactTime(at) + pad(hospitalWall(at).millisecond, 3);
}

/** The simulator's file store: what 9101 receives and what it offers for 9102 (§8.5, §16.2). */
import { compactTime, wallTime } from '../../shared/time';
import { nextCounter, type SimDb } from './db';

/** How long an offered file may be fetched (ours: one day; the platform names dld_endtime only). */
const KEEP_MS = 24 * 60 * 60 * 1000;

export interface StoredFile {
  fileQuryNo: string;
  filename: string;
  dldEndtime: string;
}

const dateTime = wallTime;

export function storeFile(db: SimDb, fixmedinsCode: string, filename: string, bytes: Buffer, now: Date): StoredFile {
  const fileQuryNo = `FQ${compactTime(now)}${String(nextCounter(db, 'file_qury_no')).padStart(8, '0')}`;
  const dldEndtime = dateTime(new Date(now.getTime() + KEEP_MS));
  db.prepare('INSERT INTO file VALUES (?, ?, ?, ?, ?, ?)').run(fileQuryNo, fixmedinsCode, filename, bytes, dldEndtime, now.toISOString());
  return { fileQuryNo, filename, dldEndtime };
}

/** A file this hospital may fetch: its own, by number, before its deadline. */
export function fetchFile(
  db: SimDb,
  fixmedinsCode: string,
  fileQuryNo: string,
  now: Date,
): { ok: true; bytes: Buffer; filename: string } | { ok: false; errMsg: string } {
  const row = db.prepare('SELECT filename, bytes, dld_endtime FROM file WHERE file_qury_no = ? AND fixmedins_code = ?').get(fileQuryNo, fixmedinsCode) as
    { filename: string; bytes: Buffer; dld_endtime: string } | undefined;
  if (!row) return { ok: false, errMsg: `未找到文件查询号 ${fileQuryNo} 对应的文件` };
  if (row.dld_endtime < dateTime(now)) return { ok: false, errMsg: `文件 ${fileQuryNo} 已过下载截止时间 ${row.dld_endtime}` };
  return { ok: true, bytes: row.bytes, filename: row.filename };
}

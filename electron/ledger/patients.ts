import type Database from 'better-sqlite3';
import { likeSubstring } from './sql-like';

export interface PatientSeen {
  certno: string;
  name: string;
  psnNo: string | null;
  region: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  visits: number;
}

const toPatient = (r: Record<string, string | number | null>): PatientSeen => ({
  certno: r.certno as string,
  name: r.name as string,
  psnNo: r.psn_no as string | null,
  region: r.region as string | null,
  firstSeenAt: r.first_seen_at as string,
  lastSeenAt: r.last_seen_at as string,
  visits: r.visits as number,
});

/** Patients this terminal has settled for (written by the settlement commit). */
export function createPatients(db: Database.Database) {
  function get(certno: string): PatientSeen | undefined {
    const row = db.prepare('SELECT * FROM patients WHERE certno = ?').get(certno) as Record<string, string | number | null> | undefined;
    return row && toPatient(row);
  }

  function search(text: string, limit = 20): PatientSeen[] {
    const like = likeSubstring(text);
    return (
      db
        .prepare(`SELECT * FROM patients WHERE name LIKE ? ESCAPE '\\' OR certno LIKE ? ESCAPE '\\' ORDER BY last_seen_at DESC LIMIT ?`)
        .all(like, like, limit) as Array<Record<string, string | number | null>>
    ).map(toPatient);
  }

  return { get, search };
}

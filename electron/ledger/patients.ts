import type { Engine } from './engine/types';
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

const toPatient = (r: Record<string, unknown>): PatientSeen => ({
  certno: r.certno as string,
  name: r.name as string,
  psnNo: r.psn_no as string | null,
  region: r.region as string | null,
  firstSeenAt: r.first_seen_at as string,
  lastSeenAt: r.last_seen_at as string,
  visits: r.visits as number,
});

/** Patients the ledger has settled for (written by the settlement commit). */
export function createPatients(db: Engine) {
  async function get(certno: string): Promise<PatientSeen | undefined> {
    const row = await db.get('SELECT * FROM patients WHERE certno = ?', [certno]);
    return row && toPatient(row);
  }

  async function search(text: string, limit = 20): Promise<PatientSeen[]> {
    const like = likeSubstring(text);
    const rows = await db.all(`SELECT * FROM patients WHERE name LIKE ? ESCAPE '\\' OR certno LIKE ? ESCAPE '\\' ORDER BY last_seen_at DESC LIMIT ?`, [
      like,
      like,
      limit,
    ]);
    return rows.map(toPatient);
  }

  return { get, search };
}

/**
 * The terminal's own record of each real-time settlement attempt, in a small SQLite file beside
 * the bureau client's state: the centre's visit (mdtrt_id), what was uploaded, the msgid of every
 * settling request whose answer is not yet known, and the centre's answer once it came. Every
 * write is committed before the next bureau call, so a backend killed mid-2304 knows on restart
 * which message to look up (5203) and reverse (2601) before settling again.
 */
import Database from 'better-sqlite3';
import type { CentreLine } from './lines';
import type { SettleAnswer } from './schemas';

export interface AttemptState {
  attemptId: string;
  mdtrtId: string;
  psnNo: string;
  /** The outpatient batch (chrg_bchno) of the uploaded lines. */
  chrgBchno: string | null;
  /** Digest of the uploaded lines: a changed bill is withdrawn and uploaded again. */
  linesDigest: string | null;
  feedetlSns: string[];
  /** The centre's answer for each uploaded line (its class, ratio, cap and split). */
  lines: CentreLine[];
  discharged: boolean;
  /** Settling requests (2207/2304) sent without an answer: their outcome is unknown. */
  pending: Array<{ msgid: string; infno: string }>;
  setlId: string | null;
  answer: SettleAnswer | null;
}

interface Row {
  attempt_id: string;
  mdtrt_id: string;
  psn_no: string;
  chrg_bchno: string | null;
  lines_digest: string | null;
  fee_sns: string;
  lines: string;
  discharged: number;
  pending: string;
  setl_id: string | null;
  answer: string | null;
}

export class RealtimeStateStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS realtime_attempt (
      attempt_id TEXT PRIMARY KEY, mdtrt_id TEXT NOT NULL, psn_no TEXT NOT NULL, chrg_bchno TEXT, lines_digest TEXT,
      fee_sns TEXT NOT NULL DEFAULT '[]', lines TEXT NOT NULL DEFAULT '[]', discharged INTEGER NOT NULL DEFAULT 0, pending TEXT NOT NULL DEFAULT '[]',
      setl_id TEXT, answer TEXT, updated_at TEXT NOT NULL
    )`);
  }

  get(attemptId: string): AttemptState | null {
    const row = this.db.prepare('SELECT * FROM realtime_attempt WHERE attempt_id = ?').get(attemptId) as Row | undefined;
    if (!row) return null;
    return {
      attemptId: row.attempt_id,
      mdtrtId: row.mdtrt_id,
      psnNo: row.psn_no,
      chrgBchno: row.chrg_bchno,
      linesDigest: row.lines_digest,
      feedetlSns: JSON.parse(row.fee_sns) as string[],
      lines: JSON.parse(row.lines) as CentreLine[],
      discharged: row.discharged === 1,
      pending: JSON.parse(row.pending) as AttemptState['pending'],
      setlId: row.setl_id,
      answer: row.answer ? (JSON.parse(row.answer) as SettleAnswer) : null,
    };
  }

  /** The person's attempts that left something at the centre: a settling message without answer, or a settlement. */
  unfinishedOf(psnNo: string): AttemptState[] {
    const rows = this.db
      .prepare("SELECT attempt_id FROM realtime_attempt WHERE psn_no = ? AND (pending != '[]' OR setl_id IS NOT NULL) ORDER BY updated_at")
      .all(psnNo) as Array<{ attempt_id: string }>;
    return rows.map((r) => this.get(r.attempt_id)!);
  }

  openVisit(attemptId: string, mdtrtId: string, psnNo: string): void {
    this.db.prepare("INSERT INTO realtime_attempt (attempt_id, mdtrt_id, psn_no, updated_at) VALUES (?, ?, ?, datetime('now'))").run(attemptId, mdtrtId, psnNo);
  }

  save(state: AttemptState): void {
    this.db
      .prepare(
        `UPDATE realtime_attempt SET chrg_bchno = ?, lines_digest = ?, fee_sns = ?, lines = ?, discharged = ?, pending = ?, setl_id = ?, answer = ?, updated_at = datetime('now') WHERE attempt_id = ?`,
      )
      .run(
        state.chrgBchno,
        state.linesDigest,
        JSON.stringify(state.feedetlSns),
        JSON.stringify(state.lines),
        state.discharged ? 1 : 0,
        JSON.stringify(state.pending),
        state.setlId,
        state.answer ? JSON.stringify(state.answer) : null,
        state.attemptId,
      );
  }

  close(): void {
    this.db.close();
  }
}

/**
 * The client's own small SQLite file: the persisted msgid sequence and the day's sign-in per
 * operator. Persisting the sequence is what keeps msgids unique across restarts (never random).
 */
import Database from 'better-sqlite3';

export interface SignInRecord {
  signNo: string;
  signTime: string;
}

export interface SignInKey {
  url: string;
  hospitalCode: string;
  operator: string;
  /** yyyy-MM-dd */
  date: string;
}

const SEQUENCE_MAX = 9999;

export class BureauStateStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS bureau_msgid_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
      INSERT OR IGNORE INTO bureau_msgid_sequence (id, last) VALUES (1, 0);
      CREATE TABLE IF NOT EXISTS bureau_sign_in (
        url TEXT NOT NULL, hospital_code TEXT NOT NULL, operator TEXT NOT NULL, sign_date TEXT NOT NULL,
        sign_no TEXT NOT NULL, sign_time TEXT NOT NULL,
        PRIMARY KEY (url, hospital_code, operator, sign_date)
      );
    `);
  }

  /** The next 4-digit sequence number, 1…9999 then round again; committed before it is used. */
  nextSequence(): number {
    const row = this.db.prepare(`UPDATE bureau_msgid_sequence SET last = (last % ${SEQUENCE_MAX}) + 1 WHERE id = 1 RETURNING last`).get() as { last: number };
    return row.last;
  }

  signIn(key: SignInKey): SignInRecord | null {
    const row = this.db
      .prepare('SELECT sign_no AS signNo, sign_time AS signTime FROM bureau_sign_in WHERE url = ? AND hospital_code = ? AND operator = ? AND sign_date = ?')
      .get(key.url, key.hospitalCode, key.operator, key.date) as SignInRecord | undefined;
    return row ?? null;
  }

  saveSignIn(key: SignInKey, record: SignInRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO bureau_sign_in VALUES (?, ?, ?, ?, ?, ?)')
      .run(key.url, key.hospitalCode, key.operator, key.date, record.signNo, record.signTime);
  }

  forgetSignIn(key: SignInKey): void {
    this.db
      .prepare('DELETE FROM bureau_sign_in WHERE url = ? AND hospital_code = ? AND operator = ? AND sign_date = ?')
      .run(key.url, key.hospitalCode, key.operator, key.date);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * The day-close record (日结). The ledger has no table for it, so the reports module keeps its own
 * in the same database file, created on first use (CREATE TABLE IF NOT EXISTS — outside the
 * ledger's numbered migrations, which belong to the ledger; the name is prefixed so that a later
 * ledger migration cannot collide with it). Append-only like the ledger's own books.
 *
 * `last_rowid` is the settlements rowid watermark at the moment of the close: a settlement of
 * that cashier with a higher rowid was committed after the close and belongs to the next day.
 */
import type Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS reports_day_close (
  business_day TEXT NOT NULL,
  operator_id TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  closed_by TEXT NOT NULL,
  last_rowid INTEGER NOT NULL,
  settlement_count INTEGER NOT NULL,
  reversal_count INTEGER NOT NULL,
  total_fen INTEGER NOT NULL,
  cash_fen INTEGER NOT NULL,
  summary_json TEXT NOT NULL,
  PRIMARY KEY (business_day, operator_id)
) STRICT;
CREATE TRIGGER IF NOT EXISTS reports_day_close_no_update BEFORE UPDATE ON reports_day_close
BEGIN SELECT RAISE(ABORT, 'ledger-append-only: reports_day_close rows are never updated'); END;
CREATE TRIGGER IF NOT EXISTS reports_day_close_no_delete BEFORE DELETE ON reports_day_close
BEGIN SELECT RAISE(ABORT, 'ledger-append-only: reports_day_close rows are never deleted'); END;
`;

const ready = new WeakSet<Database.Database>();

export function ensureCloseTable(db: Database.Database): void {
  if (ready.has(db)) return;
  if (!db.readonly) db.exec(SCHEMA);
  ready.add(db);
}

export interface CloseRow {
  business_day: string;
  operator_id: string;
  closed_at: string;
  closed_by: string;
  last_rowid: number;
  settlement_count: number;
  reversal_count: number;
  total_fen: number;
  cash_fen: number;
  summary_json: string;
}

export function listCloses(db: Database.Database, operatorId?: string): CloseRow[] {
  ensureCloseTable(db);
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reports_day_close'`).get();
  if (!exists) return [];
  return db
    .prepare('SELECT * FROM reports_day_close WHERE (@op IS NULL OR operator_id = @op) ORDER BY business_day, operator_id')
    .all({ op: operatorId ?? null }) as CloseRow[];
}

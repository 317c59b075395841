/**
 * The day-close record (日结): the ledger's `reports_day_close` table (ledger migration 2),
 * append-only like the ledger's own books.
 *
 * `last_rowid` is the settlements rowid watermark at the moment of the close: a settlement of
 * that cashier with a higher rowid was committed after the close and belongs to the next day.
 */
import type Database from 'better-sqlite3';

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
  return db
    .prepare('SELECT * FROM reports_day_close WHERE (@op IS NULL OR operator_id = @op) ORDER BY business_day, operator_id')
    .all({ op: operatorId ?? null }) as CloseRow[];
}

import type { Migration } from './types';
import { appendOnly } from './append-only';
import { DAY_CLOSE_PG } from './postgres-schema';

/**
 * The cashier's day close (日结), kept by electron/reports. `last_rowid` is the settlements rowid
 * watermark at the close: that cashier's settlements with a higher rowid belong to the next
 * business day. IF NOT EXISTS because development ledgers made before this migration already
 * have the table (the reports module used to create it on first use, with this same definition).
 */
export const dayClose: Migration = {
  id: 2,
  name: 'day-close',
  sql: `
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
${appendOnly('reports_day_close', { ifNotExists: true })}
`,
  postgres: DAY_CLOSE_PG,
};

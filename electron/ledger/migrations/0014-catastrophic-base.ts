import type { Migration } from './types';

/**
 * The rule in force before this migration: every region counted the copay1 of inpatient and
 * chronic-outpatient settlements toward 大病. The backfill of older rows follows it, and so does
 * their audit digest (row-digest.ts), so the upgrade changes no year-to-date and no digest.
 */
export const PRE_14_CATASTROPHIC_VISITS = ['inpatient', 'chronic-outpatient'] as const;

const BACKFILL = `UPDATE settlements SET catastrophic_base_fen = CASE WHEN visit IN (${PRE_14_CATASTROPHIC_VISITS.map((v) => `'${v}'`).join(', ')}) THEN copay1_fen ELSE 0 END;`;

/**
 * What each settlement adds to the person's 大病 year-to-date (ytd.catastrophicBase), as the engine
 * answered it under the policy in force (`catastrophic.accumulatingVisits`); a reversal negates it.
 * Settlements are append-only: the backfill lifts the update guard for this one statement, inside
 * the migration's transaction, and puts it back.
 */
export const catastrophicBase: Migration = {
  id: 14,
  name: 'catastrophic-base',
  sql: `
ALTER TABLE settlements ADD COLUMN catastrophic_base_fen INTEGER NOT NULL DEFAULT 0;
DROP TRIGGER settlements_no_update;
${BACKFILL}
CREATE TRIGGER settlements_no_update BEFORE UPDATE ON settlements
BEGIN SELECT RAISE(ABORT, 'ledger-append-only: settlements rows are never updated'); END;
`,
  postgres: `
ALTER TABLE settlements ADD COLUMN catastrophic_base_fen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE settlements DISABLE TRIGGER settlements_no_update;
${BACKFILL}
ALTER TABLE settlements ENABLE TRIGGER settlements_no_update;
ALTER TABLE settlements ALTER COLUMN catastrophic_base_fen DROP DEFAULT;
`,
};

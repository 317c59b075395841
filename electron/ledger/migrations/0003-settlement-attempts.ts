import type { Migration } from './types';
import { appendOnly } from './append-only';
import { appendOnlyPg } from './append-only-pg';

/**
 * The window's key of each settlement attempt (attemptId), stored in the commit's own transaction:
 * a commit repeated after a lost answer or a restart finds its settlement here instead of settling twice.
 */
export const settlementAttempts: Migration = {
  id: 3,
  name: 'settlement-attempts',
  sql: `
CREATE TABLE settlement_attempts (
  attempt_id TEXT PRIMARY KEY,
  settlement_id TEXT NOT NULL UNIQUE REFERENCES settlements (id),
  operator_id TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
${appendOnly('settlement_attempts')}
`,
  postgres: `
CREATE TABLE settlement_attempts (
  attempt_id TEXT PRIMARY KEY,
  settlement_id TEXT NOT NULL UNIQUE REFERENCES settlements (id),
  operator_id TEXT NOT NULL,
  at TEXT NOT NULL
);
${appendOnlyPg('settlement_attempts')}
`,
};

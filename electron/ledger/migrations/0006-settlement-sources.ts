import type { Migration } from './types';
import { appendOnly } from './append-only';
import { appendOnlyPg } from './append-only-pg';

/**
 * Where a settlement's person context came from: online (the bureau) or offline (the local roster
 * of `roster_date`, year-to-date from this hospital's ledger only). The receipt prints it.
 */
export const settlementSources: Migration = {
  id: 6,
  name: 'settlement-sources',
  sql: `
CREATE TABLE settlement_sources (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements (id),
  online INTEGER NOT NULL CHECK (online IN (0, 1)),
  roster_date TEXT
) STRICT;
${appendOnly('settlement_sources')}
`,
  postgres: `
CREATE TABLE settlement_sources (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements (id),
  online INTEGER NOT NULL CHECK (online IN (0, 1)),
  roster_date TEXT
);
${appendOnlyPg('settlement_sources')}
`,
};

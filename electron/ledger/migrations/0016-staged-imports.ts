import type { Migration } from './types';

/**
 * A roster or catalogue import writes its rows in short transactions of their own (so a settlement
 * commit never waits behind a million-row import) into a version that no look-up sees until one
 * last short transaction publishes it. `staged_by` is the importing terminal's id while the version
 * is being written; NULL once published (every version written before this migration).
 */
export const stagedImports: Migration = {
  id: 16,
  name: 'staged-imports',
  sql: `ALTER TABLE roster_versions ADD COLUMN staged_by TEXT;
ALTER TABLE catalogue_versions ADD COLUMN staged_by TEXT;`,
  postgres: `ALTER TABLE roster_versions ADD COLUMN staged_by TEXT;
ALTER TABLE catalogue_versions ADD COLUMN staged_by TEXT;`,
};

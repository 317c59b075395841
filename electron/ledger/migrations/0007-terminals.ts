import type { Migration } from './types';

/**
 * The windows sharing this ledger: a terminal id belongs to one machine (settlement ids carry it,
 * so two machines with one id would mix their sequences). Not append-only: `last_seen_at` moves.
 */
export const terminals: Migration = {
  id: 7,
  name: 'terminals',
  sql: `
CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  machine TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) STRICT;
`,
  postgres: `
CREATE TABLE terminals (
  id TEXT PRIMARY KEY,
  machine TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
`,
};

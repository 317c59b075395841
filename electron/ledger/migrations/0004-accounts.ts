import type { Migration } from './types';
import { appendOnly } from './append-only';

/**
 * Real accounts: every login and supervisor approval (ok or refused) for the lockout, the passwords
 * an operator had (the last 3 may not be chosen again), and which operators are the demo accounts
 * (usable only in demo mode; the two created by ensureDemoOperators before this migration are).
 */
export const accounts: Migration = {
  id: 4,
  name: 'accounts',
  sql: `
CREATE TABLE auth_attempts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('login', 'approval', 'unlock', 'reset')),
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX auth_attempts_by_user ON auth_attempts (username, id);
${appendOnly('auth_attempts')}

CREATE TABLE password_history (
  id INTEGER PRIMARY KEY,
  operator_id TEXT NOT NULL REFERENCES operators (id),
  password_hash TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX password_history_by_operator ON password_history (operator_id, id);
${appendOnly('password_history')}

ALTER TABLE operators ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1));
UPDATE operators SET demo = 1 WHERE id IN ('cashier', 'supervisor');
`,
};

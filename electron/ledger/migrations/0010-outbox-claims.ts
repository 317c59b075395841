import type { Migration } from './types';

/**
 * Who is sending an outbox row, until when: two uploaders (two windows of one hospital) never
 * send the same row at the same time, and a claim whose uploader died lapses for the next run.
 */
export const outboxClaims: Migration = {
  id: 10,
  name: 'outbox-claims',
  sql: `
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claim_until_ms INTEGER;
`,
  postgres: `
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claim_until_ms BIGINT;
`,
};

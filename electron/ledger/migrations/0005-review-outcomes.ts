import type { Migration } from './types';
import { appendOnly } from './append-only';
import { appendOnlyPg } from './append-only-pg';

/**
 * Jiangmen expert review outcomes (专家审核结论): who reviewed, their opinion, the part of 个人自费
 * found not reasonable, and — for a partial or negative outcome — the reversal of the pending
 * settlement and the settlement re-made with `review.disallowed`, so each links to the other.
 */
export const reviewOutcomes: Migration = {
  id: 5,
  name: 'review-outcomes',
  sql: `
CREATE TABLE review_outcomes (
  original_id TEXT PRIMARY KEY REFERENCES settlements (id),
  reviewer TEXT NOT NULL,
  opinion TEXT NOT NULL,
  disallowed_fen INTEGER NOT NULL CHECK (disallowed_fen >= 0),
  reversal_id TEXT REFERENCES settlements (id),
  remade_id TEXT UNIQUE REFERENCES settlements (id),
  operator_id TEXT NOT NULL,
  supervisor_id TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
${appendOnly('review_outcomes')}
`,
  postgres: `
CREATE TABLE review_outcomes (
  original_id TEXT PRIMARY KEY REFERENCES settlements (id),
  reviewer TEXT NOT NULL,
  opinion TEXT NOT NULL,
  disallowed_fen BIGINT NOT NULL CHECK (disallowed_fen >= 0),
  reversal_id TEXT REFERENCES settlements (id),
  remade_id TEXT UNIQUE REFERENCES settlements (id),
  operator_id TEXT NOT NULL,
  supervisor_id TEXT NOT NULL,
  at TEXT NOT NULL
);
${appendOnlyPg('review_outcomes')}
`,
};

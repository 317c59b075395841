import type { Migration } from './types';
import { appendOnly } from './append-only';
import { appendOnlyPg } from './append-only-pg';

/**
 * A real-time settlement cancelled at the centre (2305 / 2208, issue #14). `realtime_cancels`: the
 * msgid of every cancelling request, written before it is sent (so a lost answer is looked up and
 * reversed, never cancelled twice); `realtime_cancel_outcomes`: a request the centre refused or
 * that was reversed (2601); `realtime_reversals`: the centre's negated answer, written with the
 * local reversal in its transaction. A request with neither an outcome nor a reversal is pending.
 * All append-only.
 */
const tables = (json: string) => `
CREATE TABLE realtime_cancels (
  msgid TEXT PRIMARY KEY,
  original_id TEXT NOT NULL REFERENCES settlements (id),
  infno TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  sent_at TEXT NOT NULL
)__STRICT__;
CREATE INDEX realtime_cancels_by_original ON realtime_cancels (original_id);
CREATE TABLE realtime_cancel_outcomes (
  msgid TEXT PRIMARY KEY REFERENCES realtime_cancels (msgid),
  outcome TEXT NOT NULL CHECK (outcome IN ('refused', 'reversed')),
  note TEXT NOT NULL,
  at TEXT NOT NULL
)__STRICT__;
CREATE TABLE realtime_reversals (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements (id),
  original_id TEXT NOT NULL UNIQUE REFERENCES settlements (id),
  msgid TEXT NOT NULL UNIQUE REFERENCES realtime_cancels (msgid),
  setl_id TEXT NOT NULL,
  mdtrt_id TEXT NOT NULL,
  centre_json ${json} NOT NULL
)__STRICT__`;

const TABLES = ['realtime_cancels', 'realtime_cancel_outcomes', 'realtime_reversals'];

export const realtimeCancellations: Migration = {
  id: 15,
  name: 'realtime-cancellations',
  sql: `${tables('TEXT').replaceAll('__STRICT__', ' STRICT')};\n${TABLES.map((t) => appendOnly(t)).join('')}`,
  postgres: `${tables('TEXT').replaceAll('__STRICT__', '')};\n${TABLES.map((t) => appendOnlyPg(t)).join('')}`,
};

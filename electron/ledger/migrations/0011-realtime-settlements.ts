import type { Migration } from './types';
import { appendOnly } from './append-only';
import { appendOnlyPg } from './append-only-pg';

/**
 * A real-time settlement (issue #14): the centre's answer (setl_id, mdtrt_id, the settling msgid,
 * its setlinfo and setldetail as received) and OneBill's own national settlement of the same bill
 * with the cross-check, written in the commit's transaction beside the settlement (whose amounts
 * are the centre's three plus the fourth layer). Append-only.
 */
const table = (json: string) => `
CREATE TABLE realtime_settlements (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements (id),
  setl_id TEXT NOT NULL,
  mdtrt_id TEXT NOT NULL,
  msgid TEXT NOT NULL,
  centre_json ${json} NOT NULL,
  local_json ${json} NOT NULL,
  check_json ${json} NOT NULL,
  difference_fen INTEGER NOT NULL
)`;

export const realtimeSettlements: Migration = {
  id: 11,
  name: 'realtime-settlements',
  sql: `
${table('TEXT')} STRICT;
CREATE INDEX realtime_settlements_by_setl_id ON realtime_settlements (setl_id);
${appendOnly('realtime_settlements')}
`,
  postgres: `
${table('TEXT')};
CREATE INDEX realtime_settlements_by_setl_id ON realtime_settlements (setl_id);
${appendOnlyPg('realtime_settlements')}
`,
};

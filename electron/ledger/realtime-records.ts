import type { Engine, Queryable } from './engine/types';
import { toFen } from '../../shared/money';

/** What the ledger keeps of a real-time settlement beside the settlement itself (migration 11). */
export interface RealtimeRecord {
  setlId: string;
  mdtrtId: string;
  /** The msgid of the settling request the centre answered (its medins_setl_id). */
  msgid: string;
  /** The centre's answer as received (setlinfo + setldetail). */
  centre: unknown;
  /** OneBill's own national settlement of the same bill (amounts and trace). */
  local: unknown;
  /** The cross-check: differences, largest, likely input, summary. */
  check: { largest: string } & Record<string, unknown>;
}

/** Writes a real-time record in the commit's transaction; reads it back for receipts and screens. */
export function createRealtimeRecords(db: Engine) {
  function writer(record: RealtimeRecord) {
    return (tx: Queryable, settlementId: string) =>
      tx.run(
        'INSERT INTO realtime_settlements (settlement_id, setl_id, mdtrt_id, msgid, centre_json, local_json, check_json, difference_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          settlementId,
          record.setlId,
          record.mdtrtId,
          record.msgid,
          JSON.stringify(record.centre),
          JSON.stringify(record.local),
          JSON.stringify(record.check),
          toFen(record.check.largest),
        ],
      );
  }

  async function recordOf(settlementId: string): Promise<RealtimeRecord | null> {
    const row = await db.get<{ setl_id: string; mdtrt_id: string; msgid: string; centre_json: string; local_json: string; check_json: string }>(
      'SELECT setl_id, mdtrt_id, msgid, centre_json, local_json, check_json FROM realtime_settlements WHERE settlement_id = ?',
      [settlementId],
    );
    if (!row) return null;
    return {
      setlId: row.setl_id,
      mdtrtId: row.mdtrt_id,
      msgid: row.msgid,
      centre: JSON.parse(row.centre_json),
      local: JSON.parse(row.local_json),
      check: JSON.parse(row.check_json) as RealtimeRecord['check'],
    };
  }

  /** The centre's setl_id of each of these settlements (the 4101 list of a real-time settlement names it). */
  async function setlIdsOf(settlementIds: readonly string[]): Promise<Map<string, string>> {
    if (settlementIds.length === 0) return new Map();
    const rows = await db.all<{ settlement_id: string; setl_id: string }>(
      `SELECT settlement_id, setl_id FROM realtime_settlements WHERE settlement_id IN (${settlementIds.map(() => '?').join(', ')})`,
      [...settlementIds],
    );
    return new Map(rows.map((r) => [r.settlement_id, r.setl_id]));
  }

  return { writer, recordOf, setlIdsOf };
}

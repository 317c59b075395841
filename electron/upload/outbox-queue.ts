/**
 * The uploader's view of the ledger's outbox. Reads go straight to the `outbox` table (read-only
 * SQL: the ledger's `outboxPending` lists only 'pending', but a row left in 'sent' by a crash must
 * be sent again too); every write goes through the ledger's own `markOutbox`.
 */
import type { SettlementInput } from '../../shared/engine/schema';
import type { Ledger } from '../ledger';
import { SUMMARY_SELECT, toSummary, type SummaryRow } from '../ledger/settlement-record';
import type { UploadSource } from './upload-record';

export function createOutboxQueue(ledger: Pick<Ledger, 'db'>) {
  const due = ledger.db.prepare(
    `SELECT settlement_id FROM outbox WHERE status IN ('pending', 'sent') ORDER BY created_at, settlement_id`,
  ).pluck();
  const rejected = ledger.db.prepare(
    `SELECT o.settlement_id AS id, o.last_error AS error, o.attempts, o.updated_at AS at, s.patient_name AS name, s.total_fen AS totalFen
     FROM outbox o JOIN settlements s ON s.id = o.settlement_id WHERE o.status = 'rejected' ORDER BY o.created_at, o.settlement_id`,
  );

  // One query per batch instead of the ledger's full record per id (events, trace, prints are not uploaded).
  const forUpload = ledger.db.prepare(`SELECT ${SUMMARY_SELECT}, s.input_json FROM settlements s WHERE s.id IN (SELECT value FROM json_each(?))`);

  function sourcesFor(ids: readonly string[]): UploadSource[] {
    const rows = forUpload.all(JSON.stringify(ids)) as Array<SummaryRow & { input_json: string }>;
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) throw new Error(`outbox names a settlement the ledger does not hold: ${id}`);
      return { ...toSummary(row), input: JSON.parse(row.input_json) as SettlementInput };
    });
  }

  return {
    sourcesFor,
    /** Ids waiting to go up, oldest first (so an original always precedes its reversal). */
    dueIds: (): string[] => due.all() as string[],
    /** Records the bureau refused: they wait for a person, with the bureau's message. */
    rejected: () => rejected.all() as Array<{ id: string; error: string | null; attempts: number; at: string; name: string; totalFen: number }>,
  };
}

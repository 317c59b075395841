import type { SettlementInput } from '../../shared/engine';
import { localTimestamp, type Clock } from './clock';
import type { Engine } from './engine/types';
import type { Queries } from './queries';
import { fail, ok, type Result } from './result';
import { SUMMARY_SELECT, toSummary, type OutboxState, type SettlementRecord, type SettlementSummary, type SummaryRow } from './settlement-record';

export type OutboxStatus = OutboxState['status'];

export interface OutboxItem {
  settlementId: string;
  attempts: number;
  lastError: string | null;
  settlement: SettlementRecord;
}

export interface OutboxUpdate {
  settlementId: string;
  /** `sent` counts an attempt; `pending` puts a failed send back in the queue. */
  status: OutboxStatus;
  error?: string;
  /** The bureau's settlement id (setl_id) from a 4101 acknowledgement. */
  bureauSetlId?: string;
}

/** A settlement as the uploader sends it: its summary and its engine input. */
export type UploadSettlement = SettlementSummary & { input: SettlementInput };

export interface RejectedUpload {
  id: string;
  error: string | null;
  attempts: number;
  at: string;
  name: string;
  totalFen: number;
}

const STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'acked', 'rejected'];

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The upload queue. Unlike the settlement record, its rows change status as uploads progress. */
export function createOutbox(db: Engine, queries: Queries, now: Clock) {
  async function outboxPending(limit = 500): Promise<OutboxItem[]> {
    const ids = await db.all<{ settlement_id: string }>(`SELECT settlement_id FROM outbox WHERE status = 'pending' ORDER BY created_at, settlement_id LIMIT ?`, [limit]);
    return Promise.all(
      ids.map(async ({ settlement_id: id }) => {
        const settlement = (await queries.getSettlement(id))!;
        return { settlementId: id, attempts: settlement.outbox!.attempts, lastError: settlement.outbox!.lastError, settlement };
      }),
    );
  }

  /** Applies all updates in one transaction; an acknowledged record stays acknowledged. */
  async function markOutbox(updates: OutboxUpdate | OutboxUpdate[]): Promise<Result<number>> {
    const list = Array.isArray(updates) ? updates : [updates];
    const bad = list.find((u) => !STATUSES.includes(u.status));
    if (bad) return fail('outbox-bad-status', `上传队列状态未知：${String(bad.status)}`);
    return db.transaction(async (tx): Promise<Result<number>> => {
      for (const u of list) {
        const was = await tx.value<OutboxStatus>('SELECT status FROM outbox WHERE settlement_id = ?', [u.settlementId]);
        if (!was) return fail('outbox-not-found', `上传队列中没有该结算单：${u.settlementId}`);
        if (was === 'acked' && u.status !== 'acked') return fail('outbox-already-acked', `该结算单医保已确认，不能改回：${u.settlementId}`);
      }
      const at = localTimestamp(now());
      for (const u of list) {
        await tx.run(
          `UPDATE outbox SET status = @status, attempts = attempts + @attempt, last_error = @error,
             bureau_setl_id = coalesce(@setlId, bureau_setl_id), updated_at = @at WHERE settlement_id = @id`,
          { id: u.settlementId, status: u.status, attempt: u.status === 'sent' ? 1 : 0, error: u.error ?? null, setlId: u.bureauSetlId ?? null, at },
        );
      }
      return ok(list.length);
    });
  }

  async function outboxCounts(): Promise<Record<OutboxStatus, number> & { total: number }> {
    const result = { pending: 0, sent: 0, acked: 0, rejected: 0, total: 0 };
    for (const row of await db.all<{ status: OutboxStatus; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status')) {
      result[row.status] = Number(row.n);
      result.total += Number(row.n);
    }
    return result;
  }

  /**
   * Ids waiting to go up, oldest first (so an original always precedes its reversal): 'pending',
   * and 'sent' too — a row left in 'sent' by a crash must be sent again.
   */
  async function outboxDueIds(): Promise<string[]> {
    const rows = await db.all<{ settlement_id: string }>(`SELECT settlement_id FROM outbox WHERE status IN ('pending', 'sent') ORDER BY created_at, settlement_id`);
    return rows.map((r) => r.settlement_id);
  }

  /** The commit days of the settlements waiting to go up (the days to reconcile after an upload). */
  async function outboxDueDays(): Promise<string[]> {
    const rows = await db.all<{ day: string }>(
      `SELECT DISTINCT s.committed_on AS day FROM outbox o JOIN settlements s ON s.id = o.settlement_id WHERE o.status IN ('pending', 'sent') ORDER BY 1`,
    );
    return rows.map((r) => r.day);
  }

  /** Records the bureau refused: they wait for a person, with the bureau's message. */
  async function outboxRejected(): Promise<RejectedUpload[]> {
    const rows = await db.all<RejectedUpload>(
      `SELECT o.settlement_id AS id, o.last_error AS error, o.attempts, o.updated_at AS at, s.patient_name AS name, s.total_fen AS "totalFen"
       FROM outbox o JOIN settlements s ON s.id = o.settlement_id WHERE o.status = 'rejected' ORDER BY o.created_at, o.settlement_id`,
    );
    return rows.map((r) => ({ ...r, attempts: Number(r.attempts), totalFen: Number(r.totalFen) }));
  }

  /** One query per batch instead of the full record per id (events, trace, prints are not uploaded). */
  async function uploadSources(ids: readonly string[]): Promise<UploadSettlement[]> {
    if (ids.length === 0) return [];
    const rows = await db.all<SummaryRow & { input_json: string }>(`SELECT ${SUMMARY_SELECT}, s.input_json FROM settlements s WHERE s.id IN (${placeholders(ids.length)})`, ids);
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) throw new Error(`outbox names a settlement the ledger does not hold: ${id}`);
      return { ...toSummary(row), input: JSON.parse(row.input_json) as SettlementInput };
    });
  }

  return { outboxPending, markOutbox, outboxCounts, outboxDueIds, outboxDueDays, outboxRejected, uploadSources };
}

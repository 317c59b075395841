import type Database from 'better-sqlite3';
import { localTimestamp, type Clock } from './clock';
import type { Queries } from './queries';
import { fail, ok, type Result } from './result';
import type { OutboxState, SettlementRecord } from './settlement-record';

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

const STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'acked', 'rejected'];

/** The upload queue. Unlike the settlement record, its rows change status as uploads progress. */
export function createOutbox(db: Database.Database, queries: Queries, now: Clock) {
  const pending = db.prepare(`SELECT settlement_id FROM outbox WHERE status = 'pending' ORDER BY created_at, settlement_id LIMIT ?`).pluck();
  const current = db.prepare('SELECT status FROM outbox WHERE settlement_id = ?').pluck();
  const update = db.prepare(
    `UPDATE outbox SET status = @status, attempts = attempts + @attempt, last_error = @error,
       bureau_setl_id = coalesce(@setlId, bureau_setl_id), updated_at = @at WHERE settlement_id = @id`,
  );
  const counts = db.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status');

  function outboxPending(limit = 500): OutboxItem[] {
    return (pending.all(limit) as string[]).map((id) => {
      const settlement = queries.getSettlement(id)!;
      return { settlementId: id, attempts: settlement.outbox!.attempts, lastError: settlement.outbox!.lastError, settlement };
    });
  }

  /** Applies all updates in one transaction; an acknowledged record stays acknowledged. */
  function markOutbox(updates: OutboxUpdate | OutboxUpdate[]): Result<number> {
    const list = Array.isArray(updates) ? updates : [updates];
    const bad = list.find((u) => !STATUSES.includes(u.status));
    if (bad) return fail('outbox-bad-status', `上传队列状态未知：${String(bad.status)}`);
    return db
      .transaction((): Result<number> => {
        for (const u of list) {
          const was = current.get(u.settlementId) as OutboxStatus | undefined;
          if (!was) return fail('outbox-not-found', `上传队列中没有该结算单：${u.settlementId}`);
          if (was === 'acked' && u.status !== 'acked') return fail('outbox-already-acked', `该结算单医保已确认，不能改回：${u.settlementId}`);
        }
        const at = localTimestamp(now());
        for (const u of list) {
          update.run({ id: u.settlementId, status: u.status, attempt: u.status === 'sent' ? 1 : 0, error: u.error ?? null, setlId: u.bureauSetlId ?? null, at });
        }
        return ok(list.length);
      })
      .immediate();
  }

  function outboxCounts(): Record<OutboxStatus, number> & { total: number } {
    const result = { pending: 0, sent: 0, acked: 0, rejected: 0, total: 0 };
    for (const row of counts.all() as Array<{ status: OutboxStatus; n: number }>) {
      result[row.status] = row.n;
      result.total += row.n;
    }
    return result;
  }

  return { outboxPending, markOutbox, outboxCounts };
}

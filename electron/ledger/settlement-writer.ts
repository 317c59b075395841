import { businessDate, ledgerStamp, type Clock } from '../../shared/time';
import type { Queryable } from './engine/types';
import type { SettlementStatus } from './settlement-record';

/**
 * The statements every settlement-shaped write shares (commit and reversal): the id sequence,
 * the status event and the outbox row. Call inside the caller's write transaction.
 */
export function createSettlementWriter(now: Clock, terminalId: string) {
  /**
   * Terminal id + local date + a persisted per-terminal, per-day sequence: "T01-20200315-000042".
   * The terminal id in the id keeps ids unique across the windows sharing one ledger. A ledger
   * written before the counter was per terminal carries on from its old day counter.
   */
  async function nextSettlementId(tx: Queryable, at: Date): Promise<string> {
    const day = businessDate(at).replaceAll('-', '');
    const seq = await tx.value<number>(
      `INSERT INTO counters (name, value)
       VALUES (@name, 1 + coalesce((SELECT c.value FROM counters c WHERE c.name = @legacy), 0))
       ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
      { name: `settlement-seq:${terminalId}:${day}`, legacy: `settlement-seq:${day}` },
    );
    return `${terminalId}-${day}-${String(seq).padStart(6, '0')}`;
  }

  /** Answers the event's id (for the audit row that covers it). */
  async function recordEvent(tx: Queryable, settlementId: string, status: SettlementStatus, operatorId: string, note: string | null = null): Promise<number> {
    const id = await tx.value('INSERT INTO settlement_events (settlement_id, status, operator_id, at, note) VALUES (?, ?, ?, ?, ?) RETURNING id', [
      settlementId,
      status,
      operatorId,
      ledgerStamp(now()),
      note,
    ]);
    return Number(id);
  }

  async function enqueueUpload(tx: Queryable, settlementId: string, at: string): Promise<void> {
    await tx.run(`INSERT INTO outbox (settlement_id, status, attempts, created_at, updated_at) VALUES (?, 'pending', 0, ?, ?)`, [settlementId, at, at]);
  }

  return { nextSettlementId, recordEvent, enqueueUpload };
}

export type SettlementWriter = ReturnType<typeof createSettlementWriter>;

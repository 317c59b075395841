import type Database from 'better-sqlite3';
import { localDate, localTimestamp, type Clock } from './clock';
import type { SettlementStatus } from './settlement-record';

/**
 * The statements every settlement-shaped write shares (commit and reversal): the id sequence,
 * the status event and the outbox row. Call inside the caller's write transaction.
 */
export function createSettlementWriter(db: Database.Database, now: Clock, terminalId: string) {
  const bumpCounter = db
    .prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value')
    .pluck();
  const insertEvent = db.prepare(
    'INSERT INTO settlement_events (settlement_id, status, operator_id, at, note) VALUES (?, ?, ?, ?, ?)',
  );
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (settlement_id, status, attempts, created_at, updated_at) VALUES (?, 'pending', 0, ?, ?)`,
  );

  /** Terminal id + local date + a persisted per-day sequence: "T01-20200315-000042". */
  function nextSettlementId(at: Date): string {
    const day = localDate(at).replaceAll('-', '');
    const seq = bumpCounter.get(`settlement-seq:${day}`) as number;
    return `${terminalId}-${day}-${String(seq).padStart(6, '0')}`;
  }

  /** Answers the event's id (for the audit row that covers it). */
  function recordEvent(settlementId: string, status: SettlementStatus, operatorId: string, note: string | null = null): number {
    return Number(insertEvent.run(settlementId, status, operatorId, localTimestamp(now()), note).lastInsertRowid);
  }

  function enqueueUpload(settlementId: string, at: string): void {
    insertOutbox.run(settlementId, at, at);
  }

  return { nextSettlementId, recordEvent, enqueueUpload };
}

export type SettlementWriter = ReturnType<typeof createSettlementWriter>;

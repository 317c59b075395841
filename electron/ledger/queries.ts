import type Database from 'better-sqlite3';
import type { SettlementInput, TraceStep } from '../../shared/engine/schema';
import { toFen } from '../../shared/money';
import {
  SUMMARY_SELECT,
  toSummary,
  type OutboxState,
  type SettlementEvent,
  type SettlementRecord,
  type SettlementSummary,
  type SummaryRow,
} from './settlement-record';
import { likeSubstring } from './sql-like';

export interface ListSettlementsQuery {
  /** Local commit day, inclusive, "YYYY-MM-DD". */
  from?: string;
  to?: string;
  /** Substring of the patient's name or certno. */
  patient?: string;
  /** Bounds on `total`, inclusive, as amount strings. */
  minAmount?: string;
  maxAmount?: string;
  kind?: 'settlement' | 'reversal';
  limit?: number;
}

const MAX_LIMIT = 1000;

export function createQueries(db: Database.Database) {
  const byId = db.prepare(`SELECT ${SUMMARY_SELECT}, s.input_json, s.trace_json FROM settlements s WHERE s.id = ?`);
  const events = db.prepare('SELECT status, operator_id, at, note FROM settlement_events WHERE settlement_id = ? ORDER BY id');
  const reversal = db.prepare('SELECT supervisor_id, reason, at FROM reversals WHERE settlement_id = ?');
  const bill = db.prepare(
    'SELECT source FROM bills WHERE settlement_id = coalesce((SELECT reverses_id FROM settlements WHERE id = ?), ?)',
  ).pluck();
  const outbox = db.prepare('SELECT status, attempts, last_error, bureau_setl_id, created_at, updated_at FROM outbox WHERE settlement_id = ?');
  const prints = db.prepare('SELECT count(*) FROM receipt_prints WHERE settlement_id = ?').pluck();
  const list = db.prepare(
    `SELECT ${SUMMARY_SELECT} FROM settlements s
     WHERE (@from IS NULL OR s.committed_on >= @from)
       AND (@to IS NULL OR s.committed_on <= @to)
       AND (@patient IS NULL OR s.patient_name LIKE @patient ESCAPE '\\' OR s.patient_certno LIKE @patient ESCAPE '\\')
       AND (@min IS NULL OR s.total_fen >= @min)
       AND (@max IS NULL OR s.total_fen <= @max)
       AND (@kind IS NULL OR s.kind = @kind)
     ORDER BY s.committed_at DESC, s.id DESC
     LIMIT @limit`,
  );

  function getSettlement(id: string): SettlementRecord | undefined {
    const row = byId.get(id) as (SummaryRow & { input_json: string; trace_json: string }) | undefined;
    if (!row) return undefined;
    const rev = reversal.get(id) as { supervisor_id: string; reason: string; at: string } | undefined;
    const box = outbox.get(id) as Record<string, string | number | null> | undefined;
    return {
      ...toSummary(row),
      input: JSON.parse(row.input_json) as SettlementInput,
      trace: JSON.parse(row.trace_json) as TraceStep[],
      events: (events.all(id) as Array<Record<string, string | null>>).map(
        (e): SettlementEvent => ({ status: e.status as SettlementEvent['status'], operatorId: e.operator_id!, at: e.at!, note: e.note ?? null }),
      ),
      reversal: rev ? { supervisorId: rev.supervisor_id, reason: rev.reason, at: rev.at } : null,
      billSource: (bill.get(id, id) as string | null | undefined) ?? null,
      outbox: box
        ? {
            status: box.status as OutboxState['status'],
            attempts: box.attempts as number,
            lastError: box.last_error as string | null,
            bureauSetlId: box.bureau_setl_id as string | null,
            createdAt: box.created_at as string,
            updatedAt: box.updated_at as string,
          }
        : null,
      printCount: prints.get(id) as number,
    };
  }

  function listSettlements(query: ListSettlementsQuery = {}): SettlementSummary[] {
    const rows = list.all({
      from: query.from ?? null,
      to: query.to ?? null,
      patient: query.patient ? likeSubstring(query.patient) : null,
      min: query.minAmount === undefined ? null : toFen(query.minAmount),
      max: query.maxAmount === undefined ? null : toFen(query.maxAmount),
      kind: query.kind ?? null,
      limit: Math.min(Math.max(1, query.limit ?? 100), MAX_LIMIT),
    }) as SummaryRow[];
    return rows.map(toSummary);
  }

  return { getSettlement, listSettlements };
}

export type Queries = ReturnType<typeof createQueries>;

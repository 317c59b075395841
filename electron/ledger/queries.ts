import type { SettlementInput, StoredTraceStep } from '../../shared/engine';
import { toFen } from '../../shared/money';
import type { Engine } from './engine/types';
import {
  SUMMARY_SELECT,
  toSummary,
  type OutboxState,
  type SettlementEvent,
  type SettlementRecord,
  type SettlementStatus,
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
  /** The latest status (settled, pending-review, ...). */
  status?: SettlementStatus;
  /** The window (terminal) and the cashier that committed it. */
  terminalId?: string;
  operatorId?: string;
  limit?: number;
  offset?: number;
}

const MAX_LIMIT = 1000;

// Every filter of a list, over the summary columns (so `status`, the latest event, filters in SQL too).
const FILTERED = `SELECT * FROM (SELECT ${SUMMARY_SELECT}, s.committed_on FROM settlements s
     WHERE (CAST(@from AS TEXT) IS NULL OR s.committed_on >= @from)
       AND (CAST(@to AS TEXT) IS NULL OR s.committed_on <= @to)
       AND (CAST(@patient AS TEXT) IS NULL OR s.patient_name LIKE @patient ESCAPE '\\' OR s.patient_certno LIKE @patient ESCAPE '\\')
       AND (CAST(@min AS BIGINT) IS NULL OR s.total_fen >= @min)
       AND (CAST(@max AS BIGINT) IS NULL OR s.total_fen <= @max)
       AND (CAST(@kind AS TEXT) IS NULL OR s.kind = @kind)
       AND (CAST(@terminal AS TEXT) IS NULL OR s.terminal_id = @terminal)
       AND (CAST(@operator AS TEXT) IS NULL OR s.operator_id = @operator)) f
   WHERE (CAST(@status AS TEXT) IS NULL OR f.status = @status)`;

function filterParams(query: ListSettlementsQuery) {
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    patient: query.patient ? likeSubstring(query.patient) : null,
    min: query.minAmount === undefined ? null : toFen(query.minAmount),
    max: query.maxAmount === undefined ? null : toFen(query.maxAmount),
    kind: query.kind ?? null,
    status: query.status ?? null,
    terminal: query.terminalId ?? null,
    operator: query.operatorId ?? null,
  };
}

export function createQueries(db: Engine) {
  async function getSettlement(id: string): Promise<SettlementRecord | undefined> {
    const row = await db.get<SummaryRow & { input_json: string; trace_json: string }>(
      `SELECT ${SUMMARY_SELECT}, s.input_json, s.trace_json FROM settlements s WHERE s.id = ?`,
      [id],
    );
    if (!row) return undefined;
    const [rev, box, events, bill, prints] = await Promise.all([
      db.get<{ supervisor_id: string; reason: string; at: string }>('SELECT supervisor_id, reason, at FROM reversals WHERE settlement_id = ?', [id]),
      db.get<Record<string, string | number | null>>('SELECT status, attempts, last_error, bureau_setl_id, created_at, updated_at FROM outbox WHERE settlement_id = ?', [
        id,
      ]),
      db.all<Record<string, string | null>>('SELECT status, operator_id, at, note FROM settlement_events WHERE settlement_id = ? ORDER BY id', [id]),
      db.value<string | null>('SELECT source FROM bills WHERE settlement_id = coalesce((SELECT reverses_id FROM settlements WHERE id = ?), ?)', [id, id]),
      db.value<number>('SELECT count(*) FROM receipt_prints WHERE settlement_id = ?', [id]),
    ]);
    return {
      ...toSummary(row),
      input: JSON.parse(row.input_json) as SettlementInput,
      trace: JSON.parse(row.trace_json) as StoredTraceStep[],
      events: events.map((e): SettlementEvent => ({ status: e.status as SettlementEvent['status'], operatorId: e.operator_id!, at: e.at!, note: e.note ?? null })),
      reversal: rev ? { supervisorId: rev.supervisor_id, reason: rev.reason, at: rev.at } : null,
      billSource: bill ?? null,
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
      printCount: Number(prints ?? 0),
    };
  }

  /** Newest first; `limit` at most 1000, `offset` skips that many (both in SQL). */
  async function listSettlements(query: ListSettlementsQuery = {}): Promise<SettlementSummary[]> {
    const rows = await db.all<SummaryRow>(`${FILTERED} ORDER BY f.committed_at DESC, f.id DESC LIMIT @limit OFFSET @offset`, {
      ...filterParams(query),
      limit: Math.min(Math.max(1, query.limit ?? 100), MAX_LIMIT),
      offset: Math.max(0, query.offset ?? 0),
    });
    return rows.map(toSummary);
  }

  /** How many settlements match the filters of a list (ignoring limit and offset). */
  async function countSettlements(query: ListSettlementsQuery = {}): Promise<number> {
    return Number(await db.value(`SELECT count(*) FROM (${FILTERED}) c`, filterParams(query)));
  }

  return { getSettlement, listSettlements, countSettlements };
}

export type Queries = ReturnType<typeof createQueries>;

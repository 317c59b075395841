import { AMOUNT_FIELDS } from '../../shared/engine';
import { AMOUNT_COLUMNS } from './amount-columns';
import { appendAudit, type AuditChain } from './audit';
import { ledgerStamp, type Clock } from '../../shared/time';
import type { Dialect, Engine, Queryable } from './engine/types';
import { lockKey } from './locks';
import { operatorById, type Operator } from './operators';
import { fail, ok, type Result } from './result';

/**
 * The read-only queries reports, reconciliation and day close run over the ledger, and the day
 * close's own write. The reports module computes; the SQL lives here.
 */

/** A settlement's position in commit order: SQLite's rowid, PostgreSQL's `seq` column. */
export const seqColumn = (dialect: Dialect) => (dialect === 'sqlite' ? 's.rowid' : 's.seq');

/** A settlement row as reports read it (amounts in fen under the engine's field names, `seq` = commit order). */
export type ReportRawRow = Record<string, unknown> & { seq: number };

export interface ReportRowsQuery {
  /** Commit days, inclusive, yyyy-MM-dd. */
  committedFrom: string;
  committedTo: string;
  region?: string;
  operatorId?: string;
  terminalId?: string;
}

/** The day-close record (日结) as stored; `last_rowid` is the settlement `seq` watermark at the close. */
export interface CloseRow {
  business_day: string;
  operator_id: string;
  closed_at: string;
  closed_by: string;
  last_rowid: number;
  settlement_count: number;
  reversal_count: number;
  total_fen: number;
  cash_fen: number;
  summary_json: string;
}

export interface ReconcileRow {
  id: string;
  kind: string;
  insurance: string;
  visit: string;
  patient_name: string;
  psn_no: string | null;
  reverses_id: string | null;
  total_fen: number;
  fund_fen: number;
  status: string | null;
  last_error: string | null;
  /** A real-time settlement's setl_id at the centre (a reversal's: its cancellation's), else null. */
  centre_setl_id: string | null;
  centre_mdtrt_id: string | null;
}

export interface DayCloseSummary {
  settlementCount: number;
  reversalCount: number;
  totalFen: number;
  cashFen: number;
  /** Stored as the close's JSON (the report's view of that cashier's day), with the audit chain head (`auditHead`). */
  summary: object;
  audit: Record<string, unknown>;
}

/** What the day close summarises inside its transaction: the ledger as that transaction sees it. */
export interface DayCloseView {
  reportRows(query: ReportRowsQuery): Promise<ReportRawRow[]>;
  dayCloses(operatorId?: string): Promise<CloseRow[]>;
  reversalDetails(ids: readonly string[]): Promise<Map<string, { supervisorId: string; reason: string }>>;
  operators: { get(id: string): Promise<Operator | undefined> };
}

const AMOUNTS = AMOUNT_FIELDS.map((f) => `s.${AMOUNT_COLUMNS[f]} AS "${f}"`).join(', ');
const nums = <T extends object>(row: T, keys: readonly string[]): T => {
  const r = row as Record<string, unknown>;
  for (const k of keys) if (r[k] !== null && r[k] !== undefined) r[k] = Number(r[k]);
  return row;
};
const CLOSE_NUMBERS = ['last_rowid', 'settlement_count', 'reversal_count', 'total_fen', 'cash_fen'];

function view(q: Queryable): DayCloseView {
  return {
    async reportRows(query) {
      const rows = await q.all<ReportRawRow>(
        `SELECT ${seqColumn(q.dialect)} AS seq, s.id, s.kind, s.reverses_id, s.terminal_id, s.operator_id, s.committed_at, s.committed_on, s.patient_certno, s.patient_name,
           s.policy_region, s.settle_date, s.visit, s.insurance, ${AMOUNTS},
           s.self_paid_fen, s.assistance_advanced_fen, s.copay1_fen, s.review_required, s.monitoring_alert, s.charity_referral, s.input_json,
           (SELECT r.id FROM settlements r WHERE r.reverses_id = s.id) AS reversed_by,
           (SELECT e.status FROM settlement_events e WHERE e.settlement_id = s.id ORDER BY e.id DESC LIMIT 1) AS status
         FROM settlements s
         WHERE s.committed_on >= @lo AND s.committed_on <= @to
           AND (CAST(@region AS TEXT) IS NULL OR s.policy_region = @region) AND (CAST(@operator AS TEXT) IS NULL OR s.operator_id = @operator)
           AND (CAST(@terminal AS TEXT) IS NULL OR s.terminal_id = @terminal)
         ORDER BY ${seqColumn(q.dialect)}`,
        { lo: query.committedFrom, to: query.committedTo, region: query.region ?? null, operator: query.operatorId ?? null, terminal: query.terminalId ?? null },
      );
      return rows.map((r) =>
        nums(r, ['seq', ...AMOUNT_FIELDS, 'self_paid_fen', 'assistance_advanced_fen', 'copay1_fen', 'review_required', 'monitoring_alert', 'charity_referral']),
      );
    },
    async dayCloses(operatorId) {
      const rows = await q.all<CloseRow>('SELECT * FROM reports_day_close WHERE (CAST(@op AS TEXT) IS NULL OR operator_id = @op) ORDER BY business_day, operator_id', {
        op: operatorId ?? null,
      });
      return rows.map((r) => nums(r, CLOSE_NUMBERS));
    },
    async reversalDetails(ids) {
      const out = new Map<string, { supervisorId: string; reason: string }>();
      if (ids.length === 0) return out;
      const rows = await q.all<{ settlement_id: string; supervisor_id: string; reason: string }>(
        `SELECT settlement_id, supervisor_id, reason FROM reversals WHERE settlement_id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      );
      for (const r of rows) out.set(r.settlement_id, { supervisorId: r.supervisor_id, reason: r.reason });
      return out;
    },
    operators: { get: (id) => operatorById(q, id) },
  };
}

export function createReportQueries(db: Engine, now: Clock, chain: AuditChain) {
  /** Settlements of a region still waiting for the expert review (not reversed), oldest first. */
  async function pendingReview(region: string): Promise<Array<Record<string, string | number>>> {
    const rows = await db.all<Record<string, string | number>>(
      `SELECT s.id, s.committed_at, s.patient_name, s.patient_certno, s.visit, s.self_paid_fen, s.total_fen FROM settlements s
       WHERE s.policy_region = ? AND s.kind = 'settlement'
         AND NOT EXISTS (SELECT 1 FROM settlements r WHERE r.reverses_id = s.id)
         AND (SELECT e.status FROM settlement_events e WHERE e.settlement_id = s.id ORDER BY e.id DESC LIMIT 1) = 'pending-review'
       ORDER BY s.committed_at, s.id`,
      [region],
    );
    return rows.map((r) => nums(r, ['self_paid_fen', 'total_fen']));
  }

  /**
   * The settlements committed on a day with their upload state, for 3201 (every window of the ledger).
   * A real-time settlement's fund is the centre's three layers: its fourth layer is no fund of the centre's.
   */
  // A real-time settlement's fund is the centre's three funds; its reversal (the centre's cancellation) the same, negated.
  async function reconcileRows(date: string): Promise<ReconcileRow[]> {
    const rows = await db.all<ReconcileRow>(
      `SELECT s.id, s.kind, s.insurance, s.visit, s.patient_name, s.psn_no, s.reverses_id, s.total_fen,
         s.basic_fen + s.catastrophic_fen + s.assistance_fen
           + CASE WHEN rt.settlement_id IS NOT NULL THEN 0 ELSE s.supplementary_fen + s.poverty_fund_fen END AS fund_fen,
         o.status, o.last_error,
         CASE WHEN s.kind = 'reversal' THEN rr.setl_id ELSE rt.setl_id END AS centre_setl_id,
         CASE WHEN rt.settlement_id IS NOT NULL THEN rt.mdtrt_id END AS centre_mdtrt_id
       FROM settlements s LEFT JOIN outbox o ON o.settlement_id = s.id
         LEFT JOIN realtime_settlements rt ON rt.settlement_id = COALESCE(s.reverses_id, s.id)
         LEFT JOIN realtime_reversals rr ON rr.settlement_id = s.id
       WHERE s.committed_on = ? ORDER BY s.committed_at, s.id`,
      [date],
    );
    return rows.map((r) => nums(r, ['total_fen', 'fund_fen']));
  }

  /**
   * Closes a cashier's business day in one write transaction: refuses a second close of the same
   * day, takes the settlement watermark, lets `summarise` compute the figures from the ledger as
   * this transaction sees it, stores the close and audits it.
   */
  async function recordDayClose(
    args: { day: string; operatorId: string; closedBy: string },
    summarise: (ledger: DayCloseView) => Promise<DayCloseSummary>,
  ): Promise<Result<void>> {
    if (!(await operatorById(db, args.operatorId))) return fail('ledger-unknown-operator', `收费员工号无效：${args.operatorId}`);
    if (!(await operatorById(db, args.closedBy))?.active) return fail('ledger-unknown-operator', `操作员工号无效或已停用：${args.closedBy}`);
    return db.transaction(async (tx): Promise<Result<void>> => {
      if (tx.dialect === 'postgres') await tx.value('SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))', [lockKey(`day-close:${args.operatorId}@${args.day}`)]);
      const v = view(tx);
      if ((await v.dayCloses(args.operatorId)).some((c) => c.business_day === args.day)) {
        return fail('day-already-closed', `收费员 ${args.operatorId} 的 ${args.day} 已日结，不能重复日结`);
      }
      const lastSeq = Number((await tx.value(`SELECT coalesce(max(${seqColumn(tx.dialect)}), 0) FROM settlements s`)) ?? 0);
      const c = await summarise(v);
      // The close's own audit row is the head it records (the verifier checks it is still there, unchanged).
      const auditHead = await appendAudit(tx, chain, { actor: args.closedBy, action: 'day.close', subject: `${args.operatorId}@${args.day}`, detail: c.audit });
      await tx.run(
        `INSERT INTO reports_day_close (business_day, operator_id, closed_at, closed_by, last_rowid, settlement_count, reversal_count, total_fen, cash_fen, summary_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          args.day,
          args.operatorId,
          ledgerStamp(now()),
          args.closedBy,
          lastSeq,
          c.settlementCount,
          c.reversalCount,
          c.totalFen,
          c.cashFen,
          JSON.stringify({ ...(c.summary as object), auditHead }),
        ],
      );
      return ok(undefined);
    });
  }

  const { operators: _operators, ...reads } = view(db);
  return { ...reads, pendingReview, reconcileRows, recordDayClose };
}

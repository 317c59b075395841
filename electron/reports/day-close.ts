/**
 * Day-end close (日结) per cashier: count, totals per layer and per fund, cash taken and refunded,
 * reversals. A cashier closes a day once; what they settle after the close belongs to the next
 * business day (business-day.ts), so a closed day's figures never change.
 */
import type { AmountField } from '../../shared/engine/schema';
import { toFen } from '../../shared/money';
import { fail, ok, type Ledger, type Result } from '../ledger';
import { localDate, localTimestamp, wallTime } from '../ledger/clock';
import { AMOUNT_LABELS } from '../../shared/engine/labels';
import { LAYER_FIELDS, addTotals, fundTotals, money, moneyTotals, zeroTotals } from './amounts';
import { listCloses } from './close-table';
import { col, type ReportDocument, type ReportRow } from './document';
import { loadRows, type ReportRowData } from './settlement-rows';

export interface CashierDay {
  operatorId: string;
  operatorName: string;
  businessDay: string;
  closed: { closedAt: string; closedBy: string; auditHead: AuditHead | null } | null;
  settlementCount: number;
  reversalCount: number;
  /** Net of reversals. */
  totals: Record<AmountField, string>;
  funds: Array<{ code: string; name: string; amount: string }>;
  cashTaken: string;
  cashRefunded: string;
  netCash: string;
  reversals: Array<{ id: string; originalId: string; patientName: string; total: string; patientCash: string; reason: string; supervisorId: string }>;
}

/** The audit chain's latest row: printed on the report so that removing the last rows shows. */
export interface AuditHead {
  id: number;
  hash: string;
}

export interface DayCloseReport {
  day: string;
  cashiers: CashierDay[];
  /** The chain head when the report was made. */
  auditHead: AuditHead | null;
  document: ReportDocument;
}

type LedgerForReports = Pick<Ledger, 'db' | 'operators' | 'terminalId'> & { audit: Pick<Ledger['audit'], 'head'> };

const headText = (head: AuditHead | null) => (head ? `第 ${head.id} 条 ${head.hash}` : '（空）');

function summarise(ledger: LedgerForReports, day: string, operatorId: string, rows: ReportRowData[]): CashierDay {
  const totals = zeroTotals();
  let cashTaken = 0;
  let cashRefunded = 0;
  for (const r of rows) {
    addTotals(totals, r);
    if (r.kind === 'settlement') cashTaken += r.patientCash;
    else cashRefunded -= r.patientCash;
  }
  const reasons = ledger.db.prepare('SELECT supervisor_id, reason FROM reversals WHERE settlement_id = ?');
  const close = listCloses(ledger.db, operatorId).find((c) => c.business_day === day);
  return {
    operatorId,
    operatorName: ledger.operators.get(operatorId)?.name ?? operatorId,
    businessDay: day,
    closed: close ? { closedAt: close.closed_at, closedBy: close.closed_by, auditHead: (JSON.parse(close.summary_json) as { auditHead?: AuditHead }).auditHead ?? null } : null,
    settlementCount: rows.filter((r) => r.kind === 'settlement').length,
    reversalCount: rows.filter((r) => r.kind === 'reversal').length,
    totals: moneyTotals(totals),
    funds: fundTotals(totals),
    cashTaken: money(cashTaken),
    cashRefunded: money(cashRefunded),
    netCash: money(cashTaken - cashRefunded),
    reversals: rows
      .filter((r) => r.kind === 'reversal')
      .map((r) => {
        const why = reasons.get(r.id) as { supervisor_id: string; reason: string } | undefined;
        return {
          id: r.id,
          originalId: r.reversesId ?? '',
          patientName: r.name,
          total: money(r.total),
          patientCash: money(r.patientCash),
          reason: why?.reason ?? '',
          supervisorId: why?.supervisor_id ?? '',
        };
      }),
  };
}

function toDocument(ledger: LedgerForReports, day: string, cashiers: CashierDay[], head: AuditHead | null): ReportDocument {
  const summaryRow = (c: CashierDay): ReportRow => ({
    cashier: `${c.operatorName}（${c.operatorId}）`,
    count: c.settlementCount,
    reversals: c.reversalCount,
    ...c.totals,
    cashTaken: c.cashTaken,
    cashRefunded: c.cashRefunded,
    netCash: c.netCash,
    closedAt: c.closed ? wallTime(c.closed.closedAt) : '未日结',
  });
  return {
    title: '收费员日结报表',
    subtitle: `营业日 ${day}　终端 ${ledger.terminalId}`,
    tables: [
      {
        title: '日结汇总',
        columns: [
          col('cashier', '收费员'),
          col('count', '结算笔数', 'int'),
          col('reversals', '冲销笔数', 'int'),
          ...(['total', ...LAYER_FIELDS] as AmountField[]).map((f) => col(f, AMOUNT_LABELS[f], 'money')),
          col('cashTaken', '收取现金', 'money'),
          col('cashRefunded', '退还现金', 'money'),
          col('netCash', '现金净额', 'money'),
          col('closedAt', '日结时间'),
        ],
        rows: cashiers.map(summaryRow),
      },
      {
        title: '按基金汇总',
        columns: [col('cashier', '收费员'), col('code', '基金支付类型'), col('name', '基金名称'), col('amount', '金额', 'money')],
        rows: cashiers.flatMap((c) => c.funds.map((f) => ({ cashier: c.operatorId, ...f }))),
      },
      {
        title: '冲销明细',
        columns: [
          col('cashier', '收费员'),
          col('id', '冲销单号'),
          col('originalId', '原结算单号'),
          col('patientName', '患者'),
          col('total', AMOUNT_LABELS.total, 'money'),
          col('patientCash', AMOUNT_LABELS.patientCash, 'money'),
          col('supervisorId', '授权主管'),
          col('reason', '原因'),
        ],
        rows: cashiers.flatMap((c) => c.reversals.map((r) => ({ cashier: c.operatorId, ...r }))),
      },
    ],
    notes: [
      '金额含冲销（冲销为负数）；日结后收取的款项计入下一营业日。',
      ...cashiers.flatMap((c) => (c.closed?.auditHead ? [`${c.operatorName}（${c.operatorId}）日结时台账审计链头：${headText(c.closed.auditHead)}`] : [])),
      `本报表生成时台账审计链头：${headText(head)}（请与下次日结报表核对，审计记录只增不减）`,
    ],
  };
}

export interface DayCloseQuery {
  ledger: LedgerForReports;
  /** Business day yyyy-MM-dd. */
  day: string;
  /** One cashier; otherwise every cashier with activity or a close that day. */
  operatorId?: string;
}

export function buildDayCloseReport(query: DayCloseQuery): DayCloseReport {
  const rows = loadRows(query.ledger.db, { from: query.day, to: query.day, operatorId: query.operatorId });
  const operators = new Set(rows.map((r) => r.operatorId));
  for (const c of listCloses(query.ledger.db, query.operatorId)) if (c.business_day === query.day) operators.add(c.operator_id);
  if (query.operatorId) operators.add(query.operatorId);
  const cashiers = [...operators].sort().map((op) => summarise(query.ledger, query.day, op, rows.filter((r) => r.operatorId === op)));
  const auditHead = query.ledger.audit.head();
  return { day: query.day, cashiers, auditHead, document: toDocument(query.ledger, query.day, cashiers, auditHead) };
}

export interface CloseDayArgs {
  ledger: LedgerForReports & Pick<Ledger, 'audit' | 'now'>;
  day: string;
  operatorId: string;
  /** Who pressed 日结 (the cashier or a supervisor); defaults to the cashier. */
  closedBy?: string;
}

export function closeDay(args: CloseDayArgs): Result<DayCloseReport> {
  const { ledger, day, operatorId } = args;
  const closedBy = args.closedBy ?? operatorId;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return fail('day-close-bad-day', `营业日格式错误：${day}`);
  if (!ledger.operators.get(operatorId)) return fail('ledger-unknown-operator', `收费员工号无效：${operatorId}`);
  if (!ledger.operators.get(closedBy)?.active) return fail('ledger-unknown-operator', `操作员工号无效或已停用：${closedBy}`);
  const now = ledger.now();
  if (day > localDate(now)) return fail('day-close-future', `不能对未来的营业日（${day}）日结`);

  return ledger.db
    .transaction((): Result<DayCloseReport> => {
      if (listCloses(ledger.db, operatorId).some((c) => c.business_day === day)) {
        return fail('day-already-closed', `收费员 ${operatorId} 的 ${day} 已日结，不能重复日结`);
      }
      const lastRowid = (ledger.db.prepare('SELECT coalesce(max(rowid), 0) FROM settlements').pluck().get() as number) ?? 0;
      const before = buildDayCloseReport({ ledger, day, operatorId });
      const c = before.cashiers[0]!;
      const closedAt = localTimestamp(now);
      ledger.audit.append({ actor: closedBy, action: 'day.close', subject: `${operatorId}@${day}`, detail: { settlements: c.settlementCount, reversals: c.reversalCount, total: c.totals.total, netCash: c.netCash } });
      // The close row is the head it records: the verifier checks it is still in the chain, unchanged.
      const auditHead = ledger.audit.head();
      ledger.db
        .prepare(
          `INSERT INTO reports_day_close (business_day, operator_id, closed_at, closed_by, last_rowid, settlement_count, reversal_count, total_fen, cash_fen, summary_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(day, operatorId, closedAt, closedBy, lastRowid, c.settlementCount, c.reversalCount, toFen(c.totals.total), toFen(c.netCash), JSON.stringify({ ...c, auditHead }));
      return ok(buildDayCloseReport({ ledger, day, operatorId }));
    })
    .immediate();
}

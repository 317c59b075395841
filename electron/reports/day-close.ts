/**
 * Day-end close (日结) per cashier: count, totals per layer and per fund, cash taken and refunded,
 * reversals. A cashier closes a day once; what they settle after the close belongs to the next
 * business day (business-day.ts), so a closed day's figures never change.
 */
import type { AmountField } from '../../shared/engine';
import { AMOUNT_LABELS } from '../../shared/labels';
import { toFen } from '../../shared/money';
import { fail, ok, type AuditHead, type CloseRow, type DayCloseView, type Ledger, type Result } from '../ledger';
import { businessDate, stampWallTime } from '../../shared/time';
import { LAYER_FIELDS, addTotals, fundTotals, money, moneyTotals, zeroTotals } from './amounts';
import { col, type ReportDocument, type ReportRow } from './document';
import { loadRows, type ReportRowData, type RowQuery } from './settlement-rows';

export interface CashierDay {
  operatorId: string;
  operatorName: string;
  businessDay: string;
  /** `auditHead`: the ledger's audit chain head written with the close. */
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

export interface DayCloseReport {
  day: string;
  cashiers: CashierDay[];
  /** The audit chain head when the report was made. */
  auditHead: AuditHead | null;
  document: ReportDocument;
}

type LedgerForReports = Pick<Ledger, 'terminalId'> & DayCloseView;

const headText = (head: AuditHead | null) => (head ? `第 ${head.id} 条 ${head.hash}` : '（无审计记录）');
const storedHead = (close: CloseRow): AuditHead | null => (JSON.parse(close.summary_json) as { auditHead?: AuditHead }).auditHead ?? null;

async function summarise(ledger: LedgerForReports, day: string, operatorId: string, rows: ReportRowData[], closes: readonly CloseRow[]): Promise<CashierDay> {
  const totals = zeroTotals();
  let cashTaken = 0;
  let cashRefunded = 0;
  for (const r of rows) {
    addTotals(totals, r);
    if (r.kind === 'settlement') cashTaken += r.patientCash;
    else cashRefunded -= r.patientCash;
  }
  const reasons = await ledger.reversalDetails(rows.filter((r) => r.kind === 'reversal').map((r) => r.id));
  const close = closes.find((c) => c.operator_id === operatorId && c.business_day === day);
  return {
    operatorId,
    operatorName: (await ledger.operators.get(operatorId))?.name ?? operatorId,
    businessDay: day,
    closed: close ? { closedAt: close.closed_at, closedBy: close.closed_by, auditHead: storedHead(close) } : null,
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
        const why = reasons.get(r.id);
        return {
          id: r.id,
          originalId: r.reversesId ?? '',
          patientName: r.name,
          total: money(r.total),
          patientCash: money(r.patientCash),
          reason: why?.reason ?? '',
          supervisorId: why?.supervisorId ?? '',
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
    closedAt: c.closed ? stampWallTime(c.closed.closedAt) : '未日结',
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
      // The heads on paper: removing the last audit rows afterwards no longer matches them.
      ...cashiers.flatMap((c) => (c.closed?.auditHead ? [`${c.operatorName}（${c.operatorId}）日结时台账审计链头：${headText(c.closed.auditHead)}`] : [])),
      `本报表生成时台账审计链头：${headText(head)}（审计记录只增不减，请与下次报表核对）`,
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

export async function buildDayCloseReport(query: DayCloseQuery & { ledger: Pick<Ledger, 'audit'> }): Promise<DayCloseReport> {
  const cashiers = await cashierDays(query.ledger, query);
  const auditHead = await query.ledger.audit.head();
  return { day: query.day, cashiers, auditHead, document: toDocument(query.ledger, query.day, cashiers, auditHead) };
}

async function cashierDays(ledger: LedgerForReports, query: Omit<DayCloseQuery, 'ledger'>): Promise<CashierDay[]> {
  const rowQuery: RowQuery = { from: query.day, to: query.day, operatorId: query.operatorId };
  const [rows, closes] = await Promise.all([loadRows(ledger, rowQuery), ledger.dayCloses(query.operatorId)]);
  const operators = new Set(rows.map((r) => r.operatorId));
  for (const c of closes) if (c.business_day === query.day) operators.add(c.operator_id);
  if (query.operatorId) operators.add(query.operatorId);
  const cashiers: CashierDay[] = [];
  for (const op of [...operators].sort())
    cashiers.push(
      await summarise(
        ledger,
        query.day,
        op,
        rows.filter((r) => r.operatorId === op),
        closes,
      ),
    );
  return cashiers;
}

export interface CloseDayArgs {
  ledger: LedgerForReports & Pick<Ledger, 'now' | 'recordDayClose' | 'audit'>;
  day: string;
  operatorId: string;
  /** Who pressed 日结 (the cashier or a supervisor); defaults to the cashier. */
  closedBy?: string;
}

export async function closeDay(args: CloseDayArgs): Promise<Result<DayCloseReport>> {
  const { ledger, day, operatorId } = args;
  const closedBy = args.closedBy ?? operatorId;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return fail('day-close-bad-day', `营业日格式错误：${day}`);
  if (day > businessDate(ledger.now())) return fail('day-close-future', `不能对未来的营业日（${day}）日结`);
  const closed = await ledger.recordDayClose({ day, operatorId, closedBy }, async (view) => {
    // The figures as the close's own transaction sees them.
    const c = (await cashierDays({ ...view, terminalId: ledger.terminalId }, { day, operatorId }))[0]!;
    return {
      settlementCount: c.settlementCount,
      reversalCount: c.reversalCount,
      totalFen: toFen(c.totals.total),
      cashFen: toFen(c.netCash),
      summary: c,
      audit: { settlements: c.settlementCount, reversals: c.reversalCount, total: c.totals.total, netCash: c.netCash },
    };
  });
  if (!closed.ok) return closed;
  return ok(await buildDayCloseReport({ ledger, day, operatorId }));
}

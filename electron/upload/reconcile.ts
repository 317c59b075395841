/**
 * 3201 for one day: the terminal's totals per insutype × clr_type (by the date of setl_time, which
 * is the commit day) sent to the bureau, one call per group. A group the bureau does not balance
 * is shown with the terminal's totals, the totals the bureau has acknowledged record by record,
 * the bureau's own words (which carry its figures), and the settlements not acknowledged.
 */
import { type ReconcileOutcome, type Reply, type Result, CLR_TYPE, INSUTYPE, type ReconcileData } from '../bureau';
import type { Visit } from '../../shared/engine';
import { formatMoney, fromFen } from '../../shared/money';
import type { Ledger } from '../ledger';

export interface ReconcileBureau {
  reconcile(data: ReconcileData): Promise<Result<Reply<ReconcileOutcome>>>;
}

export interface GroupTotals {
  count: number;
  medfeeSumamt: string;
  fundPaySumamt: string;
  acctPay: string;
}

export interface DifferingSettlement {
  id: string;
  kind: 'settlement' | 'reversal';
  patientName: string;
  total: string;
  fundPay: string;
  outboxStatus: string;
  lastError: string | null;
}

export interface GroupReconciliation {
  insutype: string;
  clrType: string;
  terminal: GroupTotals;
  /** Sums over the records the bureau acknowledged (outbox 'acked'). */
  acknowledged: GroupTotals;
  balanced: boolean;
  /** The bureau's stmt_rslt_dscr, or why the call failed. */
  bureauMessage: string;
  error?: { code: string; message: string };
  differing: DifferingSettlement[];
}

export interface DayReconciliation {
  date: string;
  balanced: boolean;
  groups: GroupReconciliation[];
}

interface Row {
  id: string;
  kind: 'settlement' | 'reversal';
  insurance: string;
  visit: Visit;
  patient_name: string;
  total_fen: number;
  fund_fen: number;
  status: string | null;
  last_error: string | null;
}

const insutypeOf = (insurance: string) => (insurance in INSUTYPE ? INSUTYPE[insurance as keyof typeof INSUTYPE] : insurance);

function totals(rows: Row[]): GroupTotals {
  let medfee = 0;
  let fund = 0;
  for (const r of rows) {
    medfee += r.total_fen;
    fund += r.fund_fen;
  }
  return { count: rows.length, medfeeSumamt: formatMoney(fromFen(medfee)), fundPaySumamt: formatMoney(fromFen(fund)), acctPay: '0.00' };
}

export interface ReconcileDayOptions {
  ledger: Pick<Ledger, 'reconcileRows'>;
  bureau: ReconcileBureau;
  /** yyyy-MM-dd */
  date: string;
  /** setl_optins: the clearing agency (usually the pooling region's code). */
  setlOptins?: string;
  /** Groups to check even when the terminal has none that day (to catch records only the bureau has). */
  alwaysCheck?: Array<{ insutype: string; clrType: string }>;
}

export async function reconcileDay(options: ReconcileDayOptions): Promise<DayReconciliation> {
  // Every window's settlements of the day: the bureau reconciles the hospital, not one PC.
  const rows = (await options.ledger.reconcileRows(options.date)) as Row[];

  const groups = new Map<string, { insutype: string; clrType: string; rows: Row[] }>();
  const groupOf = (insutype: string, clrType: string) => {
    const key = `${insutype}/${clrType}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { insutype, clrType, rows: [] }));
    return g;
  };
  for (const g of options.alwaysCheck ?? []) groupOf(g.insutype, g.clrType);
  for (const r of rows) groupOf(insutypeOf(r.insurance), CLR_TYPE[r.visit] ?? r.visit).rows.push(r);

  const results: GroupReconciliation[] = [];
  for (const g of [...groups.values()].sort((a, b) => `${a.insutype}${a.clrType}`.localeCompare(`${b.insutype}${b.clrType}`))) {
    const terminal = totals(g.rows);
    const acknowledged = totals(g.rows.filter((r) => r.status === 'acked'));
    const differing = g.rows
      .filter((r) => r.status !== 'acked')
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        patientName: r.patient_name,
        total: formatMoney(fromFen(r.total_fen)),
        fundPay: formatMoney(fromFen(r.fund_fen)),
        outboxStatus: r.status ?? 'missing',
        lastError: r.last_error,
      }));
    const answer = await options.bureau.reconcile({
      insutype: g.insutype,
      clr_type: g.clrType,
      setl_optins: options.setlOptins ?? '',
      stmt_begndate: options.date,
      stmt_enddate: options.date,
      medfee_sumamt: terminal.medfeeSumamt,
      fund_pay_sumamt: terminal.fundPaySumamt,
      acct_pay: terminal.acctPay,
      fixmedins_setl_cnt: String(terminal.count),
    });
    results.push(
      answer.ok
        ? { insutype: g.insutype, clrType: g.clrType, terminal, acknowledged, balanced: answer.value.output.balanced, bureauMessage: answer.value.output.description, differing }
        : {
            insutype: g.insutype,
            clrType: g.clrType,
            terminal,
            acknowledged,
            balanced: false,
            bureauMessage: answer.error.message,
            error: { code: answer.error.code, message: answer.error.message },
            differing,
          },
    );
  }
  return { date: options.date, balanced: results.every((r) => r.balanced), groups: results };
}

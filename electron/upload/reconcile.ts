/**
 * 3201 for one day: the terminal's totals per insutype × clr_type (by the date of setl_time, which
 * is the commit day) sent to the bureau, one call per group. A group the bureau does not balance
 * is shown with the terminal's totals, the totals the bureau has acknowledged record by record,
 * the bureau's own words (which carry its figures), and the settlements not acknowledged; and 3202
 * (§16.2) sends the group's detail file, so the settlements that differ are named one by one, our
 * amounts beside the centre's.
 */
import {
  type ReconcileOutcome,
  type Reply,
  type DetailLine,
  type ResultRow,
  type Result,
  CLR_TYPE,
  INSUTYPE,
  type ReconcileData,
  type ReconcileDetailData,
} from '../bureau';
import type { Visit } from '../../shared/engine';
import { formatMoney, fromFen } from '../../shared/money';
import type { Ledger } from '../ledger';

export interface ReconcileBureau {
  reconcile(data: ReconcileData): Promise<Result<Reply<ReconcileOutcome>>>;
  reconcileDetail(data: Omit<ReconcileDetailData, 'file_qury_no'>, lines: readonly DetailLine[]): Promise<Result<ResultRow[]>>;
}

/** One settlement 3202 found differing: ours and the centre's figures (null where that side has none). */
export interface DetailDifference {
  setlId: string;
  patientName: string | null;
  /** §17.12 stmt_rslt of the row: 1 中心多, 2 医药机构多, 3 数据不一致. */
  stmtRslt: string;
  ours: { total: string; fundPay: string } | null;
  centre: { total: string; fundPay: string } | null;
  /** What differs, in the centre's words (its memo), else the result code's label. */
  what: string;
}

export interface DetailReconciliation {
  /** Rows the centre compared (both sides' settlements). */
  compared: number;
  differences: DetailDifference[];
  error?: { code: string; message: string };
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
  /** 3202, for a group 3201 did not balance. */
  detail?: DetailReconciliation;
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
  psn_no: string | null;
  reverses_id: string | null;
  total_fen: number;
  fund_fen: number;
  status: string | null;
  last_error: string | null;
  centre_setl_id: string | null;
  centre_mdtrt_id: string | null;
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
    const detail = answer.ok && !answer.value.output.balanced ? await reconcileDetail(options, g.insutype, g.clrType, g.rows, terminal) : undefined;
    results.push(
      answer.ok
        ? {
            insutype: g.insutype,
            clrType: g.clrType,
            terminal,
            acknowledged,
            balanced: answer.value.output.balanced,
            bureauMessage: answer.value.output.description,
            differing,
            ...(detail ? { detail } : {}),
          }
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

const STMT_RSLT_WHAT: Readonly<Record<string, string>> = { '1': '中心有，本院无', '2': '本院有，中心无', '3': '金额不一致' };

/** 3202 for one group: our detail lines up, the centre's result rows that are not 0 (对平) back. */
async function reconcileDetail(options: ReconcileDayOptions, insutype: string, clrType: string, rows: Row[], terminal: GroupTotals): Promise<DetailReconciliation> {
  const money = (fen: number) => formatMoney(fromFen(fen));
  const lines: DetailLine[] = rows.map((r) => ({
    // A real-time settlement (and its cancellation) is known to the centre by the centre's own ids.
    setlId: r.centre_setl_id ?? r.id,
    mdtrtId: r.centre_mdtrt_id ?? r.reverses_id ?? r.id,
    psnNo: r.psn_no ?? '',
    medfeeSumamt: money(r.total_fen),
    fundPaySumamt: money(r.fund_fen),
    acctPay: '0.00',
    refdSetlFlag: r.kind === 'reversal' ? '1' : '0',
  }));
  const cash = rows.reduce((fen, r) => fen + r.total_fen - r.fund_fen, 0);
  const answer = await options.bureau.reconcileDetail(
    {
      setl_optins: options.setlOptins ?? '',
      stmt_begndate: options.date,
      stmt_enddate: options.date,
      medfee_sumamt: terminal.medfeeSumamt,
      fund_pay_sumamt: terminal.fundPaySumamt,
      cash_payamt: money(cash),
      fixmedins_setl_cnt: String(terminal.count),
      refd_setl_flag: '1',
      clr_type: clrType,
      insutype,
    },
    lines,
  );
  if (!answer.ok) return { compared: 0, differences: [], error: { code: answer.error.code, message: answer.error.message } };
  const ours = new Map(rows.map((r) => [r.centre_setl_id ?? r.id, r]));
  const differences = answer.value
    .filter((row) => row.stmtRslt !== '0' && row.setlId)
    .map((row): DetailDifference => {
      const mine = ours.get(row.setlId!);
      const centreHas = row.stmtRslt !== '2';
      return {
        setlId: mine?.id ?? row.setlId!,
        patientName: mine?.patient_name ?? null,
        stmtRslt: row.stmtRslt ?? '',
        ours: mine ? { total: money(mine.total_fen), fundPay: money(mine.fund_fen) } : null,
        centre: centreHas ? { total: row.medfeeSumamt ?? '0.00', fundPay: row.fundPaySumamt ?? '0.00' } : null,
        what: row.memo ?? STMT_RSLT_WHAT[row.stmtRslt ?? ''] ?? `对账结果 ${row.stmtRslt ?? '未知'}`,
      };
    });
  return { compared: answer.value.length, differences };
}

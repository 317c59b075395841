/**
 * 3201: compares the hospital's totals with the sums of what the simulator stored for the same
 * insutype × clr_type × period (by the date of setl_time). Reversal records count with their
 * negative amounts and, as records, in fixmedins_setl_cnt. One clearing agency: setl_optins is echoed.
 */
import { reconcileInputSchema } from '../../../electron/bureau';
import { dec, formatMoney, fromFen } from '../../../shared/money';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

export function reconcile(ctx: TxContext): TxOutcome {
  const input = parseInput(reconcileInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const d = input.value.data;
  if (d.stmt_enddate < d.stmt_begndate) return txFail('对账截止日期早于开始日期');
  const totals = ctx.db
    .prepare(
      `SELECT COALESCE(SUM(medfee_sumamt), 0) AS medfee, COALESCE(SUM(fund_pay_sumamt), 0) AS fund,
              COALESCE(SUM(acct_pay), 0) AS acct, COUNT(*) AS cnt
       FROM settlement WHERE fixmedins_code = ? AND insutype = ? AND clr_type = ?
         AND substr(setl_time, 1, 10) BETWEEN ? AND ?`,
    )
    .get(ctx.envelope.fixmedins_code, d.insutype, d.clr_type, d.stmt_begndate.slice(0, 10), d.stmt_enddate.slice(0, 10)) as {
    medfee: number;
    fund: number;
    acct: number;
    cnt: number;
  };
  const differences: string[] = [];
  const compare = (label: string, sent: string, stored: number) => {
    if (!dec(sent).eq(fromFen(stored))) differences.push(`${label} 医院 ${formatMoney(sent)}，中心 ${formatMoney(fromFen(stored))}`);
  };
  compare('医疗费总额', d.medfee_sumamt, totals.medfee);
  compare('基金支付总额', d.fund_pay_sumamt, totals.fund);
  compare('个人账户支出', d.acct_pay, totals.acct);
  if (String(totals.cnt) !== d.fixmedins_setl_cnt.trim()) differences.push(`结算笔数 医院 ${d.fixmedins_setl_cnt}，中心 ${totals.cnt}`);
  return {
    ok: true,
    output: {
      stmtinfo: {
        setl_optins: d.setl_optins,
        // §17.12: 1 中心多, 2 医药机构多 (by the record count), 3 the same count but other figures.
        stmt_rslt: differences.length === 0 ? '0' : totals.cnt > Number(d.fixmedins_setl_cnt) ? '1' : totals.cnt < Number(d.fixmedins_setl_cnt) ? '2' : '3',
        stmt_rslt_dscr: differences.length === 0 ? '对账平衡' : `对账不平：${differences.join('；')}`,
      },
    },
  };
}

/**
 * 5206: this year's accumulators up to cum_ym = the seeded figures from elsewhere plus every
 * settlement the simulator stored for the person (reversals are negative, so they net out).
 * catastrophicBase grows by 政策范围内个人自付 (preselfpay + inscope − basic) of inpatient and
 * chronic-outpatient settlements, the visits on which 大病 counts in every region.
 */
import { CUM_TYPE_CODES, type CumTypeCode } from '../../../electron/bureau/protocol';
import { cumQueryInputSchema } from '../../../electron/bureau/schemas';
import { formatMoney, fromFen } from '../../../shared/money';
import { findPerson } from '../db';
import { rawNumber } from '../raw-number';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

const STORED_SUMS: Record<CumTypeCode, string> = {
  basicPaid: 'SUM(hifp_pay)',
  catastrophicBase: "SUM(CASE WHEN med_type IN ('21', '14') THEN preselfpay_amt + inscp_scp_amt - hifp_pay ELSE 0 END)",
  catastrophicPaid: 'SUM(hifmi_pay)',
  assistancePaid: 'SUM(maf_pay)',
  personalPaid: 'SUM(psn_cash_pay)',
};

export function accumulators(ctx: TxContext): TxOutcome {
  const input = parseInput(cumQueryInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const { psn_no, cum_ym } = input.value.data;
  if (!findPerson(ctx.db, { psnNo: psn_no })) return txFail(`人员编号 ${psn_no} 不存在`);
  const year = Number(cum_ym.slice(0, 4));
  const month = cum_ym.slice(4, 6);
  const base = new Map(
    (
      ctx.db.prepare('SELECT cum_type_code, cum_fen FROM accumulator_base WHERE psn_no = ? AND year = ?').all(psn_no, year) as Array<{
        cum_type_code: string;
        cum_fen: number;
      }>
    ).map((r) => [r.cum_type_code, r.cum_fen]),
  );
  const stored = ctx.db
    .prepare(
      `SELECT ${CUM_TYPE_CODES.map((c) => `COALESCE(${STORED_SUMS[c]}, 0) AS ${c}`).join(', ')} FROM settlement
       WHERE psn_no = ? AND substr(setl_time, 1, 4) = ? AND substr(setl_time, 6, 2) <= ?`,
    )
    .get(psn_no, String(year), month) as Record<CumTypeCode, number>;
  const cuminfo = CUM_TYPE_CODES.map((code) => ({
    cum_type_code: code,
    cum: rawNumber(formatMoney(fromFen((base.get(code) ?? 0) + stored[code]))),
  }));
  return { ok: true, output: { cuminfo } };
}

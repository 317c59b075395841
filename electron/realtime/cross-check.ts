/**
 * The cross-check (issue #14): the centre's settlement beside OneBill's own of the same bill (the
 * engine's `national-only` mode, with the line classes the centre answered). A difference of a fen
 * or more is reported field by field with the input that most likely explains it: the line split
 * (class 甲乙丙 / self-pay ratio / price cap), the deductible, the basic ratio, else the
 * year-to-date (caps and the 大病 base depend on it). It never blocks the cashier.
 */
import { traceLimitOf, traceParamOf, type SettlementResult } from '../../shared/engine';
import { dec, formatMoney } from '../../shared/money';
import type { Setlinfo } from './schemas';

export const CHECKED_FIELDS = [
  ['total', 'medfee_sumamt', '医疗费总额'],
  ['ownpay', 'fulamt_ownpay_amt', '全自费'],
  ['overlimit', 'overlmt_selfpay', '超限价'],
  ['preselfpay', 'preselfpay_amt', '乙类先行自付'],
  ['inscope', 'inscp_scp_amt', '符合范围'],
  ['basic', 'hifp_pay', '基本医保'],
  ['catastrophic', 'hifmi_pay', '大病保险'],
  ['assistance', 'maf_pay', '医疗救助'],
] as const;

export type LikelyInput = 'line-class' | 'deductible' | 'ratio' | 'ytd';
export const LIKELY_INPUT_LABELS: Record<LikelyInput, string> = {
  'line-class': '项目类别（甲乙丙）或自付比例',
  deductible: '起付线',
  ratio: '报销比例',
  ytd: '本年累计（年度限额、大病起付）',
};

export interface CrossCheck {
  rows: Array<{ field: string; label: string; centre: string; local: string; difference: string }>;
  /** Rows that differ by a fen or more. */
  differences: Array<{ field: string; label: string; difference: string }>;
  /** The largest absolute difference. */
  largest: string;
  likely: LikelyInput | null;
  /** Chinese, for the screen and the ledger. */
  summary: string;
}

export function crossCheck(centre: Setlinfo, local: SettlementResult): CrossCheck {
  const rows = CHECKED_FIELDS.map(([field, platform, label]) => {
    const c = dec(centre[platform] ?? '0');
    const l = dec(local.amounts[field]);
    return { field, label, centre: formatMoney(c), local: formatMoney(l), difference: formatMoney(c.minus(l)) };
  });
  const differences = rows.filter((r) => !dec(r.difference).isZero()).map(({ field, label, difference }) => ({ field, label, difference }));
  const largest = differences.reduce((m, d) => (dec(d.difference).abs().greaterThan(m) ? dec(d.difference).abs() : m), dec(0));
  if (differences.length === 0) return { rows, differences, largest: '0.00', likely: null, summary: '医保中心结算与本地核算一致' };

  const splitDiffers = differences.some((d) => ['ownpay', 'overlimit', 'preselfpay', 'inscope'].includes(d.field));
  const localDeductible = dec(traceLimitOf(local.trace, 'basic.deductibleApplied') ?? '0');
  const localRatio = traceParamOf(local.trace, 'basic.ratio');
  const likely: LikelyInput = splitDiffers
    ? 'line-class'
    : centre.act_pay_dedc !== undefined && centre.act_pay_dedc !== null && !dec(centre.act_pay_dedc).eq(localDeductible)
      ? 'deductible'
      : centre.pool_prop_selfpay !== undefined && localRatio !== undefined && !dec(centre.pool_prop_selfpay).eq(localRatio)
        ? 'ratio'
        : 'ytd';
  const parts = differences.map((d) => `${d.label}相差 ${d.difference}`).join('，');
  return {
    rows,
    differences,
    largest: formatMoney(largest),
    likely,
    summary: `医保中心结算与本地核算不一致：${parts}（以医保中心为准）；最可能的原因：${LIKELY_INPUT_LABELS[likely]}`,
  };
}

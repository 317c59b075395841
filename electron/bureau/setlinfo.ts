/**
 * The engine's amounts in the platform's settlement fields (§11.1 setlinfo, §12 fund rows): what a
 * settlement list's payinfo carries, and what the simulator stores and answers 3201/5203/5206 from.
 */
import type { AmountField } from '../../shared/engine';
import { dec, sum, type Decimal } from '../../shared/money';
import { FUND_PAY_TYPES } from './protocol';
import type { SetlinfoAmountField } from './schemas';

export type EngineAmounts = Record<AmountField, string>;

/** The platform amounts of one settlement (positive), each derived from the engine's result. */
export function setlinfoAmounts(a: EngineAmounts): Record<SetlinfoAmountField, Decimal> {
  const fund = {
    hifp_pay: dec(a.basic),
    hifmi_pay: dec(a.catastrophic),
    maf_pay: dec(a.assistance),
    oth_pay: dec(a.supplementary).plus(a.povertyFund),
  };
  return {
    medfee_sumamt: dec(a.total),
    fulamt_ownpay_amt: dec(a.ownpay),
    overlmt_selfpay: dec(a.overlimit),
    preselfpay_amt: dec(a.preselfpay),
    inscp_scp_amt: dec(a.inscope),
    ...fund,
    fund_pay_sumamt: sum(Object.values(fund)),
    hosp_part_amt: dec(a.hospitalShare).plus(a.discount),
    acct_pay: dec(0),
    psn_part_amt: dec(a.patientCash),
    psn_cash_pay: dec(a.patientCash),
  };
}

/** One row per fund that paid something (positive). */
export function setldetailAmounts(a: EngineAmounts): Array<{ code: string; name: string; amount: Decimal }> {
  return FUND_PAY_TYPES.map((f) => ({ code: f.code, name: f.name, amount: sum(f.from.map((field) => a[field])) })).filter((row) => !row.amount.isZero());
}

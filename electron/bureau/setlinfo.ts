/**
 * A 4101 `setlinfo` record from one settlement (bureau.md §2): the engine's amounts mapped to the
 * platform's fields, the setldetail rows per fund, and `bill` so that the bureau can recompute it.
 * A reversal carries the same bill with every amount negated and `init_setl_id` naming the original.
 */
import type { AmountField, SettlementInputRaw, Visit } from '../../shared/engine/schema';
import { dec, formatMoney, sum, type Decimal } from '../../shared/money';
import { CLR_TYPE, FUND_PAY_TYPES, INSUTYPE, MED_TYPE } from './protocol';
import type { SetlinfoAmountField, SetlinfoRecord } from './schemas';

export type EngineAmounts = Record<AmountField, string>;

export interface SettlementForUpload {
  /** Our settlement id: medins_setl_id (at most 30 characters). */
  id: string;
  /** setl_time, yyyy-MM-dd HH:mm:ss */
  settledAt: string;
  psnNo?: string;
  certno: string;
  name: string;
  /** The settlement's inputs in the case-file format (policy, date, visit, hospital, person, ytd, lines). */
  bill: SettlementInputRaw;
  /** The engine's result amounts for `bill` (positive, as settled). */
  amounts: EngineAmounts;
  /** Set on a reversal: the medins_setl_id of the settlement it reverses. */
  reverses?: string;
}

const BILL_KEYS = ['policy', 'date', 'visit', 'hospital', 'person', 'ytd', 'lines'] as const;

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
  return FUND_PAY_TYPES.map((f) => ({ code: f.code, name: f.name, amount: sum(f.from.map((field) => a[field])) })).filter(
    (row) => !row.amount.isZero(),
  );
}

export function buildSetlinfo(s: SettlementForUpload): SetlinfoRecord {
  const sign = s.reverses === undefined ? 1 : -1;
  const money = (d: Decimal) => formatMoney(d.times(sign));
  const visit = s.bill.visit as Visit;
  const insurance = s.bill.person.insurance;
  const amounts = setlinfoAmounts(s.amounts);
  return {
    medins_setl_id: s.id,
    psn_no: s.psnNo ?? '',
    certno: s.certno,
    psn_name: s.name,
    insutype: insurance in INSUTYPE ? INSUTYPE[insurance as keyof typeof INSUTYPE] : insurance,
    med_type: MED_TYPE[visit] ?? '',
    clr_type: CLR_TYPE[visit] ?? '',
    setl_time: s.settledAt,
    ...(Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, money(v)])) as Record<SetlinfoAmountField, string>),
    refd_setl_flag: s.reverses === undefined ? '0' : '1',
    init_setl_id: s.reverses ?? '',
    setldetail: setldetailAmounts(s.amounts).map((row) => ({
      fund_pay_type: row.code,
      fund_payamt: money(row.amount),
      fund_pay_type_name: row.name,
    })),
    bill: Object.fromEntries(BILL_KEYS.filter((k) => s.bill[k] !== undefined).map((k) => [k, s.bill[k]])),
  };
}

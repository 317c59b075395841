import type { AmountField, BILL_SUM_FIELDS, FlagField } from './schema';

/**
 * What the cashier, the patient's receipt and the reports call the engine's fields: defined once
 * here, used by the receipt (electron/receipt) and the window (renderer).
 */
export { IDENTITY_LABELS, VISIT_LABELS, CONDITION_LABELS } from './schema';

export type BillSumField = (typeof BILL_SUM_FIELDS)[number];
export type PayerField = Exclude<AmountField, BillSumField>;

export const FLAG_LABELS: Record<FlagField, string> = {
  reviewRequired: '专家审核',
  monitoringAlert: '返贫监测预警',
  charityReferral: '慈善救助转介',
  deferredPayment: '先诊疗后付费',
};

/** The bill's sums after classification (rule book §3). */
export const BILL_SUM_LABELS: Record<BillSumField, string> = {
  total: '费用总额',
  ownpay: '全自费',
  overlimit: '超限价自费',
  preselfpay: '乙类先行自付',
  inscope: '符合范围',
};

/** Who pays (rule book §1), in the order the layers pay. 医疗补充保险 is the Liaoning scheme's own name (seed 003). */
export const PAYER_LABELS: Record<PayerField, string> = {
  basic: '基本医保统筹基金',
  catastrophic: '大病保险',
  assistance: '医疗救助',
  supplementary: '医疗补充保险',
  povertyFund: '精准扶贫资金',
  hospitalShare: '医院承担',
  discount: '药店让利',
  patientCash: '个人现金支付',
};

export const AMOUNT_LABELS: Record<AmountField, string> = { ...BILL_SUM_LABELS, ...PAYER_LABELS };

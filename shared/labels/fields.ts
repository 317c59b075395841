import type { AmountField, BILL_SUM_FIELDS, Condition, FlagField, Identity, Visit } from '../engine';

/** What the cashier, the patient's receipt and the reports call the engine's fields and its inputs' vocabulary. */

export const IDENTITY_LABELS: Record<Identity, string> = {
  'extreme-poverty': '特困人员',
  subsistence: '低保对象',
  'relapse-risk': '易返贫致贫人口',
  'sudden-hardship': '突发严重困难户',
  'registered-poor': '建档立卡贫困人口',
  'stable-exit': '稳定脱贫人口',
  'precision-target': '精准扶贫重点帮扶对象',
};

export const VISIT_LABELS: Record<Visit, string> = {
  inpatient: '住院',
  'chronic-outpatient': '门诊慢特病',
  outpatient: '普通门诊',
  pharmacy: '药店购药',
};

export const HOSPITAL_LEVEL_LABELS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };

export const CONDITION_LABELS: Record<Condition, string> = {
  'critical-illness': '大病',
  'special-chronic': '特殊慢性病',
  'long-term-chronic': '长期慢性病',
};

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

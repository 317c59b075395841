import type { AmountField, FlagField } from '../../shared/engine/schema';

/** What each payer is called on paper, in the order the layers pay (rule book §4). */
export const PAYMENT_LABELS: ReadonlyArray<{ field: AmountField; label: string; always: boolean }> = [
  { field: 'basic', label: '基本医保统筹基金', always: true },
  { field: 'catastrophic', label: '大病保险', always: true },
  { field: 'assistance', label: '医疗救助', always: true },
  { field: 'supplementary', label: '医疗补充保险', always: false },
  { field: 'povertyFund', label: '精准扶贫资金', always: false },
  { field: 'hospitalShare', label: '医院承担', always: true },
  { field: 'discount', label: '药店让利（9折）', always: false },
];

/** The bill analysis of rule book §3. */
export const ANALYSIS_LABELS: ReadonlyArray<{ field: AmountField; label: string }> = [
  { field: 'ownpay', label: '全自费' },
  { field: 'overlimit', label: '超限价自费' },
  { field: 'preselfpay', label: '乙类先行自付' },
  { field: 'inscope', label: '符合范围' },
];

export const FLAG_LABELS: Record<FlagField, string> = {
  reviewRequired: '专家审核',
  monitoringAlert: '返贫监测预警',
  charityReferral: '慈善救助转介',
  deferredPayment: '先诊疗后付费',
};

export const STATUS_LABELS: Record<string, string> = {
  settled: '已结算',
  'pending-review': '已结算，待专家审核',
  'reviewed-approved': '专家审核通过',
  'reviewed-rejected': '专家审核未通过',
};

export const REFERRAL_LABELS: Record<string, string> = {
  local: '本地就医',
  referred: '转诊备案',
  unreferred: '未按规定转诊',
};

export const INSURANCE_LABELS: Record<string, string> = {
  resident: '城乡居民基本医疗保险',
  employee: '职工基本医疗保险',
};

export const HOSPITAL_LEVEL_LABELS: Record<number, string> = { 1: '一级', 2: '二级', 3: '三级' };

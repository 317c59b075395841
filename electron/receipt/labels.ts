import { BILL_SUM_LABELS, FLAG_LABELS, PAYER_LABELS, type PayerField, type AmountField } from '../../shared/engine';

export { FLAG_LABELS, PAYER_LABELS };

/** The payers printed on the receipt, in the order the layers pay; `always` rows show even at 0.00. */
export const PAYMENT_LABELS: ReadonlyArray<{ field: PayerField; label: string; always: boolean }> = (
  [
    ['basic', true],
    ['catastrophic', true],
    ['assistance', true],
    ['supplementary', false],
    ['povertyFund', false],
    ['hospitalShare', true],
    ['discount', false],
  ] as const
).map(([field, always]) => ({ field, label: PAYER_LABELS[field], always }));

/** The bill analysis of rule book §3. */
export const ANALYSIS_LABELS: ReadonlyArray<{ field: AmountField; label: string }> = (['ownpay', 'overlimit', 'preselfpay', 'inscope'] as const).map(
  (field) => ({ field, label: BILL_SUM_LABELS[field] }),
);

export const STATUS_LABELS: Record<string, string> = {
  settled: '已结算',
  'pending-review': '已结算，待专家审核',
  'reviewed-approved': '专家审核通过',
  'reviewed-rejected': '专家审核核减，已重新结算',
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

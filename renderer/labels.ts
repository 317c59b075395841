import type { AmountField, FlagField } from '../shared/engine';
import { BILL_SUM_LABELS, CLASS_LABELS as CLASS_LABELS_OF, FLAG_LABELS, PAYER_LABELS } from '../shared/labels';

/** The app's terms (shared/labels, the same words as the receipt and the reports); below only what is the window's own. */
export {
  IDENTITY_LABELS,
  VISIT_LABELS,
  CONDITION_LABELS,
  STATUS_LABELS,
  REFERRAL_LABELS,
  KIND_LABELS,
  CLASS_LABELS,
  OUTBOX_STATUS_LABELS,
  INSUTYPE_LABELS,
  CLR_TYPE_LABELS,
} from '../shared/labels';

/** A line's class as the cashier reads it: 甲类, 乙类 with its self-pay ratio, 丙类. */
export function classText(cls: string, selfPayRatio?: string | null): string {
  const label = CLASS_LABELS_OF[cls] ?? cls;
  return cls === 'B' && selfPayRatio != null ? `${label} ${Number((Number(selfPayRatio) * 100).toFixed(2))}%` : label;
}

/** Flags as the cashier reads them, with what to do about each. */
export const FLAG_TEXT: Record<FlagField, { label: string; hint: string }> = {
  reviewRequired: { label: FLAG_LABELS.reviewRequired, hint: '个人自费超过专家审核线，结算后待专家审核，请在“结算查询”中记录审核结果' },
  monitoringAlert: { label: FLAG_LABELS.monitoringAlert, hint: '本年个人负担超过监测线，请按规定上报因病返贫致贫监测' },
  charityReferral: { label: FLAG_LABELS.charityReferral, hint: '个人支付超过慈善救助线，请告知患者申请慈善救助' },
  deferredPayment: { label: FLAG_LABELS.deferredPayment, hint: '入院免交押金，个人支付部分按约定结清' },
};

/** The review flag's hint with the review threshold of the policy version that raised it (the engine returns it). */
export function reviewHint(threshold: string | null | undefined): string {
  return threshold ? `个人自费超过 ${threshold} 元（本统筹区专家审核线），结算后待专家审核，请在“结算查询”中记录审核结果` : FLAG_TEXT.reviewRequired.hint;
}

/** Who pays, in layer order, and which trace steps explain it (the applicable ones, in this order). */
export const PAYERS: ReadonlyArray<{ field: AmountField; label: string; layers: readonly string[]; always: boolean }> = (
  [
    { field: 'basic', layers: ['basic'], always: true },
    { field: 'catastrophic', layers: ['catastrophic'], always: true },
    { field: 'assistance', layers: ['assistance'], always: true },
    { field: 'supplementary', layers: ['supplementary'], always: false },
    { field: 'povertyFund', layers: ['poverty-fund'], always: false },
    { field: 'hospitalShare', layers: ['poverty-fund', 'supplementary', 'classify'], always: false },
    { field: 'discount', layers: ['classify'], always: false },
  ] as const
).map((p) => ({ ...p, label: PAYER_LABELS[p.field] }));

export const BILL_FIELDS: ReadonlyArray<{ field: AmountField; label: string }> = (Object.keys(BILL_SUM_LABELS) as Array<keyof typeof BILL_SUM_LABELS>).map((field) => ({
  field,
  label: BILL_SUM_LABELS[field],
}));

export const SOURCE_LABELS: Record<string, string> = {
  bureau: '医保中心',
  roster: '花名册',
  ledger: '本机台账',
  card: '卡片',
  policy: '政策',
  default: '默认',
  'social-security-card': '社保卡',
  'id-card': '身份证',
  'e-voucher': '医保电子凭证',
  'typed-id': '手工录入身份证号',
};
export const READER_STATE_LABELS: Record<string, string> = { ready: '就绪', 'no-card': '无卡', disconnected: '未连接', error: '故障' };
export const UPLOAD_STATE_LABELS: Record<string, string> = { idle: '本次启动后尚未上传', running: '正在上传', done: '上次上传已完成', failed: '上次上传未完成' };

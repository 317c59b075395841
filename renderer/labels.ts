import type { AmountField, FlagField } from '../shared/engine/schema';
import { BILL_SUM_LABELS, FLAG_LABELS, PAYER_LABELS } from '../shared/engine/labels';

export { IDENTITY_LABELS, VISIT_LABELS, CONDITION_LABELS } from '../shared/engine/labels';

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

export const STATUS_LABELS: Record<string, string> = {
  settled: '已结算',
  'pending-review': '待专家审核',
  'reviewed-approved': '审核通过',
  'reviewed-rejected': '审核核减，已重新结算',
};

export const REFERRAL_LABELS: Record<string, string> = { local: '本地就医', referred: '转诊备案', unreferred: '未按规定转诊' };
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
export const KIND_LABELS: Record<string, string> = { registration: '挂号费', diagnosis: '诊查费', drug: '药品', item: '诊疗项目', material: '医用材料' };
export const CLASS_LABELS: Record<string, string> = { A: '甲类', B: '乙类', C: '丙类' };
export const OUTBOX_STATUS_LABELS: Record<string, string> = { pending: '待上传', sent: '已发送', acked: '已确认', rejected: '被拒绝' };
/** 险种 and 清算类别 codes of the bureau's 3201 reconciliation. */
export const INSUTYPE_LABELS: Record<string, string> = { '390': '城乡居民医保', '310': '职工医保' };
export const CLR_TYPE_LABELS: Record<string, string> = { '11': '门诊', '21': '住院', '41': '定点药店' };
export const UPLOAD_STATE_LABELS: Record<string, string> = { idle: '本次启动后尚未上传', running: '正在上传', done: '上次上传已完成', failed: '上次上传未完成' };

import type { AmountField, FlagField } from '../shared/engine/schema';

export { IDENTITY_LABELS, VISIT_LABELS, CONDITION_LABELS } from '../shared/engine/schema';

/** Flags as the cashier reads them, with what to do about each. */
export const FLAG_TEXT: Record<FlagField, { label: string; hint: string }> = {
  reviewRequired: { label: '专家审核', hint: '个人自费超过 1 万元，结算后待专家审核，请在“结算查询”中记录审核结果' },
  monitoringAlert: { label: '返贫监测预警', hint: '本年个人负担超过监测线，请按规定上报因病返贫致贫监测' },
  charityReferral: { label: '慈善救助转介', hint: '个人支付超过慈善救助线，请告知患者申请慈善救助' },
  deferredPayment: { label: '先诊疗后付费', hint: '入院免交押金，个人支付部分按约定结清' },
};

/** Who pays, in layer order, and which trace steps explain it (the applicable ones, in this order). */
export const PAYERS: ReadonlyArray<{ field: AmountField; label: string; layers: readonly string[]; always: boolean }> = [
  { field: 'basic', label: '基本医保统筹基金', layers: ['basic'], always: true },
  { field: 'catastrophic', label: '大病保险', layers: ['catastrophic'], always: true },
  { field: 'assistance', label: '医疗救助', layers: ['assistance'], always: true },
  { field: 'supplementary', label: '医疗补充保险', layers: ['supplementary'], always: false },
  { field: 'povertyFund', label: '精准扶贫资金', layers: ['poverty-fund'], always: false },
  { field: 'hospitalShare', label: '医院承担', layers: ['poverty-fund', 'supplementary', 'classify'], always: false },
  { field: 'discount', label: '药店让利', layers: ['classify'], always: false },
];

export const BILL_FIELDS: ReadonlyArray<{ field: AmountField; label: string }> = [
  { field: 'total', label: '费用总额' },
  { field: 'ownpay', label: '全自费' },
  { field: 'overlimit', label: '超限价自费' },
  { field: 'preselfpay', label: '乙类先行自付' },
  { field: 'inscope', label: '符合范围' },
];

export const STATUS_LABELS: Record<string, string> = {
  settled: '已结算',
  'pending-review': '待专家审核',
  'reviewed-approved': '审核通过',
  'reviewed-rejected': '审核未通过',
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

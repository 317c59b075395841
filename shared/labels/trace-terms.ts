import type { NotApplicableReason, TraceData, TraceLayer, TraceLimitKey, TraceNoteCode, TraceParamKey, TraceStepId } from '../engine';
import { IDENTITY_LABELS } from './fields';

/** The Chinese of every code in the engine's trace (shared/engine/trace-schema.ts); rendered by trace.ts. */

/** The review note once the outcome is recorded: the window says so instead of 须专家审核. */
export const REVIEW_DONE_HINT = '专家审核结论已登记（见状态记录）';

/** A ratio as a percentage: "0.7" → "70%" (at most `digits` decimals, trailing zeros dropped). */
export function percent(ratio: string, digits = 4): string {
  return `${Number((Number(ratio) * 100).toFixed(digits))}%`;
}

/** A fact of a step or a note as text (a missing one shows as —, never "undefined"). */
export function text(data: TraceData, key: string): string {
  const value = data[key];
  if (value === undefined || value === null) return '—';
  return Array.isArray(value) ? value.join('、') : String(value);
}

export function list(data: TraceData, key: string): string[] {
  const value = data[key];
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [String(value)];
}

const identity = (code: string): string => IDENTITY_LABELS[code as keyof typeof IDENTITY_LABELS] ?? code;

export const TRACE_LAYER_TITLES: Record<TraceLayer, string> = {
  classify: '费用分类（三个目录）',
  basic: '基本医保',
  catastrophic: '大病保险',
  assistance: '医疗救助',
  supplementary: '补充保险',
  'poverty-fund': '精准扶贫资金',
  'fourth-layer': '第四重保障',
  patient: '个人支付',
  flags: '提示',
};

type NotApplicableStep = Extract<TraceStepId, `${string}.notApplicable`>;

/** Why a layer does not apply, for each step that can say so and the reasons it gives. */
export const NOT_APPLICABLE_LABELS: Record<NotApplicableStep, Partial<Record<NotApplicableReason, string>>> = {
  'catastrophic.notApplicable': { visit: '本就诊类型不计入大病保险' },
  'assistance.notApplicable': { visit: '本就诊类型不在救助范围', 'no-identity': '无医疗救助身份' },
  'fourth.povertyFund.notApplicable': { 'pharmacy-discount-only': '药店购药只享受折价', unreferred: '未按规定转诊', visit: '本就诊类型不适用' },
  'fourth.notApplicable': { 'not-qualified': '不符合条件', 'not-in-version': '本版本政策未设' },
};

export const TRACE_PARAM_LABELS: Record<TraceParamKey, string | ((data: TraceData) => string)> = {
  'basic.deductible': '起付线',
  'basic.ratio': '报销比例',
  'basic.annualCap': '年度最高支付限额',
  'basic.continuousIdentities': '起付线连续计算人群',
  'catastrophic.deductible': '起付线',
  'catastrophic.priorYearIncome': '上年居民人均可支配收入',
  'catastrophic.incomeShare': '起付线占收入比例',
  'catastrophic.tiltIdentities': '倾斜人群',
  'catastrophic.tiltDeductibleFactor': '起付线倾斜系数',
  'catastrophic.tiltRatioAdd': '报销比例提高',
  'catastrophic.tiltRemoveCap': '取消封顶线',
  'catastrophic.segment': (d) => (d.from !== undefined ? `起付线以上 ${text(d, 'from')} 元以上部分比例` : `起付线以上至 ${text(d, 'upTo')} 元部分比例`),
  'catastrophic.annualCap': '年度最高支付限额',
  'assistance.ratio': (d) => `${identity(text(d, 'identity'))}救助比例`,
  'assistance.annualLimit': '年度救助限额（住院与门诊慢特病共用）',
  'supplementary.ratio': '补偿比例',
  'supplementary.identities': '适用人群',
  'supplementary.conditions': '适用病种',
  'supplementary.selfPaidMinLevel': '目录外费用最低医院级别',
  'supplementary.specificDrugRatio': '特殊药品补偿比例',
  'supplementary.specificDrugMinLevel': '处方医院最低级别',
  'povertyFund.copayShare': '范围内个人自付承担比例',
  'povertyFund.selfPaidFundShare': '个人自费资金承担比例',
  'povertyFund.reviewThreshold': '专家审核线',
};

export const TRACE_LIMIT_LABELS: Record<TraceLimitKey, string> = {
  'basic.deductibleApplied': '起付线（本次）',
  'basic.capRemaining': '年度限额余额',
  'catastrophic.deductible': '起付线',
  'catastrophic.capRemaining': '年度限额余额',
  'assistance.limitRemaining': '年度救助限额余额',
  'povertyFund.reviewThreshold': '专家审核线',
};

export interface NoteOptions {
  /** The expert review's outcome is recorded (the settlement's status): the review note says 已专家审核. */
  reviewed?: boolean;
}

export const TRACE_NOTE_LABELS: Record<TraceNoteCode, (data: TraceData, options: NoteOptions) => string> = {
  'classify.waived': (d) => `挂号费、诊查费全免 ${text(d, 'amount')}，由医院承担`,
  'classify.excessiveHospital': (d) => `过度医疗（医院责任）${text(d, 'amount')}，由医院承担`,
  'classify.excessivePersonal': (d) => `过度医疗（个人原因）${text(d, 'amount')}，不予报销`,
  'classify.specificDrugs': (d) => `特殊药品自费购买 ${text(d, 'amount')}，由补充保险按比例补偿`,
  'classify.purchasePrice': (d) => `药品按进价结算，差价 ${text(d, 'amount')} 由医院承担`,
  'classify.pharmacyDiscount': (d) => `药店 ${percent(text(d, 'priceFactor'))} 折价，让利 ${text(d, 'amount')} 由药店承担`,
  'basic.continuousDeductible': (d) => `转诊起付线连续计算：已付 ${text(d, 'paid')}，本次应付起付线 ${text(d, 'due')}`,
  'catastrophic.cumulative': (d) => `本年累计政策范围内自付：${text(d, 'from')} → ${text(d, 'to')}`,
  'catastrophic.uncapped': () => '不设封顶线',
  'assistance.highestIdentity': (d) => `多重身份就高：${list(d, 'identities').map(identity).join('、')}`,
  'centre.excess': (d) => `医保中心三项支付超过本单范围内费用 ${text(d, 'excess')}（含地方措施移出或折让的费用），相应减轻医院、药店或个人负担`,
  'fourth.supplementary.selfPaidLevel': (d) => `目录外费用 ${text(d, 'selfPaid')} 限县级及以上医院补偿，本院级别 ${text(d, 'level')}`,
  'fourth.povertyFund.advancesAssistance': () => '医疗救助部分先由精准扶贫资金垫付，再与民政部门结算',
  'fourth.povertyFund.review': (d, o) => `个人自费 ${text(d, 'selfPaid')} 超过 ${text(d, 'threshold')}，${o.reviewed ? `已专家审核；${REVIEW_DONE_HINT}` : '须专家审核'}`,
  'fourth.povertyFund.reviewed': (d) =>
    Number(text(d, 'disallowed')) === 0
      ? '专家审核已完成：个人自费全部认定为合理、必要'
      : `专家审核已完成：不合理、不必要费用 ${text(d, 'disallowed')} 由个人支付，其余 ${text(d, 'reasonable')} 按比例分担`,
  'patient.excessivePersonal': (d) => `含不予报销的过度医疗费用 ${text(d, 'amount')}`,
  'flags.monitoringAlert': (d) => `返贫监测预警：本年个人负担 ${text(d, 'burden')} 超过 ${text(d, 'threshold')}`,
  'flags.charityReferral': (d) => `慈善救助转介：个人现金支付 ${text(d, 'cash')} 超过 ${text(d, 'threshold')}`,
  'flags.deferredPayment': () => '先诊疗后付费：入院免交押金',
};

export { identity as identityLabel };

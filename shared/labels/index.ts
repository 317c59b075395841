/**
 * Every Chinese term the window, the receipt and the reports show for the app's data, in one
 * place (the window and the backend both import it): the engine's fields and inputs (fields.ts),
 * the engine's trace rendered to Chinese (trace.ts, its terms in trace-terms.ts), and below what
 * the engine does not define.
 */
export * from './fields';
export { renderTrace, renderTraceStep, traceLimitValue, traceParamValue, type RenderedTraceStep, type TraceRenderOptions } from './trace';
export { NOT_APPLICABLE_LABELS, REVIEW_DONE_HINT, TRACE_LAYER_TITLES, TRACE_LIMIT_LABELS, TRACE_NOTE_LABELS, TRACE_PARAM_LABELS, percent } from './trace-terms';

/** A settlement's status (its latest event). */
export const STATUS_LABELS: Record<string, string> = {
  settled: '已结算',
  'pending-review': '已结算，待专家审核',
  'reviewed-approved': '专家审核通过',
  'reviewed-rejected': '专家审核核减，已重新结算',
};

export const REFERRAL_LABELS: Record<string, string> = { local: '本地就医', referred: '转诊备案', unreferred: '未按规定转诊' };

export const INSURANCE_LABELS: Record<string, string> = { resident: '城乡居民基本医疗保险', employee: '职工基本医疗保险' };

/** A bill line's 费用种类 and catalogue class. */
export const KIND_LABELS: Record<string, string> = { registration: '挂号费', diagnosis: '诊查费', drug: '药品', item: '诊疗项目', material: '医用材料' };
export const CLASS_LABELS: Record<string, string> = { A: '甲类', B: '乙类', C: '丙类' };

/** A settlement's place in the upload queue. */
export const OUTBOX_STATUS_LABELS: Record<string, string> = { pending: '待上传', sent: '已发送', acked: '已确认', rejected: '被拒绝' };

/** 险种 and 清算类别 codes of the bureau's 3201 reconciliation. */
export const INSUTYPE_LABELS: Record<string, string> = { '390': '城乡居民医保', '310': '职工医保' };
export const CLR_TYPE_LABELS: Record<string, string> = { '11': '门诊', '21': '住院', '41': '定点药店' };

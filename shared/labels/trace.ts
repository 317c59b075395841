import { isLegacyTraceStep, type StoredTraceStep, type TraceLimitKey, type TraceParamKey, type TraceStep, type TraceStepId } from '../engine';
import { HOSPITAL_LEVEL_LABELS, VISIT_LABELS } from './fields';
import {
  NOT_APPLICABLE_LABELS,
  type NoteOptions,
  TRACE_LAYER_TITLES,
  TRACE_LIMIT_LABELS,
  TRACE_NOTE_LABELS,
  TRACE_PARAM_LABELS,
  identityLabel,
  list,
  percent,
  text,
} from './trace-terms';

/** One step of the engine's trace in Chinese: what the window, the receipt and `npm run settle` show. */
export interface RenderedTraceStep {
  layer: string;
  title: string;
  applies: boolean;
  /** The one-line reason (the window's 依据 column). */
  summary: string;
  base?: string;
  amount?: string;
  params: Array<{ name: string; value: string; source: string }>;
  limits: Array<{ name: string; value: string; hit: boolean }>;
  notes: string[];
}

export type TraceRenderOptions = NoteOptions;

const limitOf = (s: TraceStep, key: TraceLimitKey) => s.limits.find((l) => l.key === key);
const paramValue = (s: TraceStep, key: TraceParamKey) => s.params.find((p) => p.key === key)?.value ?? '—';

function tiltText(s: TraceStep): string {
  if (s.data.tiltIdentity === null || s.data.tiltIdentity === undefined) return '';
  const factor = Number(text(s.data, 'tiltDeductibleFactor'));
  const parts = [
    ...(factor === 0.5 ? ['起付线减半'] : factor !== 1 ? [`起付线×${text(s.data, 'tiltDeductibleFactor')}`] : []),
    ...(Number(text(s.data, 'tiltRatioAdd')) > 0 ? [`比例+${percent(text(s.data, 'tiltRatioAdd'))}`] : []),
    ...(s.data.tiltRemoveCap === true ? ['取消封顶'] : []),
  ];
  return `（${identityLabel(text(s.data, 'tiltIdentity'))}倾斜：${parts.join('，')}）`;
}

function capText(s: TraceStep, key: TraceLimitKey, words: string): string {
  const limit = limitOf(s, key);
  return limit?.hit ? `，${words}（余额 ${limit.value}）` : '';
}

function notApplicable(s: TraceStep): string {
  const reasons: Partial<Record<string, string>> = NOT_APPLICABLE_LABELS[s.step as keyof typeof NOT_APPLICABLE_LABELS] ?? {};
  return `${TRACE_LAYER_TITLES[s.layer]}：不适用（${reasons[text(s.data, 'reason')] ?? text(s.data, 'reason')}）`;
}

function centre(s: TraceStep): string {
  return `${TRACE_LAYER_TITLES[s.layer]}：医保中心结算 ${text(s.data, 'field')} ${s.amount ?? '—'}`;
}

/** The one-line summary of each step id; `notes` are the step's notes already in Chinese. */
const SUMMARIES: Record<TraceStepId, (s: TraceStep, notes: string[]) => string> = {
  'classify.bill': ({ data: d }) =>
    `费用总额 ${text(d, 'total')}：全自费 ${text(d, 'ownpay')}，超限价 ${text(d, 'overlimit')}，乙类先行自付 ${text(d, 'preselfpay')}，符合范围 ${text(d, 'inscope')}`,
  'basic.pool': (s) => {
    const visit = text(s.data, 'visit') as keyof typeof VISIT_LABELS;
    const where =
      visit === 'inpatient' ? `${VISIT_LABELS.inpatient} ${HOSPITAL_LEVEL_LABELS[Number(s.data.level)] ?? text(s.data, 'level')}医院` : (VISIT_LABELS[visit] ?? visit);
    const deductible = s.data.deductibleDue === null || s.data.deductibleDue === undefined ? '' : `起付线 ${text(s.data, 'deductibleDue')} 以上 `;
    return `基本医保：${where} ${deductible}${percent(paramValue(s, 'basic.ratio'))}${capText(s, 'basic.capRemaining', '年度限额封顶')}`;
  },
  'basic.centre': centre,
  'catastrophic.band': (s) => {
    const deductible = text(s.data, 'deductible');
    const tilt = tiltText(s);
    return s.data.reached === true
      ? `大病保险：起付线 ${deductible}${tilt || ' '}以上 ${list(s.data, 'ratios').map(percent).join('/')}${capText(s, 'catastrophic.capRemaining', '封顶')}`
      : `大病保险：累计自付 ${text(s.data, 'cumulative')} 未达起付线 ${deductible}${tilt}`;
  },
  'catastrophic.centre': centre,
  'catastrophic.notApplicable': notApplicable,
  'assistance.ratio': (s) =>
    `医疗救助：${identityLabel(text(s.data, 'identity'))} ${percent(text(s.data, 'ratio'))}${capText(s, 'assistance.limitRemaining', '年度救助限额封顶')}`,
  'assistance.centre': centre,
  'assistance.notApplicable': notApplicable,
  'fourth.supplementary.remainder': ({ data: d }) =>
    d.withSelfPaid === true
      ? `补充保险：（政策范围内自付 ${text(d, 'copay3')} + 目录外 ${text(d, 'selfPaid')}）× ${percent(text(d, 'ratio'))}`
      : `补充保险：政策范围内自付 ${text(d, 'copay3')} × ${percent(text(d, 'ratio'))}`,
  'fourth.supplementary.specificDrugs': (s) =>
    s.applies ? `补充保险：特殊药品 ${text(s.data, 'specificDrugs')} × ${percent(text(s.data, 'ratio'))}` : '补充保险：不适用（无二级及以上医院处方的特殊药品）',
  'fourth.povertyFund': ({ data: d }) =>
    `精准扶贫资金：范围内自付 ${percent(text(d, 'copayShare'))} + 自费 ${percent(text(d, 'selfPaidFundShare'))}；医院承担自费 ${text(d, 'hospitalSplit')}`,
  'fourth.povertyFund.notApplicable': notApplicable,
  'fourth.notApplicable': notApplicable,
  'patient.cash': (s) => `个人现金支付 ${s.amount ?? '—'}`,
  flags: (_s, notes) => (notes.length ? notes.join('；') : '无提示'),
};

/**
 * A step in Chinese. A step stored before the trace was structured is shown exactly as it was
 * stored (it is evidence; its review note is not rewritten).
 */
export function renderTraceStep(stored: StoredTraceStep, options: TraceRenderOptions = {}): RenderedTraceStep {
  if (isLegacyTraceStep(stored)) {
    const { limits, ...rest } = stored;
    return { ...rest, limits: limits.map(({ name, value, bit }) => ({ name, value, hit: bit })) };
  }
  const s = stored;
  const notes = s.notes.map((n) => TRACE_NOTE_LABELS[n.code](n.data, options));
  return {
    layer: s.layer,
    title: TRACE_LAYER_TITLES[s.layer],
    applies: s.applies,
    summary: SUMMARIES[s.step](s, notes),
    ...(s.base !== undefined ? { base: s.base } : {}),
    ...(s.amount !== undefined ? { amount: s.amount } : {}),
    params: s.params.map((p) => {
      const label = TRACE_PARAM_LABELS[p.key];
      // A list (identity or condition codes) is shown 、-separated, as the trace always showed it.
      return { name: typeof label === 'string' ? label : label(p.data ?? {}), value: p.value.replaceAll(',', '、'), source: p.source };
    }),
    limits: s.limits.map((l) => ({ name: TRACE_LIMIT_LABELS[l.key], value: l.value, hit: l.hit })),
    notes,
  };
}

export function renderTrace(trace: readonly StoredTraceStep[], options: TraceRenderOptions = {}): RenderedTraceStep[] {
  return trace.map((s) => renderTraceStep(s, options));
}

/**
 * A policy parameter's value as a step cited it, by key; a stored free-text step is searched by
 * the parameter's Chinese name (what the engine wrote then), so old settlements still answer.
 */
export function traceParamValue(stored: StoredTraceStep, key: TraceParamKey): string | undefined {
  if (!isLegacyTraceStep(stored)) return stored.params.find((p) => p.key === key)?.value;
  const name = TRACE_PARAM_LABELS[key];
  return typeof name === 'string' ? stored.params.find((p) => p.name === name)?.value : undefined;
}

/** A limit's value as a step checked it, by key (a stored free-text step: by its Chinese name). */
export function traceLimitValue(stored: StoredTraceStep, key: TraceLimitKey): string | undefined {
  if (!isLegacyTraceStep(stored)) return stored.limits.find((l) => l.key === key)?.value;
  return stored.limits.find((l) => l.name === TRACE_LIMIT_LABELS[key])?.value;
}

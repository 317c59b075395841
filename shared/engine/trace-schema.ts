import { z } from 'zod';

/**
 * The engine's trace: structured data only, no Chinese. Each step is one layer's calculation,
 * named by a stable step id; its parameters (policy values with their clause), limits and notes
 * are keyed by stable codes. shared/labels renders them to Chinese (`renderTraceStep`); a new id
 * or code here needs its label there (test/labels/trace-labels.test.ts fails otherwise).
 */

/** The layer a step explains (the window picks a payer's reason by it). */
export const TRACE_LAYERS = ['classify', 'basic', 'catastrophic', 'assistance', 'supplementary', 'poverty-fund', 'fourth-layer', 'patient', 'flags'] as const;

/** `<layer>.<how>`: `centre` = the national centre's amount taken as given (rule book §4.6). */
export const TRACE_STEP_IDS = [
  'classify.bill',
  'basic.pool',
  'basic.centre',
  'catastrophic.band',
  'catastrophic.centre',
  'catastrophic.notApplicable',
  'assistance.ratio',
  'assistance.centre',
  'assistance.notApplicable',
  'fourth.supplementary.remainder',
  'fourth.supplementary.specificDrugs',
  'fourth.povertyFund',
  'fourth.povertyFund.notApplicable',
  'fourth.notApplicable',
  'patient.cash',
  'flags',
] as const;

/** Why a layer does not apply (the `reason` of a `*.notApplicable` step). */
export const NOT_APPLICABLE_REASONS = ['visit', 'no-identity', 'not-qualified', 'not-in-version', 'pharmacy-discount-only', 'unreferred'] as const;

/** Policy parameters as a step cites them. */
export const TRACE_PARAM_KEYS = [
  'basic.deductible',
  'basic.ratio',
  'basic.annualCap',
  'basic.continuousIdentities',
  'catastrophic.deductible',
  'catastrophic.priorYearIncome',
  'catastrophic.incomeShare',
  'catastrophic.tiltIdentities',
  'catastrophic.tiltDeductibleFactor',
  'catastrophic.tiltRatioAdd',
  'catastrophic.tiltRemoveCap',
  /** One 大病 segment's ratio; data `upTo` (a bounded segment, above D) or `from` (the open one). */
  'catastrophic.segment',
  'catastrophic.annualCap',
  /** data `identity`: the identity whose ratio applies. */
  'assistance.ratio',
  'assistance.annualLimit',
  'supplementary.ratio',
  'supplementary.identities',
  'supplementary.conditions',
  'supplementary.selfPaidMinLevel',
  'supplementary.specificDrugRatio',
  'supplementary.specificDrugMinLevel',
  'povertyFund.copayShare',
  'povertyFund.selfPaidFundShare',
  'povertyFund.reviewThreshold',
] as const;

/** The limits a step checked: `hit` = the limit decided the amount (or the deductible took part). */
export const TRACE_LIMIT_KEYS = [
  'basic.deductibleApplied',
  'basic.capRemaining',
  'catastrophic.deductible',
  'catastrophic.capRemaining',
  'assistance.limitRemaining',
  'povertyFund.reviewThreshold',
] as const;

export const TRACE_NOTE_CODES = [
  'classify.waived',
  'classify.excessiveHospital',
  'classify.excessivePersonal',
  'classify.specificDrugs',
  'classify.purchasePrice',
  'classify.pharmacyDiscount',
  'basic.continuousDeductible',
  'catastrophic.cumulative',
  'catastrophic.uncapped',
  'assistance.highestIdentity',
  'centre.excess',
  'fourth.supplementary.selfPaidLevel',
  'fourth.povertyFund.advancesAssistance',
  'fourth.povertyFund.review',
  'fourth.povertyFund.reviewed',
  'patient.excessivePersonal',
  'flags.monitoringAlert',
  'flags.charityReferral',
  'flags.deferredPayment',
] as const;

export type TraceLayer = (typeof TRACE_LAYERS)[number];
export type TraceStepId = (typeof TRACE_STEP_IDS)[number];
export type NotApplicableReason = (typeof NOT_APPLICABLE_REASONS)[number];
export type TraceParamKey = (typeof TRACE_PARAM_KEYS)[number];
export type TraceLimitKey = (typeof TRACE_LIMIT_KEYS)[number];
export type TraceNoteCode = (typeof TRACE_NOTE_CODES)[number];

const moneyString = z.string().regex(/^-?\d+\.\d{2}$/);

/** Facts of a step or a note: amounts as money strings, ratios as decimal strings, codes, flags. */
export const traceDataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]));
export type TraceData = z.infer<typeof traceDataSchema>;

export const traceParamSchema = z.object({
  key: z.enum(TRACE_PARAM_KEYS),
  /** The policy value as text: a decimal, `true`/`false`, `null`, or a list of codes joined by a comma. */
  value: z.string(),
  /** The seed clause, `local-default` or `site: <file>`. */
  source: z.string(),
  data: traceDataSchema.optional(),
});

export const traceLimitSchema = z.object({ key: z.enum(TRACE_LIMIT_KEYS), value: moneyString, hit: z.boolean() });
export const traceNoteSchema = z.object({ code: z.enum(TRACE_NOTE_CODES), data: traceDataSchema });

export const traceStepSchema = z.object({
  step: z.enum(TRACE_STEP_IDS),
  layer: z.enum(TRACE_LAYERS),
  applies: z.boolean(),
  base: moneyString.optional(),
  amount: moneyString.optional(),
  data: traceDataSchema,
  params: z.array(traceParamSchema),
  limits: z.array(traceLimitSchema),
  notes: z.array(traceNoteSchema),
});

/**
 * A step as settlements committed before the trace was structured stored it: Chinese text the
 * engine wrote then. It is evidence, kept and shown as it was (shared/labels renders it as is).
 */
export const legacyTraceStepSchema = z.object({
  layer: z.string(),
  title: z.string(),
  applies: z.boolean(),
  summary: z.string(),
  base: z.string().optional(),
  amount: z.string().optional(),
  params: z.array(z.object({ name: z.string(), value: z.string(), source: z.string() })),
  limits: z.array(z.object({ name: z.string(), value: z.string(), bit: z.boolean() })),
  notes: z.array(z.string()),
});

/** What the ledger holds: the structured form from now on, the old free-text form for older settlements. */
export const storedTraceStepSchema = z.union([traceStepSchema, legacyTraceStepSchema]);

export type TraceStep = z.infer<typeof traceStepSchema>;
export type TraceParam = z.infer<typeof traceParamSchema>;
export type TraceLimit = z.infer<typeof traceLimitSchema>;
export type TraceNote = z.infer<typeof traceNoteSchema>;
export type LegacyTraceStep = z.infer<typeof legacyTraceStepSchema>;
export type StoredTraceStep = z.infer<typeof storedTraceStepSchema>;

export function isLegacyTraceStep(step: StoredTraceStep): step is LegacyTraceStep {
  return !('step' in step);
}

/** A policy parameter's value as the trace cites it (keys are unique across steps). */
export function traceParamOf(trace: readonly TraceStep[], key: TraceParamKey): string | undefined {
  for (const s of trace) for (const p of s.params) if (p.key === key) return p.value;
  return undefined;
}

/** A limit's value as the trace checked it. */
export function traceLimitOf(trace: readonly TraceStep[], key: TraceLimitKey): string | undefined {
  for (const s of trace) for (const l of s.limits) if (l.key === key) return l.value;
  return undefined;
}

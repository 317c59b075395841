import { type Decimal, formatMoney } from '../money';
import type { Param } from '../policy';
import type {
  NotApplicableReason,
  TraceData,
  TraceLayer,
  TraceLimitKey,
  TraceNote,
  TraceNoteCode,
  TraceParam,
  TraceParamKey,
  TraceStep,
  TraceStepId,
} from './trace-schema';

/** A policy parameter as a step cites it: the value as text and the clause it comes from. */
export function traceParam(key: TraceParamKey, param: Param<unknown>, data?: TraceData): TraceParam {
  const value = Array.isArray(param.value) ? param.value.join(',') : String(param.value);
  return { key, value, source: param.ref, ...(data ? { data } : {}) };
}

export function note(code: TraceNoteCode, data: TraceData = {}): TraceNote {
  return { code, data };
}

/** An amount in a step's or a note's data. */
export const money = (amount: Decimal): string => formatMoney(amount);

export interface StepDraft {
  step: TraceStepId;
  layer: TraceLayer;
  applies: boolean;
  base?: Decimal;
  amount?: Decimal;
  data?: TraceData;
  params?: TraceParam[];
  limits?: Array<{ key: TraceLimitKey; value: Decimal; hit: boolean }>;
  notes?: TraceNote[];
}

export function step(draft: StepDraft): TraceStep {
  return {
    step: draft.step,
    layer: draft.layer,
    applies: draft.applies,
    ...(draft.base !== undefined ? { base: formatMoney(draft.base) } : {}),
    ...(draft.amount !== undefined ? { amount: formatMoney(draft.amount) } : {}),
    data: draft.data ?? {},
    params: draft.params ?? [],
    limits: (draft.limits ?? []).map((l) => ({ key: l.key, value: formatMoney(l.value), hit: l.hit })),
    notes: draft.notes ?? [],
  };
}

export function notApplicable(id: TraceStepId, layer: TraceLayer, reason: NotApplicableReason): TraceStep {
  return step({ step: id, layer, applies: false, data: { reason } });
}

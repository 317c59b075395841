import { type Decimal, formatMoney } from '../money';
import type { Param } from '../policy';
import type { TraceParam, TraceStep } from './schema';

export function traceParam(name: string, param: Param<unknown>): TraceParam {
  const value = Array.isArray(param.value) ? param.value.join('、') : String(param.value);
  return { name, value, source: param.ref };
}

export function percent(ratio: Decimal | string): string {
  const text = typeof ratio === 'string' ? ratio : ratio.toString();
  return `${Number((Number(text) * 100).toFixed(4))}%`;
}

export interface StepDraft {
  layer: string;
  title: string;
  applies: boolean;
  summary: string;
  base?: Decimal;
  amount?: Decimal;
  params?: TraceParam[];
  limits?: Array<{ name: string; value: Decimal; bit: boolean }>;
  notes?: string[];
}

export function step(draft: StepDraft): TraceStep {
  return {
    layer: draft.layer,
    title: draft.title,
    applies: draft.applies,
    summary: draft.summary,
    ...(draft.base !== undefined ? { base: formatMoney(draft.base) } : {}),
    ...(draft.amount !== undefined ? { amount: formatMoney(draft.amount) } : {}),
    params: draft.params ?? [],
    limits: (draft.limits ?? []).map((l) => ({ name: l.name, value: formatMoney(l.value), bit: l.bit })),
    notes: draft.notes ?? [],
  };
}

export function notApplicable(layer: string, title: string, reason: string): TraceStep {
  return step({ layer, title, applies: false, summary: `${title}：不适用（${reason}）` });
}

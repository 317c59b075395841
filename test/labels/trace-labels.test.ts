import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../electron/policy';
import { buildReceiptModel } from '../../electron/receipt';
import {
  NOT_APPLICABLE_REASONS,
  TRACE_LAYERS,
  TRACE_LIMIT_KEYS,
  TRACE_NOTE_CODES,
  TRACE_PARAM_KEYS,
  TRACE_STEP_IDS,
  settle,
  storedTraceStepSchema,
  type SettleMode,
  type TraceStep,
} from '../../shared/engine';
import { settlementRecordSchema } from '../../shared/contract';
import {
  NOT_APPLICABLE_LABELS,
  TRACE_LAYER_TITLES,
  TRACE_LIMIT_LABELS,
  TRACE_NOTE_LABELS,
  TRACE_PARAM_LABELS,
  renderTrace,
  renderTraceStep,
  traceParamValue,
} from '../../shared/labels';
import { dec } from '../../shared/money';
import { caseFiles } from '../../tools/lib/case-file';
import { CONTEXT, settleOrThrow, storedSettlement } from '../receipt/fixtures';

const library = loadPolicyLibrary();
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

function caseInput(name: string): Record<string, unknown> {
  const { expect: _expect, ...input } = parse(readFileSync(resolve(__dirname, '../cases', name), 'utf8')) as Record<string, unknown>;
  return input;
}

function traceOf(input: unknown, mode: SettleMode = { kind: 'local' }): TraceStep[] {
  const outcome = settle(input, library, mode);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value.trace;
}

/** Every trace the case files give, locally, as the centre settles and with the centre's amounts (+ an excess). */
function corpus(): TraceStep[][] {
  return caseFiles(resolve(__dirname, '../cases')).flatMap((file) => {
    const { expect: _expect, ...input } = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const local = settle(input, library);
    const centre = settle(input, library, { kind: 'national-only' });
    if (!local.ok || !centre.ok) return [];
    const a = centre.value.amounts;
    const given = settle(input, library, {
      kind: 'national-given',
      amounts: { basic: dec(a.basic).plus('150').toFixed(2), catastrophic: a.catastrophic, assistance: a.assistance },
    });
    return [local.value.trace, centre.value.trace, ...(given.ok ? [given.value.trace] : [])];
  });
}

describe('the trace is data; shared/labels words it', () => {
  const traces = corpus();
  const steps = traces.flat();

  it('has a label for every layer, step id, parameter, limit and note code the schema allows', () => {
    expect(Object.keys(TRACE_LAYER_TITLES).sort()).toEqual([...TRACE_LAYERS].sort());
    expect(Object.keys(TRACE_PARAM_LABELS).sort()).toEqual([...TRACE_PARAM_KEYS].sort());
    expect(Object.keys(TRACE_LIMIT_LABELS).sort()).toEqual([...TRACE_LIMIT_KEYS].sort());
    expect(Object.keys(TRACE_NOTE_LABELS).sort()).toEqual([...TRACE_NOTE_CODES].sort());
    expect(Object.keys(NOT_APPLICABLE_LABELS).sort()).toEqual(TRACE_STEP_IDS.filter((id) => id.endsWith('.notApplicable')).sort());
    for (const reasons of Object.values(NOT_APPLICABLE_LABELS)) for (const reason of Object.keys(reasons)) expect(NOT_APPLICABLE_REASONS).toContain(reason);
  });

  it('the case files make the engine emit every step id, parameter, limit and note code (the lists are not stale)', () => {
    expect(new Set(steps.map((s) => s.step))).toEqual(new Set(TRACE_STEP_IDS));
    expect(new Set(steps.flatMap((s) => s.params.map((p) => p.key)))).toEqual(new Set(TRACE_PARAM_KEYS));
    expect(new Set(steps.flatMap((s) => s.limits.map((l) => l.key)))).toEqual(new Set(TRACE_LIMIT_KEYS));
    expect(new Set(steps.flatMap((s) => s.notes.map((n) => n.code)))).toEqual(new Set(TRACE_NOTE_CODES));
  });

  it('renders every emitted step in Chinese with all its facts (no missing label, no missing datum)', () => {
    for (const step of steps) {
      const reason = step.data.reason;
      if (typeof reason === 'string') expect(NOT_APPLICABLE_LABELS[step.step as keyof typeof NOT_APPLICABLE_LABELS], `${step.step}:${reason}`).toHaveProperty(reason);
      for (const reviewed of [false, true]) {
        const shown = renderTraceStep(step, { reviewed });
        for (const text of [shown.title, shown.summary, ...shown.params.map((p) => p.name), ...shown.limits.map((l) => l.name), ...shown.notes]) {
          expect(text, step.step).toMatch(CJK);
          expect(text, step.step).not.toMatch(/undefined|NaN|—/);
        }
      }
    }
  });

  it('carries no Chinese itself: only codes, keys, amounts and the policy clauses cited as sources', () => {
    for (const step of steps) {
      const { params, ...rest } = step;
      expect(JSON.stringify(rest)).not.toMatch(CJK);
      expect(JSON.stringify(params.map(({ source: _source, ...p }) => p))).not.toMatch(CJK);
    }
    expect(traces.every((t) => t.every((s) => s.params.every((p) => p.source.length > 0)))).toBe(true);
  });

  it('pins the basic step: its id, parameter keys in order, the deductible limit and the continuous-deductible note', () => {
    const basic = traceOf(caseInput('100-gz-continuous-deductible.yaml')).find((s) => s.layer === 'basic')!;
    expect(basic.step).toBe('basic.pool');
    expect(basic.params.map((p) => p.key)).toEqual(['basic.deductible', 'basic.ratio', 'basic.annualCap', 'basic.continuousIdentities']);
    expect(basic.limits.map((l) => l.key)).toEqual(['basic.deductibleApplied', 'basic.capRemaining']);
    expect(basic.notes).toEqual([{ code: 'basic.continuousDeductible', data: { paid: expect.any(String), due: expect.any(String) } }]);
    expect(basic.data).toMatchObject({ visit: 'inpatient', deductibleDue: basic.notes[0]!.data.due });
  });

  it('pins the 大病 segments: one parameter per band with its bound as data', () => {
    const cat = traceOf(caseInput('103-gz-tilt-segments-uncapped.yaml')).find((s) => s.layer === 'catastrophic')!;
    expect(cat.step).toBe('catastrophic.band');
    const segments = cat.params.filter((p) => p.key === 'catastrophic.segment');
    expect(segments.length).toBeGreaterThan(1);
    expect(segments.slice(0, -1).every((p) => typeof p.data?.upTo === 'string')).toBe(true);
    expect(segments.at(-1)!.data).toEqual({ from: expect.stringMatching(/^\d+$/) });
    expect(cat.notes.map((n) => n.code)).toEqual(['catastrophic.cumulative', 'catastrophic.uncapped']);
  });

  it('pins the review note: a code with the amounts; 须/已专家审核 is the caller’s choice, not a patched string', () => {
    const trace = traceOf(caseInput('403-jm-chronic-month-review.yaml'));
    const fund = trace.find((s) => s.layer === 'poverty-fund')!;
    expect(fund.step).toBe('fourth.povertyFund');
    expect(fund.params.map((p) => p.key)).toEqual(['povertyFund.copayShare', 'povertyFund.selfPaidFundShare', 'povertyFund.reviewThreshold']);
    expect(fund.limits).toEqual([{ key: 'povertyFund.reviewThreshold', value: '10000.00', hit: true }]);
    const review = fund.notes.find((n) => n.code === 'fourth.povertyFund.review')!;
    expect(review.data).toEqual({ selfPaid: expect.stringMatching(/^\d+\.\d\d$/), threshold: '10000.00' });
    const pending = renderTraceStep(fund).notes.join('\n');
    const done = renderTraceStep(fund, { reviewed: true }).notes.join('\n');
    expect(pending).toContain(`个人自费 ${String(review.data.selfPaid)} 超过 10000.00，须专家审核`);
    expect(done).toContain(`个人自费 ${String(review.data.selfPaid)} 超过 10000.00，已专家审核；专家审核结论已登记（见状态记录）`);
    expect(done).not.toContain('须专家审核');
  });
});

describe('traces stored before the trace was structured', () => {
  const legacy = {
    layer: 'supplementary',
    title: '补充保险',
    applies: true,
    summary: '补充保险：特殊药品 500.00 × 80%',
    base: '500.00',
    amount: '400.00',
    params: [{ name: '特殊药品补偿比例', value: '0.8', source: 'seed: 003 §三' }],
    limits: [{ name: '年度限额余额', value: '100.00', bit: false }],
    notes: ['个人自费 12000.00 超过 10000.00，须专家审核'],
  };

  it('are read by the contract and shown exactly as stored, their review note included', () => {
    expect(storedTraceStepSchema.parse(legacy)).toEqual(legacy);
    expect(renderTraceStep(legacy, { reviewed: true })).toEqual({ ...legacy, limits: [{ name: '年度限额余额', value: '100.00', hit: false }] });
    expect(traceParamValue(legacy, 'supplementary.specificDrugRatio')).toBe('0.8');
    const shape = settlementRecordSchema.shape.trace;
    expect(shape.parse([legacy, traceOf(caseInput('302-ln-pharmacy-specific-drug.yaml'))[0]])).toHaveLength(2);
  });

  it('still give the receipt the specific-drug share', () => {
    const input = caseInput('302-ln-pharmacy-specific-drug.yaml');
    const result = settleOrThrow(input as never);
    const fresh = buildReceiptModel({ ...storedSettlement(input as never, result, 'T01-20200303-000001'), trace: result.trace }, CONTEXT);
    const old = buildReceiptModel(
      { ...storedSettlement(input as never, result, 'T01-20200303-000001'), trace: renderTrace(result.trace).map((s) => ({ ...s, limits: [], notes: [] })) },
      CONTEXT,
    );
    const share = fresh.notes.find((n) => n.startsWith('补充保险支付特殊药品'));
    expect(share).toMatch(/^补充保险支付特殊药品 \d+\.\d\d × 80% = \d+\.\d\d 元$/);
    expect(old.notes.find((n) => n.startsWith('补充保险支付特殊药品'))).toBe(share);
  });
});

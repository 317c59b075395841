import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../electron/policy';
import { settle, type SettleMode } from '../../shared/engine';
import { renderTrace } from '../../shared/labels';
import { dec } from '../../shared/money';

/**
 * The structured trace says exactly what the free-text trace said before (the cases, receipts and
 * e2e tests read these words): every step of every case file and demo bill, in each mode, rendered
 * by shared/labels, equals the wording the engine wrote itself (trace-wording.golden.yaml).
 */
const root = resolve(__dirname, '../..');
const golden = parse(readFileSync(resolve(__dirname, 'trace-wording.golden.yaml'), 'utf8')) as {
  cases: Record<string, Record<string, number[]>>;
  steps: Array<Record<string, unknown> & { limits: Array<{ name: string; value: string; bit: boolean }> }>;
};
const library = loadPolicyLibrary();

function inputOf(file: string): unknown {
  const text = readFileSync(resolve(root, file), 'utf8');
  const { expect: _expect, ...input } = (file.endsWith('.json') ? JSON.parse(text) : parse(text)) as Record<string, unknown>;
  return input;
}

function modeOf(input: unknown, mode: string): SettleMode {
  if (!mode.startsWith('given+')) return mode === 'national-only' ? { kind: 'national-only' } : { kind: 'local' };
  const centre = settle(input, library, { kind: 'national-only' });
  if (!centre.ok) throw new Error(centre.error.message);
  const a = centre.value.amounts;
  return {
    kind: 'national-given',
    amounts: { basic: dec(a.basic).plus(mode.slice('given+'.length)).toFixed(2), catastrophic: a.catastrophic, assistance: a.assistance },
  };
}

const runs = Object.entries(golden.cases).flatMap(([file, modes]) => Object.entries(modes).map(([mode, steps]) => [file, mode, steps] as const));

describe('the trace in Chinese, as the engine used to write it', () => {
  it('covers every case file, every mode and the review note once the review is recorded', () => {
    expect(runs.length).toBeGreaterThan(150);
    expect(new Set(runs.map(([, mode]) => mode))).toEqual(new Set(['local', 'local-reviewed', 'national-only', 'given+0', 'given+7.31', 'given+150']));
  });

  it.each(runs)('%s (%s)', (file, mode, steps) => {
    const input = inputOf(file);
    const outcome = settle(input, library, modeOf(input, mode));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const shown = renderTrace(outcome.value.trace, { reviewed: mode === 'local-reviewed' }).map(({ limits, ...step }) => ({
      ...step,
      limits: limits.map(({ name, value, hit }) => ({ name, value, bit: hit })),
    }));
    expect(shown).toEqual(steps.map((i) => golden.steps[i]));
  });
});

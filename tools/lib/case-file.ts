import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { AMOUNT_FIELDS, FLAG_FIELDS, settle, type SettleOutcome } from '../../shared/engine';
import type { PolicyLibrary } from '../../shared/policy';

/** One mismatch between a case file's `expect` and the engine's outcome. */
export interface CaseFailure {
  field: string;
  expected: string;
  actual: string;
}

export interface CaseRun {
  file: string;
  name: string;
  outcome: SettleOutcome;
  failures: CaseFailure[];
}

export function caseFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(path, name));
}

/** Compares a case's `expect` (amount strings, booleans, or `error: <code>`) with the outcome. */
export function compareExpectations(expect: Record<string, unknown>, outcome: SettleOutcome): CaseFailure[] {
  const failures: CaseFailure[] = [];
  if ('error' in expect) {
    const actual = outcome.ok ? 'settled' : outcome.error.code;
    if (actual !== String(expect.error)) failures.push({ field: 'error', expected: String(expect.error), actual });
    return failures;
  }
  if (!outcome.ok) {
    return [{ field: 'error', expected: '(none)', actual: `${outcome.error.code}: ${outcome.error.message}` }];
  }
  for (const [field, expectedRaw] of Object.entries(expect)) {
    if ((AMOUNT_FIELDS as readonly string[]).includes(field)) {
      const expected = String(expectedRaw);
      const actual = outcome.value.amounts[field as (typeof AMOUNT_FIELDS)[number]];
      if (!sameAmount(expected, actual)) failures.push({ field, expected, actual });
    } else if ((FLAG_FIELDS as readonly string[]).includes(field)) {
      const actual = outcome.value.flags[field as (typeof FLAG_FIELDS)[number]];
      if (actual !== expectedRaw) failures.push({ field, expected: String(expectedRaw), actual: String(actual) });
    } else {
      failures.push({ field, expected: String(expectedRaw), actual: '(unknown expectation field)' });
    }
  }
  return failures;
}

function sameAmount(expected: string, actual: string): boolean {
  const m = /^-?\d+(\.\d+)?$/.exec(expected.trim());
  if (!m) return false;
  // Compare as exact decimals: "5535.32" equals "5535.320".
  const norm = (s: string) => {
    const [i, f = ''] = s.trim().split('.');
    return `${BigInt(i!)}.${f.padEnd(8, '0')}`;
  };
  return norm(expected) === norm(actual);
}

export function runCaseFile(file: string, library: PolicyLibrary): CaseRun {
  const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const { expect = {}, ...input } = data;
  const outcome = settle(input, library);
  return {
    file,
    name: typeof data.name === 'string' ? data.name : basename(file),
    outcome,
    failures: compareExpectations(expect as Record<string, unknown>, outcome),
  };
}

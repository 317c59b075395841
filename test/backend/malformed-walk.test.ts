// Walks EVERY operation of the contract with malformed input, logged out and as a supervisor: each
// answer is a typed error with a Chinese message (or a success), never `internal`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OP_NAMES, PUBLIC_OPS, type OpName } from '../../shared/contract';
import { loginDemo, startTestBackend, type TestBackend } from './helpers';

const CHINESE = /[\u4e00-\u9fff]/;
const WHOLE_INPUTS: unknown[] = [42, 'x', [], null, true, { bogus: 1 }, { __proto__: { polluted: 1 } }];
const FIELD_VALUES: unknown[] = [12345, 'x'.repeat(300), {}, [], null, -1, '2023-02-30', 'ftp://host/\r\nx', '\u0000'];

/** Each top-level field of the op's input set, one at a time, to a wrong or odd value. */
function fieldInputs(op: OpName): unknown[] {
  const schema = contract[op].input as unknown as { shape?: Record<string, unknown>; options?: Array<{ shape?: Record<string, unknown> }> };
  const shapes = schema.shape ? [schema.shape] : (schema.options ?? []).map((o) => o.shape ?? {});
  return shapes.flatMap((shape) => Object.keys(shape).flatMap((key) => FIELD_VALUES.map((value) => ({ [key]: value }))));
}

describe('every operation answers malformed input with a typed Chinese error, never internal', () => {
  let t: TestBackend;
  const password = 'supervisor-2026';
  beforeAll(async () => {
    t = await startTestBackend({ bureauTimeoutMs: 300 });
    await loginDemo(t, 'supervisor', password);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('logged out: not-logged-in before any field detail (authorise before validating)', async () => {
    await t.call('auth.logout');
    for (const op of OP_NAMES.filter((o) => !PUBLIC_OPS.includes(o))) {
      for (const input of WHOLE_INPUTS) {
        expect([op, await t.backend.handle(op, input)]).toEqual([op, { ok: false, error: { code: 'not-logged-in', message: '请先登录' } }]);
      }
    }
  });

  it.each(OP_NAMES.map((op) => [op]))('%s', async (op) => {
    const problems: string[] = [];
    for (const input of [...WHOLE_INPUTS, ...fieldInputs(op as OpName)]) {
      // Some inputs are valid and log out or lock: every call starts from a supervisor's session.
      if (!(await t.backend.handle('auth.session', {})).ok || (await t.call('auth.session')).session?.operator.id !== 'supervisor') {
        await t.call('auth.login', { username: 'supervisor', password });
      }
      const result = await t.backend.handle(op, input);
      if (result.ok) continue;
      const { code, message } = result.error;
      if (code === 'internal' || !CHINESE.test(message) || /\b(Error|undefined|null|TypeError|at \w)/.test(message)) {
        problems.push(`${JSON.stringify(input).slice(0, 80)} → ${code}: ${message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

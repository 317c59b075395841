import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemo, startTestBackend, type TestBackend } from './helpers';

/**
 * #13 defect 2 at the backend, in demo mode as a new user meets it: 杨光英's demo bill settled
 * once is refused the second time with the first settlement's number, unless a supervisor
 * overrides with a reason; after a reversal it may be settled again.
 */
describe('the same bill is never settled twice (demo mode, the shipped default)', () => {
  let t: TestBackend;
  let supervisorPassword: string;

  beforeAll(async () => {
    t = await startTestBackend({ practiceRepeatBills: false });
    supervisorPassword = await loginDemo(t, 'supervisor');
    await loginDemo(t, 'cashier');
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function attempt(extra: Record<string, unknown> = {}) {
    await t.call('card.simulatorInsert', { card: 'yang-guangying' });
    const card = await t.call('card.read', {});
    const bill = await t.call('bill.import', { demo: 'gz-inpatient-discharge' });
    const person = await t.call('eligibility.resolve', { identity: card, date: bill.date, visit: bill.visit });
    return t.backend.handle('settlement.commit', {
      attemptId: randomUUID(), eligibilityId: person.eligibilityId, visit: bill.visit, date: bill.date, lines: bill.lines, billId: bill.billId, billSource: bill.source, ...extra,
    });
  }

  it('refuses the second settlement of 杨光英’s demo bill, naming the first', async () => {
    const first = await attempt();
    expect(first.ok).toBe(true);
    const firstId = (first as any).value.id as string;
    const second = await attempt();
    expect(second).toMatchObject({ ok: false, error: { code: 'duplicate-bill' } });
    expect((second as any).error.message).toContain(firstId);
  });

  it('settles it again only with a supervisor’s override and a reason', async () => {
    const wrong = await attempt({ duplicateOverride: { supervisor: { username: 'supervisor', password: 'not-it-1' }, reason: '患者要求分开结算' } });
    expect(wrong.ok).toBe(false);
    const allowed = await attempt({ duplicateOverride: { supervisor: { username: 'supervisor', password: supervisorPassword }, reason: '患者要求分开结算' } });
    expect(allowed.ok).toBe(true);
  });
});

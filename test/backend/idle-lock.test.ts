import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemo, startTestBackend, type TestBackend } from './helpers';

const IDLE_MS = 1500;
const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_MS + 100));

describe('idle lock', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend({ idleLockMs: IDLE_MS });
    await loginDemo(t, 'cashier', 'cashier-2026');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('tells the window its idle time (default 10 minutes from the terminal setting)', async () => {
    expect((await t.call('auth.session')).session).toMatchObject({ locked: false, idleLockMinutes: 10 });
  });

  it('window activity keeps the session open', async () => {
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 2));
      await t.call('auth.activity');
    }
    expect((await t.call('status.get')).session.locked).toBe(false);
  });

  it('locks after the idle time, keeps the work for the same operator, and unlocks with their password', async () => {
    await t.call('card.simulatorInsert', { card: 'chen-xiulan' });
    const person = await t.call('eligibility.resolve', { identity: await t.call('card.read'), date: '2020-09-12', visit: 'inpatient' });
    const bill = await t.call('bill.import', { demo: 'jm-inpatient-chen-xiulan' });
    await idle();
    expect((await t.call('status.get')).session).toMatchObject({ locked: true, operator: { id: 'cashier' } });
    const request = { attemptId: randomUUID(), eligibilityId: person.eligibilityId, visit: 'inpatient', date: '2020-09-12', lines: bill.lines };
    expect(await t.backend.handle('settlement.preview', request)).toEqual({ ok: false, error: { code: 'session-locked', message: '已锁屏：请输入本人密码解锁' } });
    expect(await t.backend.handle('auth.activity', {})).toMatchObject({ ok: false, error: { code: 'session-locked' } });
    expect(await t.backend.handle('auth.unlock', { password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'operator-bad-credentials' } });
    expect(await t.call('auth.unlock', { password: 'cashier-2026' })).toMatchObject({ locked: false, operator: { id: 'cashier' } });
    // The resolved patient survived the lock: same operator, same session.
    expect((await t.call('settlement.preview', request)).result.amounts.total).toBe('17587.80');
  });

  it('five wrong unlock passwords end the session', async () => {
    await idle();
    for (let i = 0; i < 5; i++) await t.backend.handle('auth.unlock', { password: `wrong-${i}` });
    expect(await t.backend.handle('auth.unlock', { password: 'cashier-2026' })).toMatchObject({ ok: false, error: { code: 'account-locked' } });
    expect((await t.call('status.get')).session).toBeNull();
  });
});

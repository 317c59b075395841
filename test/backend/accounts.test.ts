import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRealSupervisor, commitDemoSettlement, loginDemo, restartWithSite, siteWithBureau, startTestBackend, UNREACHABLE_BUREAU, type TestBackend } from './helpers';

const auditActions = (t: TestBackend, action: string) => t.backend.runtime.ledger.audit.list({ action, limit: 500 });

describe('accounts: operator management, lockout, demo accounts, password rule', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'cashier', 'cashier-2026');
    await loginDemo(t, 'supervisor', 'supervisor-2026');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a supervisor adds a cashier (工号, name, role) who must change the temporary password at first login', async () => {
    const added = await t.call('operators.add', { id: 'li.na', name: '李娜', role: 'cashier', password: 'Temp-2026a' });
    expect(added).toEqual({ id: 'li.na', name: '李娜', role: 'cashier', active: true, mustChangePassword: true, demo: false, lockedUntil: null });
    expect(await t.backend.handle('operators.add', { id: 'li.na', name: '李娜', role: 'cashier', password: 'Temp-2026a' })).toMatchObject({
      ok: false,
      error: { code: 'operator-exists' },
    });
    expect(await t.backend.handle('operators.add', { id: 'wang', name: '王', role: 'cashier', password: '12345678' })).toEqual({
      ok: false,
      error: { code: 'operator-weak-password', message: '临时密码须同时包含字母和数字' },
    });
    expect((await t.call('operators.list')).map((o: { id: string; demo: boolean }) => [o.id, o.demo])).toEqual([
      ['cashier', true],
      ['li.na', false],
      ['supervisor', true],
    ]);
    const session = await t.call('auth.login', { username: 'li.na', password: 'Temp-2026a' });
    expect(session).toMatchObject({ mustChangePassword: true, operator: { id: 'li.na', displayName: '李娜', role: 'cashier' } });
    expect(await t.backend.handle('auth.changePassword', { oldPassword: 'Temp-2026a', newPassword: 'li.na' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    await t.call('auth.changePassword', { oldPassword: 'Temp-2026a', newPassword: 'lina-2026' });
    expect(await t.backend.handle('operators.list', {})).toEqual({ ok: false, error: { code: 'forbidden', message: '此操作须由主管登录后进行' } });
  });

  it('disables and re-enables an account; a supervisor cannot disable themself', async () => {
    await t.call('auth.login', { username: 'supervisor', password: 'supervisor-2026' });
    expect(await t.call('operators.setActive', { id: 'li.na', active: false })).toMatchObject({ active: false });
    expect(await t.backend.handle('operators.setActive', { id: 'supervisor', active: false })).toMatchObject({ ok: false, error: { code: 'operator-self-disable' } });
    expect(await t.backend.handle('auth.login', { username: 'li.na', password: 'lina-2026' })).toEqual({
      ok: false,
      error: { code: 'operator-inactive', message: '该工号已停用，请联系主管' },
    });
    await t.call('auth.login', { username: 'supervisor', password: 'supervisor-2026' });
    await t.call('operators.setActive', { id: 'li.na', active: true });
    expect((await t.call('auth.login', { username: 'li.na', password: 'lina-2026' })).mustChangePassword).toBe(false);
    expect((await auditActions(t, 'operator.disable')).map((r) => r.subject)).toEqual(['li.na']);
    expect((await auditActions(t, 'operator.enable')).map((r) => [r.actor, r.subject])).toEqual([['supervisor', 'li.na']]);
  });

  it('locks an account for 15 minutes after 5 wrong passwords; every refusal is audited', async () => {
    const before = (await auditActions(t, 'auth.login-refused')).length;
    for (let i = 0; i < 5; i++) {
      expect(await t.backend.handle('auth.login', { username: 'li.na', password: `wrong-${i}` })).toMatchObject({
        ok: false,
        error: { code: 'operator-bad-credentials' },
      });
    }
    const locked = await t.backend.handle('auth.login', { username: 'li.na', password: 'lina-2026' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'account-locked' } });
    if (!locked.ok) expect(locked.error.message).toMatch(/^连续 5 次密码错误，工号已锁定至 \d\d:\d\d；请稍后再试，或请主管重置密码$/);
    expect((await auditActions(t, 'auth.login-refused')).length - before).toBe(6);
    expect((await auditActions(t, 'auth.login-refused'))[0]).toMatchObject({ subject: 'li.na', detail: { reason: 'locked' } });

    await t.call('auth.login', { username: 'supervisor', password: 'supervisor-2026' });
    const view = (await t.call('operators.list')).find((o: { id: string }) => o.id === 'li.na');
    const minutes = (Date.parse(view.lockedUntil) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('a password reset ends the lock and obliges a new password at the next login', async () => {
    expect(await t.call('operators.resetPassword', { id: 'li.na', password: 'Reset-2026b' })).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    expect(await t.call('auth.login', { username: 'li.na', password: 'Reset-2026b' })).toMatchObject({ mustChangePassword: true });
    // The last 3 passwords of the operator may not come back.
    expect(await t.backend.handle('auth.changePassword', { oldPassword: 'Reset-2026b', newPassword: 'lina-2026' })).toEqual({
      ok: false,
      error: { code: 'operator-password-reused', message: '新密码不能与最近 3 次使用过的密码相同' },
    });
    await t.call('auth.changePassword', { oldPassword: 'Reset-2026b', newPassword: 'lina-2027' });
  });

  it('locks a supervisor after 5 wrong approvals typed at a cashier’s till, audited with the cashier as actor', async () => {
    await t.call('auth.login', { username: 'cashier', password: 'cashier-2026' });
    const id = await commitDemoSettlement(t);
    for (let i = 0; i < 5; i++) {
      const wrong = await t.backend.handle('settlement.reverse', { id, supervisor: { username: 'supervisor', password: `guess-${i}` }, reason: '录入错误' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'operator-bad-credentials' } });
    }
    const right = await t.backend.handle('settlement.reverse', { id, supervisor: { username: 'supervisor', password: 'supervisor-2026' }, reason: '录入错误' });
    expect(right).toMatchObject({ ok: false, error: { code: 'account-locked' } });
    const refused = await auditActions(t, 'auth.approval-refused');
    expect(refused).toHaveLength(6);
    expect(refused.every((r) => r.actor === 'cashier' && r.subject === 'supervisor')).toBe(true);
    // The same lock holds at the login screen.
    expect(await t.backend.handle('auth.login', { username: 'supervisor', password: 'supervisor-2026' })).toMatchObject({ ok: false, error: { code: 'account-locked' } });
  });
});

describe('demo accounts exist only in demo mode', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'supervisor', 'supervisor-2026');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a live site file disables the demo accounts; the supervisor’s own account logs in', async () => {
    await addRealSupervisor(t);
    t = await restartWithSite(t, siteWithBureau(UNREACHABLE_BUREAU), { bureauTimeoutMs: 500 });
    expect(await t.backend.handle('auth.login', { username: 'supervisor', password: 'supervisor-2026' })).toEqual({
      ok: false,
      error: { code: 'demo-account-disabled', message: '演示账号只能在演示模式下使用；请使用本人工号登录' },
    });
    expect(await t.call('auth.login', { username: 'zhang.wei', password: 'Temp-2026a' })).toMatchObject({ mustChangePassword: true });
  });

  it('does not create the demo accounts when a configured terminal starts', async () => {
    const dir = t.dir;
    await t.backend.close();
    const { createBackend } = await import('../../electron/backend');
    const { rmSync } = await import('node:fs');
    const again = await createBackend({
      userDataDir: dir,
      shell: 'test',
      readerSimulator: { pace: false },
      bureauTimeoutMs: 500,
      site: siteWithBureau(UNREACHABLE_BUREAU),
    });
    try {
      expect((await again.runtime.ledger.operators.list()).map((o) => o.id)).toContain('zhang.wei');
      expect(await again.handle('auth.login', { username: 'cashier', password: '123456' })).toMatchObject({ ok: false, error: { code: 'demo-account-disabled' } });
    } finally {
      await again.close();
      rmSync(dir, { recursive: true, force: true });
    }
    t = undefined as unknown as TestBackend;
  });
});

describe('an approval refused for the right password of an account that may not approve', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'cashier', 'cashier-2026');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('is audited as refused, with its reason', async () => {
    const id = await commitDemoSettlement(t);
    const reverse = await t.backend.handle('settlement.reverse', { id, supervisor: { username: 'cashier', password: 'cashier-2026' }, reason: '录入错误' });
    expect(reverse).toMatchObject({ ok: false, error: { code: 'forbidden', message: '冲销须由主管输入自己的工号和密码授权' } });
    expect(await auditActions(t, 'auth.approval-refused')).toMatchObject([
      { actor: 'cashier', subject: 'cashier', detail: { reason: 'not-supervisor', action: '冲销' } },
    ]);
    // A supervisor who has not changed the initial password may not approve either.
    const first = await t.backend.handle('settlement.reverse', { id, supervisor: { username: 'supervisor', password: '123456' }, reason: '录入错误' });
    expect(first).toMatchObject({ ok: false, error: { code: 'password-change-required' } });
    expect((await auditActions(t, 'auth.approval-refused'))[0]).toMatchObject({ subject: 'supervisor', detail: { reason: 'must-change-password' } });
  });
});

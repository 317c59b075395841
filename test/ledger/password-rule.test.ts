import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, passwordProblem } from '../../shared/contract';
import { DIALECTS, tempLedger } from './helpers';

describe('the one password rule', () => {
  it.each([
    ['123456', 'cashier', 'demo-password'],
    ['1234567', 'cashier', 'too-short'],
    ['短密码七个字符', 'cashier', 'too-short'],
    ['supervisor', 'supervisor', 'same-as-username'],
    ['Supervisor ', 'supervisor', 'same-as-username'],
    ['12345678', 'cashier', 'letters-and-digits'],
    ['八个汉字的好密码呀', 'cashier', 'letters-and-digits'],
    ['supervisor', 'cashier', 'letters-and-digits'],
    ['abcd1234', 'cashier', null],
    ['汉字密码2026', 'cashier', null],
    ['supervisor1', 'supervisor', null],
  ] as const)('%j for %s → %s', (password, username, problem) => expect(passwordProblem(password, username)).toBe(problem));

  it('the contract refuses a short or demo new password with the rule’s message', async () => {
    const schema = contract['auth.changePassword'].input;
    const message = (newPassword: string) => {
      const parsed = schema.safeParse({ oldPassword: 'x', newPassword });
      return parsed.success ? null : parsed.error.issues.map((i) => i.message);
    };
    expect([message('123456'), message('1234567'), message('12345678'), message('abcd1234')]).toEqual([
      ['新密码不能是演示密码 123456'],
      ['新密码至少 8 位'],
      ['新密码须同时包含字母和数字'],
      null,
    ]);
  });

  describe.each(DIALECTS)('the ledger applies it when an operator changes their password (%s)', (dialect) => {
    let t: Awaited<ReturnType<typeof tempLedger>>;
    beforeEach(async () => {
      t = await tempLedger({ dialect });
      await t.ledger.ensureDemoOperators();
    });
    afterEach(async () => t.close());

    it.each([
      ['supervisor', 'operator-weak-password', '新密码不能与工号相同'],
      ['SUPERVISOR', 'operator-weak-password', '新密码不能与工号相同'],
      ['1234567', 'operator-weak-password', '新密码至少 8 位'],
      ['123456', 'operator-same-password', '新密码不能与原密码相同'],
    ])('%s → %s', async (newPassword, code, message) => {
      expect(await t.ledger.operators.changePassword('supervisor', '123456', newPassword)).toEqual({ ok: false, error: { code, message } });
    });

    it('accepts a good one, then refuses the demo password as a later choice', async () => {
      expect((await t.ledger.operators.changePassword('supervisor', '123456', 'supervisor-2026')).ok).toBe(true);
      expect(await t.ledger.operators.changePassword('supervisor', 'supervisor-2026', '123456')).toEqual({
        ok: false,
        error: { code: 'operator-weak-password', message: '新密码不能是演示密码 123456' },
      });
    });

    it('refuses any of the last 3 passwords', async () => {
      const passwords = ['first-2026', 'second-2026', 'third-2026', 'fourth-2026'];
      let current = '123456';
      for (const next of passwords) {
        expect((await t.ledger.operators.changePassword('cashier', current, next)).ok).toBe(true);
        current = next;
      }
      for (const old of ['third-2026', 'second-2026', 'fourth-2026']) {
        expect(await t.ledger.operators.changePassword('cashier', current, old)).toMatchObject({
          ok: false,
          error: { code: old === current ? 'operator-same-password' : 'operator-password-reused' },
        });
      }
      expect((await t.ledger.operators.changePassword('cashier', current, 'first-2026')).ok).toBe(true);
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCKOUT } from '../../electron/ledger';
import { DIALECTS, tempLedger, type TempLedger } from './helpers';

describe.each(DIALECTS)('ledger on %s', (dialect) => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger({ dialect });
  });
  afterEach(async () => t.close());

  const MIN = 60_000;
  const T0 = Date.UTC(2026, 0, 5, 8, 0);

  describe('login attempts and the lockout', () => {
    const fail = (atMs: number, username = 'cashier') => t.ledger.loginAttempts.record({ username, kind: 'login', ok: false, atMs });
    const locked = (nowMs: number, policy = DEFAULT_LOCKOUT) => t.ledger.loginAttempts.lockedUntil('cashier', policy, nowMs);

    it('locks at the 5th wrong password for 15 minutes, then counts afresh', async () => {
      for (let i = 0; i < 4; i++) await fail(T0 + i * MIN);
      expect(await locked(T0 + 4 * MIN)).toBeNull();
      await fail(T0 + 4 * MIN);
      expect(await locked(T0 + 5 * MIN)).toBe(T0 + 19 * MIN);
      // Attempts during the lock do not extend it.
      await fail(T0 + 10 * MIN);
      expect(await locked(T0 + 18 * MIN)).toBe(T0 + 19 * MIN);
      expect(await locked(T0 + 19 * MIN)).toBeNull();
      await fail(T0 + 20 * MIN);
      expect(await locked(T0 + 20 * MIN)).toBeNull();
    });

    it('a success in between resets the count; other accounts are not affected', async () => {
      for (let i = 0; i < 4; i++) await fail(T0 + i);
      await t.ledger.loginAttempts.record({ username: 'cashier', kind: 'login', ok: true, atMs: T0 + 5 });
      for (let i = 0; i < 4; i++) await fail(T0 + 10 + i);
      for (let i = 0; i < 5; i++) await fail(T0 + 20 + i, 'supervisor');
      expect(await locked(T0 + 30)).toBeNull();
    });

    it('follows a configured policy (3 failures, 1 minute)', async () => {
      for (let i = 0; i < 3; i++) await fail(T0 + i);
      expect(await locked(T0 + 10, { maxFailures: 3, lockMs: MIN })).toBe(T0 + 2 + MIN);
    });

    it('audits every refusal', async () => {
      await fail(T0);
      expect(await t.ledger.audit.list({ action: 'auth.login-refused' })).toMatchObject([
        { actor: 'cashier', subject: 'cashier', detail: { reason: 'bad-credentials' } },
      ]);
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, tempLedger, unwrap, type TempLedger } from './helpers';

describe.each(DIALECTS)('ledger on %s', (dialect) => {
  let t: TempLedger;
  beforeEach(async () => {
    t = await tempLedger({ dialect });
  });
  afterEach(async () => t.close());

  const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

  describe('operators', () => {
    it('seeds 收费员 and 主管 once, both obliged to change the demo password', async () => {
      expect(await t.ledger.ensureDemoOperators()).toEqual([
        { id: 'cashier', name: '收费员', role: 'cashier', mustChangePassword: true, active: true, demo: true },
        { id: 'supervisor', name: '主管', role: 'supervisor', mustChangePassword: true, active: true, demo: true },
      ]);
      expect(await t.ledger.operators.list()).toHaveLength(2);
      const hash = (await t.raw.value(`SELECT password_hash FROM operators WHERE id = 'cashier'`)) as string;
      expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(hash).not.toContain('123456');
    });

    it('authenticates, refuses wrong passwords alike, and changes a password', async () => {
      expect(unwrap(await t.ledger.operators.authenticate('cashier', '123456')).role).toBe('cashier');
      expect([code(await t.ledger.operators.authenticate('cashier', '654321')), code(await t.ledger.operators.authenticate('nobody', '123456'))]).toEqual([
        'operator-bad-credentials',
        'operator-bad-credentials',
      ]);
      expect(code(await t.ledger.operators.changePassword('cashier', '123456', '123'))).toBe('operator-weak-password');
      expect(code(await t.ledger.operators.changePassword('cashier', '123456', '123456'))).toBe('operator-same-password');
      expect(unwrap(await t.ledger.operators.changePassword('cashier', '123456', 'cash-2021')).mustChangePassword).toBe(false);
      expect(code(await t.ledger.operators.authenticate('cashier', '123456'))).toBe('operator-bad-credentials');
      expect(code(await t.ledger.operators.authenticate('cashier', 'cash-2021'))).toBe('ok');
      expect(await t.ledger.audit.list({ action: 'operator.change-password' })).toHaveLength(1);
    });

    it('creates operators with validated ids and roles', async () => {
      expect(code(await t.ledger.operators.create({ id: 'li01', name: '李收费', role: 'cashier', password: 'abcdef' }))).toBe('ok');
      expect(code(await t.ledger.operators.create({ id: 'li01', name: '李收费', role: 'cashier', password: 'abcdef' }))).toBe('operator-exists');
      expect(code(await t.ledger.operators.create({ id: '李', name: '李', role: 'cashier', password: 'abcdef' }))).toBe('operator-bad-id');
      expect(code(await t.ledger.operators.create({ id: 'x', name: 'x', role: 'boss' as 'cashier', password: 'abcdef' }))).toBe('operator-bad-role');
    });
  });

  describe('settings', () => {
    it('stores JSON values by key and audits changes', async () => {
      await t.ledger.settings.set('receipt.printer', { name: 'EPSON LQ-630K', copies: 1 }, 'supervisor');
      await t.ledger.settings.set('terminalId', 'T02', 'supervisor');
      expect(await t.ledger.settings.get('receipt.printer')).toEqual({ name: 'EPSON LQ-630K', copies: 1 });
      expect(await t.ledger.settings.get('missing')).toBeUndefined();
      expect(await t.ledger.settings.all()).toEqual({ 'receipt.printer': { name: 'EPSON LQ-630K', copies: 1 }, terminalId: 'T02' });
      expect((await t.ledger.audit.list({ action: 'settings.set' })).map((r) => r.subject)).toEqual(['terminalId', 'receipt.printer']);
    });
  });
});

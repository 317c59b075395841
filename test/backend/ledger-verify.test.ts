import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { commitDemoSettlement, loginDemo, startTestBackend, type TestBackend } from './helpers';

describe('核验台账: verified at every start and on a supervisor’s request, the result shown', () => {
  let t: TestBackend;
  let id: string;
  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'cashier', 'cashier-2026');
    id = await commitDemoSettlement(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('is a supervisor’s action', async () => {
    expect(await t.backend.handle('ledger.verify', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await t.call('status.get')).ledger).toMatchObject({ ok: true, problems: [] });
  });

  it('reports a changed patient cash, in the answer and in the status bar, and again after a restart', async () => {
    await loginDemo(t, 'supervisor', 'supervisor-2026');
    expect(await t.call('ledger.verify')).toMatchObject({ ok: true, keyed: true, problems: [] });
    const { db } = t.backend.runtime.ledger;
    db.exec('DROP TRIGGER settlements_no_update');
    db.prepare('UPDATE settlements SET patient_cash_fen = 1 WHERE id = ?').run(id);
    const verdict = await t.call('ledger.verify');
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toMatch(new RegExp(`^结算单 ${id} 的存储内容与审计记录不符`));
    expect((await t.call('status.get')).ledger).toMatchObject({ ok: false, problems: [verdict.problems[0]] });

    await t.backend.close();
    const again = await createBackend({ userDataDir: t.dir, shell: 'test', readerSimulator: { pace: false } });
    try {
      const status = await again.handle('status.get', {});
      expect(status).toMatchObject({ ok: true, value: { ledger: { ok: false, problems: [verdict.problems[0]] } } });
    } finally {
      await again.close();
    }
    t.backend = again;
  });
});

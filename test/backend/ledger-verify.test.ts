import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend';
import { commitDemoSettlement, loginDemo, startTestBackend, type TestBackend } from './helpers';

describe('核验台账: verified at every start and on a supervisor’s request, the result shown', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'cashier', 'cashier-2026');
    await commitDemoSettlement(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('is a supervisor’s action', async () => {
    expect(await t.backend.handle('ledger.verify', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await t.call('status.get')).ledgerCheck).toMatchObject({ ok: true, problems: [] });
  });

  it('reports an audit row changed behind the triggers, in the answer and the status bar, and again after a restart', async () => {
    await loginDemo(t, 'supervisor', 'supervisor-2026');
    expect(await t.call('ledger.verify')).toMatchObject({ ok: true, problems: [] });
    const raw = new Database(join(t.dir, 'ledger.db'));
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.exec(`UPDATE audit_log SET detail_json = '{"total":"0.01"}' WHERE action = 'settlement.commit'`);
    raw.close();
    const verdict = await t.call('ledger.verify');
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toMatch(/^审计链第 \d+ 条：审计记录内容与其哈希不符/);
    expect((await t.call('status.get')).ledgerCheck).toMatchObject({ ok: false, problems: [verdict.problems[0]] });

    await t.backend.close();
    const again = await createBackend({ userDataDir: t.dir, shell: 'test', readerSimulator: { pace: false } });
    try {
      expect(await again.handle('status.get', {})).toMatchObject({ ok: true, value: { ledgerCheck: { ok: false, problems: [verdict.problems[0]] } } });
    } finally {
      await again.close();
    }
  });
});

// A start-up on a large ledger: the backend answers startup.status with the verification's
// progress before the verification ends (it runs on a worker thread over its own connection),
// refuses ledger writes meanwhile (ledger-verifying) while reads answer, then takes writes; the
// verdict is the one the in-thread verifier gives.
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../electron/backend';
import { openLedger } from '../../electron/ledger';
import { startTestBackend, type TestBackend } from './helpers';

const AUDIT_ROWS = 30_000;

describe('start-up verification off the thread that serves the window', () => {
  let t: TestBackend;
  let started: Backend;
  beforeAll(async () => {
    t = await startTestBackend();
    await t.backend.close();
    // A year's worth of audit rows, appended through the ledger so the chain verifies (no fsync: a throwaway file).
    const ledger = await openLedger({ path: join(t.dir, 'ledger.db'), bulkFill: true });
    for (let i = 0; i < AUDIT_ROWS; i++) await ledger.audit.append({ actor: 'system', action: 'test.fill', subject: String(i) });
    await ledger.close();
  }, 300_000);
  afterAll(async () => {
    await started?.close();
    await t?.stop();
  });

  it('answers startup.status with progress part-way, refuses writes until it passes, then is ready with the in-thread verdict', async () => {
    started = startBackend({ userDataDir: t.dir, shell: 'test', readerSimulator: { pace: false } });
    let readyAt: number | undefined;
    let polls = 0;
    void started.ready.then(() => (readyAt = polls));
    const seen: Array<{ phase: string; percent: number | null }> = [];
    let refusedWrite: unknown;
    let readWhileVerifying: unknown;
    for (;;) {
      const status = await started.handle('startup.status', {});
      if (!status.ok) throw new Error(status.error.message);
      polls++;
      if (readyAt !== undefined && status.value.phase === 'ready') break;
      seen.push({ phase: status.value.phase, percent: status.value.percent });
      if (status.value.phase === 'verifying' && (status.value.percent ?? 0) > 0 && refusedWrite === undefined) {
        refusedWrite = await started.handle('auth.login', { username: 'cashier', password: '123456' });
        readWhileVerifying = await started.handle('status.get', {});
      }
      await setImmediate();
    }
    const partWay = seen.filter((s) => s.phase === 'verifying' && s.percent !== null && s.percent > 0 && s.percent < 100);
    expect(partWay.length).toBeGreaterThan(0);
    const percents = seen.filter((s) => s.phase === 'verifying').map((s) => s.percent);
    expect(percents).toEqual([...percents].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(refusedWrite).toMatchObject({
      ok: false,
      error: { code: 'ledger-verifying', message: expect.stringMatching(/^正在核验台账 … \d+%：核验通过前暂不能写入台账/) },
    });
    expect(readWhileVerifying).toMatchObject({ ok: true, value: { terminalId: expect.any(String) } });
    expect((readWhileVerifying as { value: object }).value).not.toHaveProperty('ledgerCheck');

    // Ready: the verdict the worker gave is the in-thread verifier's, and writes are taken.
    const { checkedAt: _checkedAt, ...verdict } = started.runtime.ledgerCheck!;
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(verdict.auditRows).toBeGreaterThan(AUDIT_ROWS);
    expect(verdict).toEqual(await started.runtime.ledger.verifyLedger());
    expect(await started.handle('startup.status', {})).toEqual({ ok: true, value: { phase: 'ready', percent: null, detail: '就绪', error: null } });
    expect(await started.handle('auth.login', { username: 'cashier', password: '123456' })).toMatchObject({ ok: true });
  }, 300_000);
});

// settings.update during an upload: the services are rebuilt only after the upload in flight has
// drained — changing the terminal id no longer closes the ledger under the uploader.
import { describe, expect, it } from 'vitest';
import { commitDemoSettlement, useTestBackend } from './helpers';

const t = useTestBackend('supervisor');

async function faults(settings: object) {
  const url = new URL('/admin/faults', (await t().call('status.get')).bureau.url).href;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
  expect(res.ok).toBe(true);
}

describe('settings.update while an upload runs', () => {
  it('waits for the upload to finish, then reopens the ledger under the new terminal id', { timeout: 120_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await commitDemoSettlement(t()));
    expect(ids.every((id) => id.startsWith('T01-'))).toBe(true);
    // Each 4101 (one list per settlement) takes 300 ms at the bureau: the upload runs about 2 s.
    await faults({ latencyMs: 300, infnos: ['4101'] });
    try {
      const started = await t().call('upload.now', {});
      expect(started.state).toBe('running');
      const upload = (async () => {
        for (;;) {
          const p = await t().call('upload.progress', {});
          if (p.state !== 'running') return p;
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      // What the upload had done when the settings took effect: all of it.
      const updated = t()
        .call('settings.update', { terminalId: 'T07' })
        .then((view) => ({ view, uploadThen: t().backend.runtime.upload.view() }));
      const [progress, { view, uploadThen }] = await Promise.all([upload, updated]);

      expect(progress).toMatchObject({ state: 'done', acked: 6, pending: 0, lastError: null });
      expect(uploadThen).toMatchObject({ acked: 6, sent: 6 });
      expect(view.settings.terminalId).toBe('T07');
      expect(await t().call('upload.progress', {})).toMatchObject({ state: 'done', acked: 6 });
    } finally {
      await faults({ latencyMs: 0 });
    }
    // The rebuilt ledger settles under the new terminal id and still holds everything.
    expect(await commitDemoSettlement(t())).toMatch(/^T07-/);
    expect((await t().call('settlement.list', {})).total).toBe(7);
  });
});

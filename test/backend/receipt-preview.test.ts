import { beforeAll, describe, expect, it } from 'vitest';
import { type TestBackend, commitDemoSettlement, useTestBackend } from './helpers';

describe('receipt.preview', () => {
  const backend = useTestBackend('cashier');
  let t: TestBackend;
  let id: string;
  beforeAll(async () => {
    t = backend();
    id = await commitDemoSettlement(t);
  });

  it('answers the stored settlement’s receipt as a script-free HTML document with a restrictive CSP', async () => {
    const { html } = await t.call('receipt.preview', { settlementId: id });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:|<iframe|<link|src="http/i);
    expect(html).toContain('陈秀兰');
    expect(html).toContain('440703********0022');
    expect(html).toContain('¥ ');
    expect(html).toContain(id);
    // Printed once at commit: the preview is that copy, not a 补打.
    expect(html).not.toContain('补打');
    // The terminal's paper (A5 by default) unless the caller names one.
    expect(html).toContain('@page { size: 148mm 210mm; }');
    expect((await t.call('receipt.preview', { settlementId: id, paper: '241mm' })).html).toContain('@page { size: 241mm 280mm; }');
  });

  it('shows the latest reprint as printed', async () => {
    await t.call('settlement.reprint', { id });
    expect((await t.call('receipt.preview', { settlementId: id })).html).toContain('补打（第 1 次）');
  });

  it('refuses an unknown settlement, a bad paper and a logged-out caller', async () => {
    expect(await t.backend.handle('receipt.preview', { settlementId: 'T01-20990101-000009' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: '找不到结算单：T01-20990101-000009' },
    });
    expect(await t.backend.handle('receipt.preview', { settlementId: id, paper: 'B5' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await t.call('auth.logout');
    expect(await t.backend.handle('receipt.preview', { settlementId: id })).toMatchObject({ ok: false, error: { code: 'not-logged-in' } });
  });
});

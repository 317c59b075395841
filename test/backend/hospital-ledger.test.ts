// Two windows (T01, T02) of one hospital on one PostgreSQL ledger (the test server): the same
// patient at both windows on the same day; the second settles on the first's year-to-date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle } from '../../shared/engine';
import { tempSchema } from '../ledger/helpers';
import type { TestBackend } from './helpers';
import { hospitalWindow, loginCashier, previewChen } from './hospital-windows';

let schema: Awaited<ReturnType<typeof tempSchema>>;
let t1: TestBackend;
let t2: TestBackend;

beforeAll(async () => {
  schema = await tempSchema();
  t1 = await hospitalWindow(schema, 'T01');
  t2 = await hospitalWindow(schema, 'T02');
  await loginCashier(t1, true);
  await loginCashier(t2, false);
});
afterAll(async () => {
  await t1?.stop();
  await t2?.stop();
  await schema?.drop();
});

describe('many windows, one hospital ledger (PostgreSQL)', () => {
  it('refuses a commit previewed before another window settled for the patient (stale-preview, nothing written); re-previewed, it settles on that window’s year-to-date, to the fen', async () => {
    const late = await previewChen(t2);
    expect(late.person.ytd.assistancePaid).toBe('0.00');
    const a = await previewChen(t1);
    const first = await t1.call('settlement.commit', a.request);
    expect(first.id).toMatch(/^T01-/);
    const paid = first.result.amounts.assistance;
    expect(Number(paid)).toBeGreaterThan(0);

    const refused = await t2.backend.handle('settlement.commit', late.request);
    expect(refused.ok ? 'committed' : refused.error).toEqual({ code: 'stale-preview', message: expect.stringContaining('请重新预结算') });
    expect((await t2.call('settlement.list', {})).total).toBe(1);

    const b = await previewChen(t2);
    expect(b.person.ytd.assistancePaid).toBe(paid); // T01's settlement, seen at T02
    const second = await t2.call('settlement.commit', b.request);
    expect(second.id).toMatch(/^T02-/);
    // The engine run on the combined year-to-date gives the same amounts, to the fen.
    const engine = settle(b.preview.input, t2.backend.runtime.library);
    if (!engine.ok) throw new Error(engine.error.message);
    expect(second.result.amounts).toEqual(engine.value.amounts);
    expect(second.result.amounts).not.toEqual(first.result.amounts);

    // Hospital-wide: both windows list both settlements.
    for (const t of [t1, t2]) expect((await t.call('settlement.list', {})).total).toBe(2);
  });

  it('shows where the ledger is without its password, and the site’s keys locked', async () => {
    await t1.call('auth.logout', {});
    await t1.call('auth.login', { username: 'supervisor', password: '123456' });
    await t1.call('auth.changePassword', { oldPassword: '123456', newPassword: 'supervisor-pass-2026' });
    const view = await t1.call('settings.get', {});
    expect(view.ledger).toMatch(/^PostgreSQL postgres:\/\//);
    expect(view.locked).toEqual(expect.arrayContaining(['hospital', 'region', 'terminalId', 'bureau']));
    const refused = await t1.backend.handle('settings.update', { region: 'CN-GZ' });
    expect(refused.ok ? 'updated' : refused.error.code).toBe('setting-locked');
  });
});

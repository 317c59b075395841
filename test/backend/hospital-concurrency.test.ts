// 20 commits at once for one patient from two windows (T01, T02: two backends on one PostgreSQL
// ledger) near the assistance annual limit (江门 医疗救助 40000.00 a year, 5916.40 per demo bill):
// the limit is never exceeded, every refused commit is stale-preview, and every accepted one is in the ledger exactly once with the amounts it answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dec, formatMoney, sum } from '../../shared/money';
import { tempSchema } from '../ledger/helpers';
import type { TestBackend } from './helpers';
import { hospitalWindow, loginCashier, previewChen } from './hospital-windows';

const COMMITS = 20;
const ASSISTANCE_LIMIT = '40000.00';

let schema: Awaited<ReturnType<typeof tempSchema>>;
let windows: TestBackend[] = [];

beforeAll(async () => {
  schema = await tempSchema();
  windows = [await hospitalWindow(schema, 'T01'), await hospitalWindow(schema, 'T02')];
  await loginCashier(windows[0]!, true);
  await loginCashier(windows[1]!, false);
}, 120_000);
afterAll(async () => {
  for (const t of windows) await t.stop();
  await schema?.drop();
});

describe('20 concurrent commits for one patient from two windows (PostgreSQL)', () => {
  it('never exceeds the assistance annual limit; refusals are stale-preview; accepted commits are stored once', { timeout: 300_000 }, async () => {
    type Answer = { id: string; result: { amounts: Record<string, string> } };
    const accepted: Answer[] = [];
    const refusals: string[] = [];
    // Each round both cashiers pre-settle the patient, then both press F9 at the same moment: 20 commits in 10 rounds.
    for (let round = 0; round < COMMITS / 2; round++) {
      const previews = await Promise.all(windows.map((t) => previewChen(t)));
      const outcomes = await Promise.all(previews.map(({ request }, i) => windows[i]!.backend.handle('settlement.commit', request)));
      for (const o of outcomes) {
        if (o.ok) accepted.push(o.value as Answer);
        else refusals.push(o.error.code);
      }
    }

    expect(accepted.length + refusals.length).toBe(COMMITS);
    expect(refusals.length).toBeGreaterThan(0); // they did race
    expect(new Set(refusals)).toEqual(new Set(['stale-preview']));

    // In the ledger exactly once each, with the amounts the window was answered.
    const listed = await windows[0]!.call('settlement.list', { limit: 100 });
    expect(listed.total).toBe(accepted.length);
    const ids = accepted.map((a) => a.id);
    expect(new Set(ids).size).toBe(accepted.length);
    expect(listed.items.map((s: { id: string }) => s.id).sort()).toEqual([...ids].sort());
    expect(ids.filter((id) => id.startsWith('T01-')).length).toBeGreaterThan(0);
    expect(ids.filter((id) => id.startsWith('T02-')).length).toBeGreaterThan(0);
    for (const a of accepted) expect((await windows[1]!.call('settlement.get', { id: a.id })).amounts).toEqual(a.result.amounts);

    // The limit is reached and never exceeded, hospital-wide.
    const paid = sum(accepted.map((a) => a.result.amounts.assistance!));
    expect(formatMoney(paid)).toBe(ASSISTANCE_LIMIT);
    expect(accepted.every((a) => dec(a.result.amounts.assistance!).gte(0))).toBe(true);
    const after = await previewChen(windows[1]!);
    expect(after.person.ytd.assistancePaid).toBe(ASSISTANCE_LIMIT);
    expect(after.preview.result.amounts.assistance).toBe('0.00');
  });
});

/**
 * 1901 psn_idet_type through the running app: before a refresh the policy table alone maps the
 * codes; a supervisor's refresh stores the bureau's dictionary as a new version (kept in the ledger,
 * back after a restart) and eligibility lays it over the policy table — a code the policy does not
 * list takes the identity of the policy code with the same label, one without is named by its label.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loginDemo, startTestBackend, useTestBackend } from './helpers';

const WU = '520102197006060031';

describe('the psn_idet_type dictionary (1901)', () => {
  const t = useTestBackend('supervisor');
  const resolveWu = async () => {
    const card = await t().call('card.fromTypedId', { certno: WU, name: '吴德明' });
    return t().call('eligibility.resolve', { identity: card, date: '2024-03-01', visit: 'outpatient' });
  };

  it('refreshes on a supervisor’s request, and eligibility uses the refreshed table on top of the policy file', async () => {
    // The centre gives 吴德明 a code of its own, and lists it in its dictionary as 特困救助对象.
    const centre = new Database(join(t().dir, 'bureau-sim.db'));
    try {
      centre.prepare("INSERT INTO identity VALUES ('52010000000000000010', '236009', NULL, '2021-01-01 00:00:00', '2025-12-31 23:59:59')").run();
      centre.prepare("INSERT INTO dictionary VALUES ('psn_idet_type', '520100', '236009', '特困救助对象', '2360', 99, '1', '2024-02')").run();
    } finally {
      centre.close();
    }
    expect(await t().call('dictionary.identities')).toEqual({ region: 'CN-GZ', version: null, fetchedAt: null, count: 0 });
    const before = await resolveWu();
    expect(before.identities).toEqual(['relapse-risk']);
    expect(before.warnings).toEqual(expect.arrayContaining(['医保中心返回未知身份 236009，未按特殊身份处理', '医保中心返回未知身份 2308，未按特殊身份处理']));

    const refreshed = await t().call('dictionary.refreshIdentities');
    expect(refreshed).toMatchObject({ region: 'CN-GZ', version: 1, fetchedAt: expect.any(String), added: refreshed.count, notInPolicy: expect.any(Number) });
    expect(refreshed.count).toBeGreaterThan(30);
    const after = await resolveWu();
    expect(after.identities.sort()).toEqual(['extreme-poverty', 'relapse-risk']);
    expect(after.warnings).toContain('医保中心返回无对应待遇的身份 2308 残疾人员，未按特殊身份处理');
    expect(after.warnings.join()).not.toContain('236009');

    // A second refresh is version 2; the versions live in the ledger's audited settings.
    expect(await t().call('dictionary.refreshIdentities')).toMatchObject({ version: 2, added: 0 });
    const stored = (await t().backend.runtime.ledger.settings.get('bureauDictionary.psn_idet_type.CN-GZ')) as { versions: Array<{ version: number }> };
    expect(stored.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('is a supervisor’s action', async () => {
    await loginDemo(t(), 'cashier');
    expect(await t().backend.handle('dictionary.refreshIdentities', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t().call('dictionary.identities')).toMatchObject({ version: 2 });
    // Kept across a restart.
    await t().backend.close();
    t().backend = (await startTestBackend({ userDataDir: t().dir })).backend;
    await t().call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });
    expect(await t().call('dictionary.identities')).toMatchObject({ version: 2, count: expect.any(Number) });
    expect((await resolveWu()).identities.sort()).toEqual(['extreme-poverty', 'relapse-risk']);
  });
});

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addRealSupervisor, restartWithSite, siteWithBureau, type TestBackend, UNREACHABLE_BUREAU, useTestBackend } from './helpers';

const DEMO_ROSTER = join(process.cwd(), 'resources/demo/roster-demo.csv');

describe('roster.import with the month the roster is for (rosterDate)', () => {
  const backend = useTestBackend('supervisor');
  let t: TestBackend;
  beforeAll(async () => {
    t = backend();
  });

  it('refuses a roster date in another shape', async () => {
    expect(await t.backend.handle('roster.import', { path: DEMO_ROSTER, rosterDate: '2020-9' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', details: [{ path: 'rosterDate', message: '名单日期格式应为 YYYY-MM（名单所属月份）或 YYYY-MM-DD' }] },
    });
  });

  it('a roster imported today for 2021-03 answers offline for a settlement on 2021-03-10', async () => {
    const result = await t.call('roster.import', { path: DEMO_ROSTER, rosterDate: '2021-03' });
    expect(result.version).toMatchObject({ asOf: '2021-03', effectiveFrom: '2021-03-01', source: 'roster-demo.csv' });
    expect(await t.call('roster.versions')).toEqual([result.version]);
    expect((await t.call('status.get')).roster.asOf).toBe('2021-03');

    await addRealSupervisor(t);
    t = await restartWithSite(t, siteWithBureau(UNREACHABLE_BUREAU));
    await t.call('auth.login', { username: 'zhang.wei', password: 'Temp-2026a' });
    await t.call('auth.changePassword', { oldPassword: 'Temp-2026a', newPassword: 'Zhang-2026b' });
    const card = await t.call('card.fromTypedId', { certno: '522627197209080047' });
    const person = await t.call('eligibility.resolve', { identity: card, date: '2021-03-10', visit: 'inpatient' });
    expect(person).toMatchObject({ online: false, name: '杨光英', identities: ['extreme-poverty'] });
    expect(person.provenance.find((p: { field: string }) => p.field === 'identities')).toMatchObject({ source: 'roster', asOf: '2021-03' });
    // Before the roster's month it never answers.
    const before = await t.call('eligibility.resolve', { identity: card, date: '2021-02-28', visit: 'inpatient' });
    expect(before.identities).toEqual([]);
  });
});

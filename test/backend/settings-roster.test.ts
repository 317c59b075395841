import { businessDate } from '../../shared/time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addRealSupervisor, loginDemo, restartWithSite, siteWithBureau, startTestBackend, UNREACHABLE_BUREAU, type TestBackend } from './helpers';

describe('terminal settings, offline eligibility and roster import', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'cashier');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('shows the fresh-machine defaults and the regions with a policy file', async () => {
    const view = await t.call('settings.get');
    expect(view.settings).toEqual({
      reader: { driver: 'simulator', port: '', baudRate: 9600 },
      printer: { name: '', paper: 'A5', silent: true },
      region: 'CN-GZ',
      hospital: { code: 'H52010200001', name: '贵阳市南明区人民医院（演示）', level: 3 },
      terminalId: 'T01',
      policyOverridesDir: '',
    });
    expect(view.regions.map((r: { code: string }) => r.code).sort()).toEqual(['CN-GD-JM', 'CN-GZ', 'CN-JL', 'CN-LN']);
    // No site file: the built-in simulator (demo), the demo region's area code.
    expect(view.bureau).toEqual({
      mode: 'demo',
      url: '',
      paths: 'dispatcher',
      access: 'open',
      mdtrtareaAdmvs: '520100',
      nightlyOperator: { code: 'DEMO-NIGHT', name: '夜间上传（演示）' },
      source: null,
    });
  });

  it('tests the reader; the bureau test is a supervisor’s', async () => {
    expect(await t.call('settings.testReader', {})).toMatchObject({ ok: true });
    expect(await t.backend.handle('settings.testBureau', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets only a supervisor change settings', async () => {
    expect(await t.backend.handle('settings.update', { printer: { paper: 'A4' } })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: '此操作须由主管登录后进行' },
    });
    await loginDemo(t, 'supervisor');
    expect(await t.call('settings.testBureau', {})).toEqual({ ok: true, detail: '医保中心连接正常（内置模拟器，演示）' });
    expect((await t.call('status.get')).bureau.online).toBe(true);
    const bad = await t.backend.handle('settings.update', { terminalId: 'T-01' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: '终端编号只能由字母和数字组成（最多 12 位）' } });
    const view = await t.call('settings.update', { printer: { paper: '241mm', name: 'EPSON LQ-630K' }, hospital: { level: 2 } });
    expect(view.settings.printer).toEqual({ name: 'EPSON LQ-630K', paper: '241mm', silent: true });
    expect(view.settings.hospital.level).toBe(2);
  });

  it('imports the demo roster and lists its version', async () => {
    const result = await t.call('roster.import', {
      fileName: 'roster-demo.csv',
      contentBase64: readFileSync(join(process.cwd(), 'resources/demo/roster-demo.csv')).toString('base64'),
    });
    expect(result.accepted).toBeGreaterThan(0);
    expect(result.version.source).toBe('roster-demo.csv');
    const versions = await t.call('roster.versions');
    expect(versions).toEqual([result.version]);
  });

  it('a terminal setting cannot name a bureau: the section is the site file’s', async () => {
    expect(await t.backend.handle('settings.update', { bureau: { url: 'http://127.0.0.1:9/unreachable' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(await t.backend.handle('settings.testBureau', { url: 'http://127.0.0.1:9/' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect((await t.call('status.get')).bureau.mode).toBe('demo');
  });

  it('falls back to the roster when the site’s bureau is unreachable', async () => {
    await addRealSupervisor(t);
    t = await restartWithSite(t, siteWithBureau(UNREACHABLE_BUREAU));
    await t.call('auth.login', { username: 'zhang.wei', password: 'Temp-2026a' });
    await t.call('auth.changePassword', { oldPassword: 'Temp-2026a', newPassword: 'Zhang-2026b' });
    expect((await t.call('status.get')).bureau.mode).toBe('live');
    expect((await t.call('settings.get')).bureau).toMatchObject({
      mode: 'live',
      url: UNREACHABLE_BUREAU.url,
      mdtrtareaAdmvs: '520102',
      nightlyOperator: { code: 'N0001' },
      source: '/etc/onebill/site.yaml',
    });
    const card = await t.call('card.fromTypedId', { certno: '522627197209080047' });
    // A roster answers for dates on or after its import (ledger rosters.ts), so ask about today.
    const today = businessDate(new Date());
    const person = await t.call('eligibility.resolve', { identity: card, date: today, visit: 'inpatient' });
    expect(person).toMatchObject({ online: false, name: '杨光英', region: 'CN-GZ', identities: ['extreme-poverty'], psnNo: null });
    expect(person.provenance.find((p: { field: string }) => p.field === 'identities')).toMatchObject({ source: 'roster' });
    expect(person.warnings[0]).toMatch(/^医保中心不可用/);
  });
});

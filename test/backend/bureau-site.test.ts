/**
 * The running app takes its bureau from the site file: a live section (per-service paths behind an
 * x-tif gateway) against the strict simulator through the real transport, the hospital's area code
 * in every envelope, the cashier's and the nightly operator's 9001, and no secret on any screen or
 * in the log. No site file is demo; electron/ never imports the simulator.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBureauSimulator, type BureauSimulator } from '../../tools/bureau-sim/server';
import { addRealSupervisor, loginDemo, restartWithSite, siteWithBureau, startTestBackend, type TestBackend } from './helpers';

const GATEWAY = { paasid: 'gz_his_paas_07', token: 'tif-token-very-secret-0707' };

describe('a live bureau section of the site file', () => {
  let sim: BureauSimulator;
  let t: TestBackend;
  let simDir: string;
  beforeAll(async () => {
    t = await startTestBackend({ practiceRepeatBills: false });
    simDir = t.dir;
    sim = await startBureauSimulator({ port: 0, dbPath: join(t.dir, 'live-centre.sqlite'), access: { gateway: GATEWAY } });
    await loginDemo(t, 'supervisor');
    await addRealSupervisor(t);
    const site = siteWithBureau({
      mode: 'live',
      url: `${sim.base}/fsi/api/rsfComIfsService/callService`,
      paths: 'per-service',
      gateway: GATEWAY,
      envelope: { mdtrtarea_admvs: '520102', dev_no: 'GZ-WIN-07' },
      nightlyOperator: { code: 'N0007', name: '夜间上传（信息科）' },
    });
    t = await restartWithSite(t, site);
    await t.call('auth.login', { username: 'zhang.wei', password: 'Temp-2026a' });
    await t.call('auth.changePassword', { oldPassword: 'Temp-2026a', newPassword: 'Zhang-2026b' });
  });
  afterAll(async () => {
    await t?.stop();
    await sim?.stop();
  });

  const centre = <T>(sql: string, ...params: unknown[]) => {
    const db = new Database(join(simDir, 'live-centre.sqlite'), { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  it('is in force: live, per-service paths behind the gateway, the hospital’s area code; the cashier signed in as himself', async () => {
    expect((await t.call('status.get')).bureau).toMatchObject({ mode: 'live' });
    expect(await t.call('settings.testBureau', {})).toMatchObject({ ok: true });
    const view = await t.call('settings.get');
    expect(view.bureau).toEqual({
      mode: 'live',
      url: `${sim.base}/fsi/api/rsfComIfsService/callService`,
      paths: 'per-service',
      access: 'gateway',
      mdtrtareaAdmvs: '520102',
      nightlyOperator: { code: 'N0007', name: '夜间上传（信息科）' },
      source: '/etc/onebill/site.yaml',
    });
    expect(view.locked).toContain('bureau');
    expect(centre<{ opter: string }>('SELECT opter FROM sign_in').map((r) => r.opter)).toContain('zhang.wei');
  });

  it('settles a person the centre knows, and the nightly upload signs in as the site’s nightly operator', async () => {
    const card = await t.call('card.fromTypedId', { certno: '522627197209080047' });
    const bill = await t.call('bill.import', { demo: 'gz-inpatient-discharge' });
    const person = await t.call('eligibility.resolve', { identity: card, date: bill.date, visit: bill.visit });
    expect(person).toMatchObject({ online: true, psnNo: '52260000000000000003' });
    await t.call('settlement.commit', {
      attemptId: randomUUID(),
      eligibilityId: person.eligibilityId,
      visit: bill.visit,
      date: bill.date,
      lines: bill.lines,
      billId: bill.billId,
      billSource: bill.source,
    });
    const run = await t.call('upload.now', { wait: true });
    expect(run).toMatchObject({ acked: 1, rejected: 0, pending: 0 });
    expect(centre<{ opter: string }>('SELECT opter FROM sign_in').map((r) => r.opter)).toContain('N0007');
    expect(centre<{ n: number }>('SELECT COUNT(*) AS n FROM settlement')[0]!.n).toBe(1);
  });

  it('never shows or logs the gateway token', async () => {
    const shown = JSON.stringify([await t.call('settings.get'), await t.call('status.get')]);
    expect(shown).not.toContain(GATEWAY.token);
    const logs = join(t.dir, 'logs');
    const text = readdirSync(logs)
      .filter((f) => statSync(join(logs, f)).isFile())
      .map((f) => readFileSync(join(logs, f), 'utf8'))
      .join('\n');
    expect(text).toContain('bureau live');
    expect(text).not.toContain(GATEWAY.token);
  });
});

describe('no site file', () => {
  it('is demo: the built-in simulator, 演示', async () => {
    const t = await startTestBackend();
    try {
      await loginDemo(t, 'supervisor');
      expect((await t.call('status.get')).bureau.mode).toBe('demo');
      expect((await t.call('settings.get')).bureau).toMatchObject({ mode: 'demo', source: null });
      expect(await t.call('settings.testBureau', {})).toEqual({ ok: true, detail: '医保中心连接正常（内置模拟器，演示）' });
    } finally {
      await t.stop();
    }
  });

  it('electron/ never imports the simulator (tools/): demo mode loads it as a file at run time', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const offenders = files(join(process.cwd(), 'electron')).filter((f) => /(from\s+|import\s*\(\s*|require\s*\(\s*)['"][^'"]*\/tools\//.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../shared/time';
import { loginDemo, startTestBackend, type TestBackend, hisBillNo } from './helpers';

/** Polls upload.progress until the run is over (bounded by count, not by time). */
async function untilUploadEnds(t: TestBackend): Promise<any> {
  for (let i = 0; i < 500; i++) {
    const p = await t.call('upload.progress');
    if (p.state !== 'running') return p;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('upload still running after 500 polls');
}

describe('upload, reconciliation and reports through the backend (bureau simulator in-process)', () => {
  let t: TestBackend;
  let today: string;
  const ids: string[] = [];

  async function settle(card: any, demoBill: string): Promise<string> {
    const bill = await t.call('bill.import', { demo: demoBill });
    const person = await t.call('eligibility.resolve', { identity: card, date: bill.date, visit: bill.visit });
    const committed = await t.call('settlement.commit', {
      attemptId: randomUUID(),
      hisBillNo: hisBillNo(),
      eligibilityId: person.eligibilityId,
      certificate: person.certificate,
      visit: bill.visit,
      date: bill.date,
      lines: bill.lines,
      billSource: bill.source,
    });
    ids.push(committed.id);
    return committed.id;
  }

  beforeAll(async () => {
    t = await startTestBackend({ uploadBackoff: { maxAttempts: 1 } });
    await loginDemo(t, 'supervisor');
    await loginDemo(t, 'cashier');
    today = businessDate(new Date());
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('starts idle with the nightly upload scheduled at 23:30', async () => {
    const p = await t.call('upload.progress');
    expect(p).toMatchObject({ state: 'idle', sent: 0, total: 0, lastError: null, scheduleAt: '23:30', startedAt: null });
    expect(p.nextRunAt).toMatch(/^\d{4}-\d{2}-\d{2}T23:30:00\.000\+08:00$/);
  });

  it('uploads two committed settlements: progress reaches the total, the outbox is acknowledged', async () => {
    await t.call('card.simulatorInsert', { card: 'chen-xiulan' });
    await settle(await t.call('card.read'), 'jm-inpatient-chen-xiulan');
    await settle(await t.call('card.read'), 'jm-inpatient-chen-xiulan');
    expect(await t.call('outbox.status')).toEqual({ pending: 2, sent: 0, acked: 0, rejected: 0 });

    const started = await t.call('upload.now', {});
    expect(started.state).toBe('running');
    const done = await untilUploadEnds(t);
    expect(done).toMatchObject({ state: 'done', sent: 2, total: 2, acked: 2, rejected: 0, pending: 0, lastError: null });
    expect(done.finishedAt).not.toBeNull();
    expect(await t.call('outbox.status')).toEqual({ pending: 0, sent: 0, acked: 2, rejected: 0 });
  });

  it('reconciles the day: one resident inpatient group, balanced with the bureau', async () => {
    const day = await t.call('reconcile.day', { date: today });
    expect(day.balanced).toBe(true);
    expect(day.groups).toHaveLength(1);
    expect(day.groups[0]).toMatchObject({ insutype: '390', balanced: true, error: null, differing: [] });
    expect(day.groups[0].terminal).toEqual({ ...day.groups[0].acknowledged, count: 2 });
    expect(day.groups[0].terminal.medfeeSumamt).toBe('35175.60');
  });

  it('keeps a settlement the bureau refuses, with its message; only a supervisor requeues it (logged in, or with their password at the cashier’s till)', async () => {
    const stranger = await t.call('card.fromTypedId', { certno: '520102199001010018', name: '钱未参' });
    // Settled while the bureau is unreachable (eligibility falls back to the roster): the upload is refused later.
    const faultsUrl = new URL('/admin/faults', (await t.call('status.get')).bureau.url).href;
    const faults = (settings: object) => fetch(faultsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) });
    await faults({ failNext: 20, kinds: ['drop'], infnos: ['1101', '5206'] });
    const refused = await settle(stranger, 'gz-inpatient-discharge');
    await faults({ failNext: 0 });
    const run = await t.call('upload.now', { wait: true });
    expect(run).toMatchObject({ state: 'done', total: 1, acked: 0, rejected: 1 });
    const rejected = await t.call('upload.rejected');
    expect(rejected.map((r: any) => [r.id, r.patientName, r.message, r.attempts])).toEqual([[refused, '钱未参', '证件号码 520102199001010018 未参保', 1]]);

    // The cashier alone, or with the wrong approver, cannot requeue.
    await t.backend.runtime.ledger.operators.create({ id: 'new-supervisor', name: '新主管', role: 'supervisor', password: 'handed-over-1' });
    const refusals: Array<[unknown, unknown]> = [
      [undefined, { code: 'forbidden', message: '此操作须由主管登录后进行' }],
      [
        { username: 'supervisor', password: 'not-the-password' },
        { code: 'operator-bad-credentials', message: '工号或密码错误' },
      ],
      [
        { username: 'cashier', password: 'cashier-pass-2026' },
        { code: 'forbidden', message: '重新上传须由主管输入自己的工号和密码授权' },
      ],
      [
        { username: 'new-supervisor', password: 'handed-over-1' },
        { code: 'password-change-required', message: '主管须先登录并修改初始密码，才能授权重新上传' },
      ],
    ];
    for (const [supervisor, error] of refusals) {
      expect(await t.backend.handle('upload.requeue', { ids: [refused], ...(supervisor ? { supervisor } : {}) })).toEqual({ ok: false, error });
    }
    // A supervisor's session is refused a record the bureau did not refuse.
    await t.call('auth.login', { username: 'supervisor', password: 'supervisor-pass-2026' });
    expect(await t.backend.handle('upload.requeue', { ids: [ids[0]] })).toEqual({
      ok: false,
      error: { code: 'not-rejected', message: `结算单 ${ids[0]} 不在医保拒收列表中，不能重新上传` },
    });
    // The cashier's session with the supervisor's own password at the till requeues it.
    await t.call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });
    const supervisor = { username: 'supervisor', password: 'supervisor-pass-2026' };
    expect(await t.call('upload.requeue', { ids: [refused], supervisor })).toEqual({ requeued: 1, outbox: { pending: 1, sent: 0, acked: 2, rejected: 0 } });
    await t.call('auth.login', { username: 'supervisor', password: 'supervisor-pass-2026' });

    const day = await t.call('reconcile.day', { date: today });
    expect(day.balanced).toBe(false);
    const unbalanced = day.groups.filter((g: any) => !g.balanced);
    expect(unbalanced.flatMap((g: any) => g.differing.map((d: any) => [d.id, d.outboxStatus]))).toEqual([[refused, 'pending']]);
    await t.call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });
  });

  it('closes the cashier’s day once; a second close is refused in Chinese', async () => {
    const closed = await t.call('reports.closeDay', {});
    expect(closed.day).toBe(today);
    expect(closed.cashiers).toHaveLength(1);
    expect(closed.cashiers[0]).toMatchObject({ operatorId: 'cashier', settlementCount: 3, reversalCount: 0, closed: { closedBy: 'cashier' } });
    expect(closed.document.title).toBe('收费员日结报表');
    const summary = closed.document.tables[0];
    expect(summary.columns[0]).toEqual({ key: 'cashier', label: '收费员', kind: 'text' });
    expect(summary.rows[0].slice(0, 3)).toEqual(['收费员（cashier）', '3', '0']);

    const again = await t.backend.handle('reports.closeDay', {});
    expect(again).toEqual({ ok: false, error: { code: 'day-already-closed', message: `收费员 cashier 的 ${today} 已日结，不能重复日结` } });
    const other = await t.backend.handle('reports.closeDay', { operatorId: 'supervisor' });
    expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const view = await t.call('reports.dayClose', { day: today });
    expect(view.cashiers.map((c: any) => [c.operatorId, c.closed !== null, c.settlementCount])).toEqual([['cashier', true, 3]]);
  });

  it('answers every report as tables of strings', async () => {
    const month = today.slice(0, 7);
    const monthly = await t.call('reports.monthlyDispatch', { month });
    expect(monthly.title).toBe('医疗保障扶贫工作调度报表（月报）');
    const byIdentity = monthly.tables[0];
    expect(byIdentity.total[0]).toBe('合计');
    expect(byIdentity.total[byIdentity.columns.findIndex((c: any) => c.key === 'visits')]).toBe('3');
    for (const row of [...byIdentity.rows, byIdentity.total]) for (const cell of row) expect(typeof cell).toBe('string');
    const ratioAt = byIdentity.columns.findIndex((c: any) => c.kind === 'ratio');
    expect(byIdentity.total[ratioAt]).toMatch(/^\d+\.\d{2}%$/);

    const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    expect((await t.call('reports.quarterlySurvey', { quarter })).title).toBe('医疗保障扶贫政策调查表（季报）');
    const jm = await t.call('reports.povertyFund', { month });
    expect(jm.title).toBe('江门市精准扶贫医疗保障结算报表');
    expect(jm.tables[0].rows.map((r: string[]) => r[0])).toEqual(ids.slice(0, 2));
    expect(jm.tables[2].rows).toEqual([]);
    expect((await t.call('reports.monitoringList', { year: 2020 })).title).toBe('因病返贫致贫风险监测名单');
    expect((await t.call('reports.charityReferrals', { from: today, to: today })).tables[0].rows).toEqual([]);
    const bad = await t.backend.handle('reports.monthlyDispatch', { month: '2020-13' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: '参数有误：「month」月份格式应为 YYYY-MM' } });
  });

  it('exports a report as a readable XLSX under <userDataDir>/reports/', async () => {
    const out = await t.call('reports.exportXlsx', { report: 'dayClose', params: { day: today } });
    expect(out.path.startsWith(join(t.dir, 'reports'))).toBe(true);
    expect(out.fileName).toMatch(new RegExp(`^日结报表-${today}-\\d{14}\\.xlsx$`));
    expect(existsSync(out.path)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.path);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('收费员日结报表');
    expect(sheet.getRow(4).getCell(1).value).toBe('收费员');
    expect(sheet.getRow(5).getCell(1).value).toBe('收费员（cashier）');
    expect(sheet.getRow(5).getCell(2).value).toBe(3);
  });

  it('moves the nightly upload when the supervisor changes the time', async () => {
    await t.call('auth.login', { username: 'supervisor', password: 'supervisor-pass-2026' });
    const view = await t.call('settings.update', { uploadAt: '06:15' });
    expect(view.settings.uploadAt).toBe('06:15');
    const p = await t.call('upload.progress');
    expect(p.scheduleAt).toBe('06:15');
    expect(p.nextRunAt).toMatch(/^\d{4}-\d{2}-\d{2}T06:15:00\.000\+08:00$/);
    expect(await t.backend.handle('settings.update', { uploadAt: '25:00' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

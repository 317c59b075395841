import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFileName } from '../../electron/backend/report-service';
import { bureauSiteConfigSchema } from '../../electron/bureau/site-config';
import { commitDemoSettlement, loginDemo, startTestBackend, type TestBackend } from './helpers';

describe('inputs that crashed or leaked', () => {
  let t: TestBackend;
  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'cashier', 'cashier-2026');
    await loginDemo(t, 'supervisor', 'supervisor-2026');
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.each([
    ['ftp://bureau.example/', '医保中心地址须以 http:// 或 https:// 开头'],
    ['file:///etc/passwd', '医保中心地址须以 http:// 或 https:// 开头'],
    ['data:text/plain,hello', '医保中心地址须以 http:// 或 https:// 开头'],
    ['javascript:alert(1)', '医保中心地址须以 http:// 或 https:// 开头'],
    ['ws://bureau.example/', '医保中心地址须以 http:// 或 https:// 开头'],
    ['http://bureau.example/\r\nX-Injected: 1', '医保中心地址不能包含空格、回车、换行或其他控制字符'],
    ['http://bureau.example/\n', '医保中心地址不能包含空格、回车、换行或其他控制字符'],
    ['http://user:secret@bureau.example/', '医保中心地址不能包含用户名或密码'],
  ])('refuses the bureau URL %j in the site file’s bureau section (url and oauth2.tokenUrl)', (url, message) => {
    const live = { mode: 'live', envelope: { mdtrtarea_admvs: '520102' }, nightlyOperator: { code: 'N1', name: '夜间' } };
    for (const section of [
      { ...live, url },
      { ...live, url: 'http://10.1.2.3/', oauth2: { tokenUrl: url, clientId: 'c', clientSecret: 's', username: 'u', password: 'p' } },
    ]) {
      const parsed = bureauSiteConfigSchema.safeParse(section);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
    }
  });

  it('lets only a supervisor test the bureau connection', async () => {
    await t.call('auth.login', { username: 'cashier', password: 'cashier-2026' });
    expect(await t.backend.handle('settings.testBureau', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await t.call('auth.login', { username: 'supervisor', password: 'supervisor-2026' });
  });

  it.each([
    ['settlement.list', { from: '2023-02-30' }],
    ['reconcile.day', { date: '2023-02-29' }],
    ['reports.charityReferrals', { from: '2023-04-31', to: '2023-05-01' }],
    ['reports.dayClose', { day: '2023-13-01' }],
    ['eligibility.resolve', { identity: { source: 'typed-id' }, date: '2023-02-30', visit: 'inpatient' }],
  ])('refuses an impossible date in %s', async (op, input) => {
    const result = await t.backend.handle(op, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!result.ok) expect(JSON.stringify(result.error.details)).toMatch(/日期不存在|日期格式应为|月份格式/);
  });

  it('refuses an impossible roster date', async () => {
    expect(await t.backend.handle('roster.import', { path: '/nonexistent.csv', rosterDate: '2023-02-30' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
  });

  it('cleans file names built from input of control characters and path separators', () => {
    expect(safeFileName('日结报表-2026-12-01\r\n-..\\..//x\u0000\u202e.xlsx')).toBe('日结报表-2026-12-01-.._..__x.xlsx');
    expect(safeFileName('..hidden')).toBe('_hidden');
    expect(safeFileName('a'.repeat(400))).toHaveLength(180);
  });

  it('shows the cashier no raw English exception text when the receipt fails', async () => {
    await t.call('auth.login', { username: 'supervisor', password: 'supervisor-2026' });
    const notAFont = join(t.dir, 'broken.ttf');
    writeFileSync(notAFont, 'this is not a font');
    await t.call('settings.update', { receiptFont: notAFont });
    await t.call('auth.login', { username: 'cashier', password: 'cashier-2026' });
    const id = await commitDemoSettlement(t);
    const receipt = await t.call('settlement.receipt', { id });
    expect(receipt.warning).toBe('结算已保存，但结算单生成失败（详情已记录在日志中），请检查结算单字体设置后补打');
    expect(receipt.warning).not.toMatch(/[A-Za-z]{4,}/);
  });
});

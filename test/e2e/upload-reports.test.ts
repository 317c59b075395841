import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../shared/time';
import { formatMoney, fromFen, sum } from '../../shared/money';
import { logIn, useBrowserSession, type App } from './harness';
import { keepScreenshot, pressAndCapture } from './screen';

/**
 * 上传对账 and 报表 in browser mode: two settlements uploaded and reconciled, one the bureau refuses
 * (a person it does not insure) requeued with a supervisor's password at the cashier's till, the cashier's day close, a report checked
 * against the ledger and exported.
 */
const PASSWORDS = { cashier: 'cashier-pass-1', supervisor: 'supervisor-pass-1' };
const STRANGER = '520102199001010018'; // valid ID number the bureau simulator has no insurance for

let app: App;
let page: Page;
let today: string;

const session = useBrowserSession();
beforeAll(() => {
  ({ app, page } = session);
  today = businessDate(new Date());
});

/** The patient is identified (card or typed ID): load the first demo bill, preview, confirm. Returns the id. */
async function settleLoadedPatient(loadBill: () => Promise<void> = () => page.keyboard.press('F3')): Promise<string> {
  await loadBill();
  await page.getByTestId('bill-total').waitFor();
  await expect.poll(() => page.getByRole('button', { name: '预结算 (F4)' }).isEnabled(), { timeout: 15_000 }).toBe(true);
  await pressAndCapture(page, 'F4', 'settlement.preview');
  await page.getByTestId('amount-patientCash').waitFor();
  const committed = await pressAndCapture<{ ok: true; value: { id: string } }>(page, 'F9', 'settlement.commit');
  if (!committed.ok) throw new Error(`settlement.commit refused: ${JSON.stringify(committed)}`);
  await expect.poll(() => page.getByTestId('settlement-id').innerText()).toBe(committed.value.id);
  await page.keyboard.press('F12');
  return committed.value.id;
}

const outboxCount = (status: string) => page.getByTestId(`outbox-${status}`).innerText();

async function switchUser(username: 'cashier' | 'supervisor') {
  await page.getByRole('button', { name: '退出登录' }).click();
  await logIn(page, username, PASSWORDS[username]);
}

describe.sequential('upload, reconciliation and reports e2e (browser mode)', () => {
  it('settles two bills, uploads them with progress to 2/2, and the day reconciles balanced', async () => {
    await logIn(page, 'supervisor', '123456', PASSWORDS.supervisor);
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, 'cashier', '123456', PASSWORDS.cashier);

    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: '读卡 (F2)' }).waitFor();
      await page.keyboard.press('F2');
      await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('杨光英');
      await settleLoadedPatient();
    }

    await page.keyboard.press('Alt+6');
    await expect.poll(() => outboxCount('pending')).toBe('2 笔');
    await expect(page.getByTestId('upload-next').innerText()).resolves.toMatch(/^每日 23:30 自动上传，下次：\d{4}-\d{2}-\d{2} 23:30:00$/);
    await page.keyboard.press('F6');
    await expect.poll(() => page.getByTestId('upload-progress').innerText()).toBe('已上传 2/2 笔，第 1/1 批');
    await expect.poll(() => outboxCount('acked')).toBe('2 笔');
    await expect(outboxCount('pending')).resolves.toBe('0 笔');
    await expect(page.getByRole('progressbar', { name: '上传进度' }).getAttribute('value')).resolves.toBe('2');

    await page.getByLabel('对账日期（结算日）').fill(today);
    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('reconcile-verdict').innerText()).toBe(`${today} 对账平衡`);
    const group = page.getByRole('group', { name: '城乡居民医保（390） · 住院（21）' });
    await expect(group.getByTestId('group-verdict').innerText()).resolves.toBe('平');
    const sums = await group.getByRole('table').first().locator('tbody tr').allInnerTexts();
    expect(sums).toHaveLength(2);
    expect(sums[0]!.split('\t').slice(1)).toEqual(sums[1]!.split('\t').slice(1)); // terminal = acknowledged
    expect(sums[0]!.split('\t')[1]).toBe('2');
    await keepScreenshot(page, '11-upload-reconcile');
  });

  it('shows a settlement the bureau refuses with its message; the cashier puts it back in the queue with the supervisor’s password', async () => {
    // The bureau is unreachable while the stranger is identified (the roster answers), so the settlement
    // is made and the bureau refuses it at the upload.
    const faults = (settings: object) =>
      fetch(new URL('/admin/faults', app.backend.runtime.bureau.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(settings),
      });
    await faults({ failNext: 20, kinds: ['drop'], infnos: ['1101', '5206'] });
    await page.keyboard.press('Alt+1');
    await page.getByLabel('身份证号（无卡时录入）').fill(STRANGER);
    await page.getByLabel('姓名（无卡时录入）').fill('钱未参');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('钱未参');
    // His own HIS file (a bill names its patient; the demo bill is 杨光英's).
    const bill = JSON.parse(readFileSync(join(app.backend.runtime.resourcesDir, 'demo/bills/gz-inpatient-discharge.json'), 'utf8'));
    const file = join(app.userDataDir, 'stranger-bill.json');
    writeFileSync(file, JSON.stringify({ ...bill, patient: { certno: STRANGER, name: '钱未参' } }));
    const refused = await settleLoadedPatient(() => page.getByLabel('导入HIS费用文件（JSON / CSV）').setInputFiles(file));
    await faults({ failNext: 0 });

    await page.keyboard.press('Alt+6');
    await expect.poll(() => outboxCount('pending')).toBe('1 笔');
    await page.keyboard.press('F6');
    await expect.poll(() => outboxCount('rejected')).toBe('1 笔');
    const rows = page.getByRole('table', { name: '拒收记录' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().innerText()).resolves.toContain(refused);
    await expect(page.getByTestId('rejected-message').innerText()).resolves.toBe(`证件号码 ${STRANGER} 未参保`);

    // A planted difference: the centre holds one of the morning's settlements with 1.00 more.
    const centre = new Database(join(app.userDataDir, 'bureau-sim.db'));
    const changed = centre.prepare("SELECT setl_id FROM settlement WHERE refd_setl_flag = '0' ORDER BY rowid LIMIT 1").pluck().get() as string;
    const ours = centre.prepare('SELECT medfee_sumamt FROM settlement WHERE setl_id = ?').pluck().get(changed) as number;
    centre.prepare('UPDATE settlement SET medfee_sumamt = medfee_sumamt + 100 WHERE setl_id = ?').run(changed);
    centre.close();

    // The day no longer balances: the refused settlement is listed with the bureau's reason, and
    // 3202 names both settlements that differ, our amounts beside the centre's.
    await page.keyboard.press('F7');
    await expect.poll(() => page.getByTestId('reconcile-verdict').innerText()).toBe(`${today} 对账不平`);
    await expect(page.getByRole('table', { name: /不一致的结算$/ }).innerText()).resolves.toContain(refused);
    const detail = page.getByTestId('reconcile-detail');
    await expect.poll(() => detail.locator('caption').innerText()).toBe('对明细账（3202）：逐笔核对 3 笔，2 笔不一致');
    const cells = async (id: string) => (await detail.locator('tbody tr', { hasText: id }).locator('td').allInnerTexts()).map((c) => c.trim());
    const mine = formatMoney(fromFen(ours));
    expect(await cells(changed)).toEqual([
      changed,
      expect.any(String),
      mine,
      formatMoney(fromFen(ours + 100)),
      expect.any(String),
      expect.any(String),
      `医疗费总额 医药机构 ${mine}，中心 ${formatMoney(fromFen(ours + 100))}`,
    ]);
    expect((await cells(refused)).slice(0, 4)).toEqual([refused, '钱未参', expect.stringMatching(/^\d+\.\d{2}$/), '—']);
    expect((await cells(refused))[6]).toBe('医药机构有此结算，中心无记录');
    await keepScreenshot(page, '12-upload-rejected');

    // The cashier's session requeues only with a supervisor's own credentials, typed in the dialog.
    await page.getByRole('button', { name: `重新上传 ${refused}` }).click();
    const dialog = page.getByRole('form', { name: '重新上传' });
    await page.getByRole('button', { name: '确认重新上传 (Enter)' }).click();
    await expect.poll(() => dialog.locator('.field-error').allInnerTexts()).toEqual(['请输入用户名', '请输入密码']);
    await page.getByLabel('主管用户名').fill('supervisor');
    await page.getByLabel('主管密码').fill('not-the-password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert', { name: '重新上传错误' }).innerText()).toBe('工号或密码错误');
    await expect(page.getByLabel('主管密码').inputValue()).resolves.toBe('');
    await expect(outboxCount('rejected')).resolves.toBe('1 笔');
    await page.getByLabel('主管密码').fill(PASSWORDS.supervisor);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.notice-ok').first().innerText()).toBe('已将 1 笔结算单放回上传队列，将在下次上传时重新发送');
    await expect.poll(() => outboxCount('pending')).toBe('1 笔');
    await expect(outboxCount('rejected')).resolves.toBe('0 笔');
    await expect(page.getByText('没有被拒收的结算单').isVisible()).resolves.toBe(true);
  });

  it('closes the cashier’s day once; the second close is refused in Chinese (日结)', async () => {
    await switchUser('cashier');
    await page.keyboard.press('Alt+7');
    await expect.poll(() => page.getByTestId('dayclose-state').innerText()).toBe('尚未日结');
    await page.getByRole('table', { name: '日结汇总' }).waitFor();
    await page.keyboard.press('F9');
    await page.getByRole('form', { name: '确认日结' }).waitFor();
    await expect(page.getByRole('form', { name: '确认日结' }).innerText()).resolves.toContain('今日共 3 笔结算、0 笔冲销');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dayclose-state').innerText()).toMatch(/^已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 由 cashier 日结$/);
    const summary = page.getByRole('table', { name: '日结汇总' });
    await expect(summary.locator('tbody tr').first().innerText()).resolves.toMatch(/^收费员（cashier）\t3\t0\t/);

    await page.keyboard.press('F9');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert', { name: '日结错误' }).innerText()).toBe(`收费员 cashier 的 ${today} 已日结，不能重复日结`);
    await page.keyboard.press('Escape');
  });

  it('renders the monthly dispatch report with the ledger’s amounts and exports it to Excel', async () => {
    await page.getByLabel('报表', { exact: true }).selectOption('monthlyDispatch');
    await page.getByLabel('月份').fill(today.slice(0, 7));
    await page.keyboard.press('F5');
    const table = page.getByRole('table', { name: '按就诊类型' });
    await table.waitFor();
    const headers = await table.locator('thead th').allInnerTexts();
    const total = (await table.locator('tfoot td').allInnerTexts()).map((c) => c.trim());
    const cell = (label: string) => total[headers.findIndex((h) => h.startsWith(label))];

    const listed = await app.backend.handle('settlement.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const items = (listed.value as { items: Array<{ amounts: Record<string, string> }> }).items;
    expect(items).toHaveLength(3);
    const ledgerSum = (field: string) => formatMoney(sum(items.map((s) => s.amounts[field]!)));
    expect(total[0]).toBe('合计');
    expect(cell('就诊人次')).toBe('3');
    expect(cell('费用总额')).toBe(ledgerSum('total'));
    expect(cell('个人现金支付')).toBe(ledgerSum('patientCash'));
    // Amounts sit right-aligned.
    const align = await table
      .locator('tfoot td')
      .nth(headers.indexOf('费用总额'))
      .evaluate((td) => getComputedStyle(td).textAlign);
    expect(align).toBe('right');
    await keepScreenshot(page, '13-reports');

    await page.keyboard.press('F6');
    const shown = await page.getByTestId('export-path').innerText();
    const path = shown.replace(/^已保存：/, '');
    expect(path.startsWith(join(app.userDataDir, 'reports'))).toBe(true);
    expect(existsSync(path)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets[0]!.getCell('A1').value).toBe('医疗保障扶贫工作调度报表（月报）');
  });
});

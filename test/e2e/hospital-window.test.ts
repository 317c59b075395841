import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSiteConfig } from '../../electron/site';
import { logIn, tempDir, useBrowserSession, type App } from './harness';
import { pressAndCapture } from './screen';

/**
 * A window deployed by hospital IT with a site file: the settings it fixes are shown locked
 * (read-only, 由站点配置文件锁定); the same HIS bill settled a second time is refused with the
 * earlier settlement's number, and a supervisor settles it again with their password and a reason.
 */
const siteDir = tempDir('onebill-e2e-site-');
const sitePath = join(siteDir, 'site.yaml');
writeFileSync(
  sitePath,
  `hospital: { code: H52010200001, name: 贵阳市第一人民医院（演示）, level: 3 }\nregion: CN-GZ\nledger: { path: '${join(siteDir, 'ledger.db')}' }\nbureau: { mode: demo }\nterminalId: ZY01\n`,
);

// Registered before the browser session's hooks, so it runs after they stopped the app.
afterAll(() => rmSync(siteDir, { recursive: true, force: true }));

let app: App;
let page: Page;
const session = useBrowserSession({ site: loadSiteConfig(sitePath), practiceRepeatBills: false });
beforeAll(() => {
  ({ app, page } = session);
});

const PASSWORD = 'supervisor-pass-1';

async function settleHisBill(file: string): Promise<void> {
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('F2');
  await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('杨光英');
  await page.getByLabel('导入HIS费用文件（JSON / CSV）').setInputFiles([]);
  await page.getByLabel('导入HIS费用文件（JSON / CSV）').setInputFiles(file);
  await expect.poll(() => page.getByTestId('bill-total').innerText()).toBe('¥ 1200.00');
  await expect.poll(() => page.getByRole('button', { name: '预结算 (F4)' }).isEnabled(), { timeout: 15_000 }).toBe(true);
  await page.keyboard.press('F4');
  await page.getByTestId('amount-patientCash').waitFor();
}

describe.sequential('a hospital window under a site file (browser mode)', () => {
  it('shows the values the site file fixes as locked in 设置', async () => {
    await logIn(page, 'supervisor', '123456', PASSWORD);
    await page.keyboard.press('Alt+5');
    const terminal = page.getByLabel('终端编号');
    await expect.poll(() => terminal.inputValue()).toBe('ZY01');
    await expect(terminal.isDisabled()).resolves.toBe(true);
    await expect(page.getByLabel('统筹区').isDisabled()).resolves.toBe(true);
    await expect(page.getByLabel('医院名称').inputValue()).resolves.toBe('贵阳市第一人民医院（演示）');
    await expect(page.getByLabel('医院名称').isDisabled()).resolves.toBe(true);
    // The mark beside each locked field, and where the file is.
    expect(await page.getByText('由站点配置文件锁定', { exact: true }).count()).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('site-config').innerText()).resolves.toBe(sitePath);
    // What the file leaves open stays editable here.
    await expect(page.getByLabel('打印机名称').isDisabled()).resolves.toBe(false);
  });

  it('refuses the same HIS bill twice with the earlier number; a supervisor settles it again with a reason', async () => {
    const file = join(app.userDataDir, 'his-zy-0001.json');
    writeFileSync(
      file,
      JSON.stringify({
        title: '贵州 住院 单据号 ZY20230618001',
        hisBillNo: 'ZY20230618001',
        visit: 'inpatient',
        date: '2023-06-18',
        lines: [{ code: 'I1', name: '手术', class: 'A', price: '1200', qty: '1', kind: 'item' }],
      }),
    );
    await settleHisBill(file);
    const first = await pressAndCapture<{ ok: true; value: { id: string } }>(page, 'F9', 'settlement.commit');
    expect(first.value.id).toMatch(/^ZY01-/);
    await expect.poll(() => page.getByTestId('settlement-id').innerText()).toBe(first.value.id);

    await page.keyboard.press('F12');
    await settleHisBill(file);
    const refused = await pressAndCapture<{ ok: false; error: { code: string } }>(page, 'F9', 'settlement.commit');
    expect(refused.error.code).toBe('duplicate-bill');
    const dialog = page.getByRole('form', { name: '重复结算' });
    await expect.poll(() => dialog.getByTestId('duplicate-of').innerText()).toBe(first.value.id);

    // A wrong password keeps the dialog open and says so; the right one with a reason settles.
    await dialog.getByLabel('主管用户名').fill('supervisor');
    await dialog.getByLabel('主管密码').fill('wrong-password-1');
    await dialog.getByLabel('再次结算的原因').fill('患者要求分开结算（医保科同意）');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await dialog.innerText()).includes('密码')).toBe(true);
    await expect(dialog.isVisible()).resolves.toBe(true);
    await dialog.getByLabel('主管密码').fill(PASSWORD);
    const again = await pressAndCapture<{ ok: true; value: { id: string } }>(page, 'Enter', 'settlement.commit');
    expect(again.ok).toBe(true);
    expect(again.value.id).not.toBe(first.value.id);
    await expect.poll(() => page.getByTestId('settlement-id').innerText()).toBe(again.value.id);
    await expect(dialog.count()).resolves.toBe(0);

    // Audited with the earlier number.
    const audit = await app.backend.runtime.ledger.audit.list({ limit: 20 });
    expect(JSON.stringify(audit)).toContain('settlement.duplicate-override');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSiteConfig } from '../../electron/site';
import { parseEscPos } from '../printer/escpos-parser';
import { logIn, useBrowserSession } from './harness';
import { keepScreenshot } from './screen';

/**
 * A pharmacy whose site file names the counter's USB printer (a plain file stands in for
 * /dev/usb/lp0): 设置 shows it locked, read-only, and its test page lands on that device.
 */
const dir = mkdtempSync(join(tmpdir(), 'onebill-e2e-site-printer-'));
const lp = join(dir, 'lp0');
writeFileSync(lp, '');
const siteFile = join(dir, 'pharmacy.yaml');
writeFileSync(
  siteFile,
  `hospital: { code: P21010200001, name: 沈阳和平大药房, level: 1 }\nregion: CN-LN\nprinter:\n  thermal: { device: '${lp}', width: 58 }\nterminalId: YF01\n`,
);
const session = useBrowserSession({ site: loadSiteConfig(siteFile) });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the thermal printer the site file fixes (browser mode)', () => {
  it('is shown locked in 设置, and 打印测试页 prints on the site’s device', async () => {
    const { page } = session;
    await logIn(page, 'supervisor', '123456', 'supervisor-pass-1');
    await page.keyboard.press('Alt+5');
    const section = page.getByRole('region', { name: '热敏小票打印机（药房）' });
    await expect.poll(() => section.getByRole('status').first().innerText()).toBe(`由站点配置文件锁定（${siteFile}），本机不能修改`);
    for (const [label, value] of [
      ['小票打印方式', 'device'],
      ['打印机设备文件', lp],
      ['纸宽', '58mm'],
    ] as const) {
      await expect(section.getByLabel(label).inputValue()).resolves.toBe(value);
      await expect(section.getByLabel(label).isDisabled()).resolves.toBe(true);
    }
    await section.getByRole('button', { name: '打印测试页' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('status').last().innerText(), { timeout: 15_000 }).toContain(`测试页已发送到设备文件 ${lp}，58mm 纸宽`);
    const testPage = parseEscPos(readFileSync(lp));
    expect(testPage).toMatchObject({ qr: ['ONEBILL-PRINTER-TEST'], cuts: 1 });
    expect(testPage.lines).toContain('1234567890'.repeat(4).slice(0, 32));
    // Saving the other settings leaves the locked printer alone.
    await page.keyboard.press('F9');
    await expect.poll(() => page.getByText('设置已保存').count()).toBe(1);
    await keepScreenshot(page, '17-thermal-printer-locked');
  });
});

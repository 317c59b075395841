/**
 * The renderer as it runs in the Electron window: every call goes through `window.onebill` (here
 * a stand-in preload defined before the page loads, forwarding the contract to the loopback
 * backend), and 设置 shows where the logs and crash reports are and opens those folders.
 */
import { describe, expect, it } from 'vitest';
import { logIn, useBrowserSession } from './harness';

const session = useBrowserSession();

describe('设置 › 日志与崩溃报告 in the Electron shell (stand-in preload)', () => {
  it('shows the shell’s folders, opens the log folder and reports a folder that cannot be opened', async () => {
    const { page, app } = session;
    await page.addInitScript((token: string) => {
      const opened: string[] = [];
      const diagnostics = Object.freeze({
        paths: async () => ({
          ok: true,
          value: { logsDir: '/home/cashier/.config/OneBill 一单通/logs', crashDumpsDir: '/home/cashier/.config/OneBill 一单通/Crashpad' },
        }),
        openLogs: async () => (opened.push('logs'), { ok: true, value: null }),
        openCrashReports: async () => (
          opened.push('crash'),
          { ok: false, error: { code: 'open-failed', message: '无法打开文件夹 /home/cashier/.config/OneBill 一单通/Crashpad：没有权限' } }
        ),
      });
      const call = async (op: string, input: unknown) => {
        (window as unknown as { __calls: string[] }).__calls.push(op);
        const response = await fetch(`/api/${op}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-onebill-token': token },
          body: JSON.stringify(input ?? {}),
        });
        return response.json();
      };
      Object.assign(window, { __calls: [], __opened: opened, onebill: Object.freeze({ call, diagnostics }) });
    }, app.server.token);
    await page.goto(new URL('/', app.server.url).href);

    await logIn(page, 'supervisor', '123456', 'Shell-2026a');
    await page.keyboard.press('Alt+5');
    const section = page.getByRole('region', { name: '日志与崩溃报告（信息科）' });
    await expect.poll(() => section.getByTestId('logs-dir').innerText()).toBe('/home/cashier/.config/OneBill 一单通/logs');
    await expect.poll(() => section.getByTestId('crash-dumps-dir').innerText()).toBe('/home/cashier/.config/OneBill 一单通/Crashpad');

    await section.getByRole('button', { name: '打开日志文件夹' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __opened: string[] }).__opened)).toEqual(['logs']);
    await section.getByRole('button', { name: '打开崩溃报告文件夹' }).click();
    await expect.poll(() => section.getByRole('alert').innerText()).toContain('无法打开文件夹');
    // The screens reached the backend through the preload, not through their own HTTP path.
    expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual(expect.arrayContaining(['auth.login', 'settings.get']));
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, beforeEach, onTestFailed } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../electron/backend';
import { startWebServer, type WebServer } from '../../electron/web';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** Builds the renderer into a temp folder (so `npm test` works from a clean clone, and runs never clash). */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

export interface App {
  backend: Backend;
  server: WebServer;
  userDataDir: string;
  stop(): Promise<void>;
}

/** Browser mode over a fresh, temporary userDataDir. */
export async function startApp(rendererDir: string, options: Partial<BackendOptions> = {}): Promise<App> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'onebill-e2e-data-'));
  const backend = await createBackend({ userDataDir, shell: 'browser', readerSimulator: { pace: false }, bureauTimeoutMs: 1500, practiceRepeatBills: true, ...options });
  const server = await startWebServer({ backend, rendererDir });
  return {
    backend,
    server,
    userDataDir,
    async stop() {
      await server.stop();
      await backend.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=IsolateOrigins,site-per-process',
    ],
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Logs in; on a first login, changes the password as the app demands. Returns the password now in force. */
export async function logIn(page: Page, username: string, password: string, newPassword?: string): Promise<string> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.keyboard.press('Enter');
  if (newPassword) {
    await page.getByRole('heading', { name: '首次登录，请修改密码' }).waitFor();
    await page.getByLabel('原密码').fill(password);
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('再次输入新密码').fill(newPassword);
    await page.keyboard.press('Enter');
  }
  await page.getByRole('navigation', { name: '功能' }).waitFor();
  return newPassword ?? password;
}

export const SCREENSHOT_DIR = join(ROOT, 'docs/screenshots');

export interface BrowserSession {
  app: App;
  browser: Browser;
  page: Page;
}

/**
 * Registers the hooks every browser-mode suite needs: build the renderer, start the backend and its
 * web server on a fresh data folder (with `options`, e.g. a site file), open one zh-CN page; on a failed test keep a screenshot of the
 * page for the person reading the failure; stop everything afterwards. The returned object is
 * filled in by the first beforeAll, so read it from the suite's own hooks or tests.
 */
export function useBrowserSession(options: Partial<BackendOptions> = {}): BrowserSession {
  const session = {} as BrowserSession;
  let rendererDir = '';
  beforeAll(async () => {
    rendererDir = tempDir('onebill-e2e-renderer-');
    await buildRenderer(rendererDir);
    session.app = await startApp(rendererDir, options);
    session.browser = await launchBrowser();
    session.page = await session.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    session.page.setDefaultTimeout(10_000);
    await session.page.goto(session.app.server.url);
  }, 120_000);

  beforeEach(({ task }) => {
    onTestFailed(async () => {
      await session.page?.screenshot({ path: join(tempDir('onebill-e2e-failure-'), `${task.name.slice(0, 40)}.png`), fullPage: true }).then(
        () => undefined,
        () => undefined,
      );
    });
  });

  afterAll(async () => {
    await session.browser?.close();
    await session.app?.stop();
    if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  });
  return session;
}

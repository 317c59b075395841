/**
 * The Electron main process, started in plain Node against a stand-in `electron`
 * (test/support/electron-stand-in.ts) with the real backend on a temporary user-data folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/web/security';
import { CALL_CHANNEL, DIAGNOSTICS_CHANNEL } from '../../electron/preload/bridge';

vi.mock('electron', () => import('../support/electron-stand-in'));
const electron = await import('../support/electron-stand-in');
const { app, invokeFromPage, recorded, sessionHandlers } = electron;

const repo = resolve(import.meta.dirname, '..', '..');
const APP_URL = 'app://onebill/index.html';
let appPath: string;

async function waitFor<T>(what: () => T | undefined | null | false | Promise<T | false>, label: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await what();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${label}`);
}

beforeAll(async () => {
  // An unpacked app folder: the renderer, the policies, and better-sqlite3 where the Electron build
  // would be (the Node build here, since this is Node).
  appPath = mkdtempSync(join(tmpdir(), 'onebill-app-'));
  mkdirSync(join(appPath, 'dist/renderer/assets'), { recursive: true });
  writeFileSync(join(appPath, 'dist/renderer/index.html'), '<!doctype html><title>一单通</title>');
  writeFileSync(join(appPath, 'dist/renderer/assets/app.js'), 'console.log(1)');
  writeFileSync(join(appPath, 'dist/secret.txt'), 'secret');
  symlinkSync(join(repo, 'resources'), join(appPath, 'resources'));
  const native = join(appPath, 'dist/electron-native', `${process.platform}-${process.arch}`);
  mkdirSync(native, { recursive: true });
  copyFileSync(join(repo, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(native, 'better_sqlite3.node'));
  electron.paths.appPath = appPath;

  await import('../../electron/main/index');
  app.becomeReady();
  await waitFor(() => recorded.windows.length > 0, 'the main window');
  // The window is served while the ledger opens; the page's start-up screen polls startup.status.
  let phase = '';
  await waitFor(async () => {
    const answer = (await invokeFromPage(APP_URL, CALL_CHANNEL, ['startup.status', {}])) as { ok: boolean; value?: { phase: string } };
    phase = answer.ok ? answer.value!.phase : 'refused';
    return phase === 'ready' || phase === 'failed';
  }, 'the backend ready');
  expect(phase).toBe('ready');
}, 60_000);

afterAll(async () => {
  app.emit('will-quit', { preventDefault() {} });
  // The backend closes asynchronously and then quits the app.
  await waitFor(() => recorded.quitCalls > 0, 'quit after the backend closed');
  rmSync(appPath, { recursive: true, force: true });
  rmSync(electron.paths.root, { recursive: true, force: true });
});

describe('main process on a stand-in Electron', () => {
  it('enables the sandbox for every renderer and starts the crash reporter with nothing uploaded', () => {
    expect(recorded.sandboxEnabled).toBe(true);
    expect(recorded.crashReporter).toEqual([expect.objectContaining({ uploadToServer: false })]);
    expect(recorded.errorBoxes).toEqual([]);
  });

  it('opens one window on app://onebill with Node kept out of the page', () => {
    expect(recorded.windows).toHaveLength(1);
    const [win] = recorded.windows;
    expect(win!.loadedUrl).toBe(APP_URL);
    expect(win!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: true, // not packaged
      preload: join(appPath, 'dist/electron/preload/index.cjs'),
    });
  });

  it('denies every permission request and check', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      sessionHandlers.permissionRequest!({}, permission, (granted: boolean) => answers.push(granted), {});
    expect(answers).toEqual([false, false, false, false, false]);
    expect(sessionHandlers.permissionCheck!({}, 'media', APP_URL, {})).toBe(false);
  });

  it('puts our CSP on every response and loads no remote content', () => {
    let headers: Record<string, string[]> = {};
    sessionHandlers.headersReceived!(
      { url: APP_URL, responseHeaders: { 'Content-Security-Policy': ['default-src *'], 'X-Other': ['1'] } },
      (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['X-Other']).toEqual(['1']);
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      sessionHandlers.beforeRequest!({ url }, (r: { cancel: boolean }) => (answer = r.cancel));
      return answer;
    };
    expect(cancelled('app://onebill/assets/app.js')).toBe(false);
    expect(cancelled('data:text/html,receipt')).toBe(false);
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:8765/', 'file:///etc/passwd', 'app://onebill.evil/x', 'app://onebill@evil/x', 'ws://localhost/'])
      expect(cancelled(url)).toBe(true);
  });

  it('stops navigation, redirects and webviews and denies every new window', () => {
    const contents = recorded.windows[0]!.webContents;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const prevented = vi.fn();
      contents.emit(event, { preventDefault: prevented }, 'https://example.com/');
      expect(prevented, event).toHaveBeenCalledOnce();
    }
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: APP_URL })).toEqual({ action: 'deny' });
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', async () => {
    const handler = recorded.protocolHandlers.get('app')!;
    expect(recorded.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const ok = (await handler({ url: APP_URL })) as Response;
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toContain('一单通');
    const script = (await handler({ url: 'app://onebill/assets/app.js' })) as Response;
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    // A file beside the renderer folder stays out of reach however the path is spelled.
    for (const url of [
      'app://onebill/../secret.txt',
      'app://onebill/%2e%2e/secret.txt',
      'app://onebill/..%2fsecret.txt',
      'app://onebill/assets/..%2f..%2fsecret.txt',
      'app://onebill/missing.js',
    ]) {
      const answer = (await handler({ url })) as Response;
      expect(answer.status, url).toBeGreaterThanOrEqual(400);
      expect(await answer.text(), url).not.toContain('secret');
    }
    expect(((await handler({ url: 'app://other/index.html' })) as Response).status).toBe(404);
  });

  it('answers the contract only for our page’s main frame', async () => {
    const status = (await invokeFromPage(APP_URL, CALL_CHANNEL, ['auth.session', {}])) as { ok: boolean };
    expect(status.ok).toBe(true);
    for (const url of ['https://example.com/', 'app://onebill.evil/index.html', 'file:///index.html', 'about:blank', '']) {
      expect(await invokeFromPage(url, CALL_CHANNEL, ['auth.session', {}]), url).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await invokeFromPage(APP_URL, CALL_CHANNEL, ['auth.session', {}], { subframe: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invokeFromPage(APP_URL, CALL_CHANNEL, ['ledger.exec', {}])).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
  });

  it('tells our page where the logs and crash reports are and opens those folders, nothing else', async () => {
    const paths = (await invokeFromPage(APP_URL, DIAGNOSTICS_CHANNEL, ['paths'])) as { ok: true; value: { logsDir: string; crashDumpsDir: string } };
    expect(paths).toEqual({ ok: true, value: { logsDir: join(electron.paths.root, 'userData', 'logs'), crashDumpsDir: join(electron.paths.root, 'crashDumps') } });
    expect(await invokeFromPage(APP_URL, DIAGNOSTICS_CHANNEL, ['open-logs'])).toEqual({ ok: true, value: null });
    expect(await invokeFromPage(APP_URL, DIAGNOSTICS_CHANNEL, ['open-crash-reports'])).toEqual({ ok: true, value: null });
    expect(recorded.openedPaths).toEqual([paths.value.logsDir, paths.value.crashDumpsDir]);
    expect(await invokeFromPage(APP_URL, DIAGNOSTICS_CHANNEL, ['open', '/etc'])).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(await invokeFromPage('https://example.com/', DIAGNOSTICS_CHANNEL, ['paths'])).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(recorded.openedPaths).toHaveLength(2);
  });

  it('writes the shell’s log, with the page’s console lines, to the logs folder', async () => {
    const contents = recorded.windows[0]!.webContents;
    contents.emit('console-message', { level: 'error', message: '界面出错了 marker-4711', sourceId: 'app://onebill/assets/app.js', lineNumber: 7 });
    const logFile = join(electron.paths.root, 'userData', 'logs', 'main.log');
    const text = await waitFor(() => {
      try {
        const t = readFileSync(logFile, 'utf8');
        return t.includes('marker-4711') && t;
      } catch {
        return false;
      }
    }, 'the renderer line in main.log');
    expect(text).toMatch(/OneBill 0\.0\.0-stand-in starting/);
    // The same line head as backend.log: a Beijing-time stamp with its offset (shared/time), the level, the scope.
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00 ERROR \(renderer\) 界面出错了 marker-4711 \(app:\/\/onebill\/assets\/app\.js:7\)$/m);
    expect(text).toMatch(/updates off \(no update URL configured\)/);
  });

  it('rotates the shell’s log at 5 MB into numbered archives', async () => {
    const { default: log } = await import('electron-log/node');
    expect(log.transports.file.maxSize).toBe(5 * 1024 * 1024);
    const dir = mkdtempSync(join(tmpdir(), 'onebill-rotate-'));
    try {
      writeFileSync(join(dir, 'main.log'), 'full');
      log.transports.file.archiveLogFn({ path: join(dir, 'main.log') } as Parameters<typeof log.transports.file.archiveLogFn>[0]);
      expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toBe('full');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Electron main: one locked-down window on app://onebill (dist/renderer), the contract over one
 * IPC channel answered only for that page, silent receipt printing, the backend in-process, logs
 * (electron-log) and crash reports kept on this PC, and updates from the hospital's intranet if
 * the site names a feed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { createBackend, type Backend } from '../backend';
import { loadSiteConfig, siteConfigPath } from '../site';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { crashDumpsDir, startCrashReporter } from './crash-reports';
import { serveContract, serveDiagnostics } from './ipc';
import { lockDownSessions } from './lockdown';
import { logRenderer, setUpLogging } from './logging';
import { electronNativeBinding } from './native-binding';
import { printReceiptSilently } from './printing';
import { startUpdateChecks } from './updates';
import { createMainWindow } from './window';

app.enableSandbox();
registerAppScheme();
startCrashReporter();

let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    // One ledger, one writer: a second copy hands focus to the first and quits.
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  await app.whenReady();
  const logsDir = join(app.getPath('userData'), 'logs');
  const log = setUpLogging(logsDir, app.isPackaged);
  log.info(`OneBill ${app.getVersion()} starting (Electron ${process.versions.electron ?? '-'}, ${process.platform}-${process.arch})`);
  const appPath = app.getAppPath();
  const nativeBinding = electronNativeBinding({
    packaged: app.isPackaged,
    appPath,
    resourcesPath: process.resourcesPath,
    platform: process.platform,
    arch: process.arch,
  });
  if (!existsSync(nativeBinding)) {
    log.error(`missing better-sqlite3 for Electron: ${nativeBinding}`);
    dialog.showErrorBox('OneBill 一单通', `缺少数据库组件（Electron 版 better-sqlite3）：${nativeBinding}\n请先运行 npm run build:electron-native。`);
    app.quit();
    return;
  }

  lockDownSessions();
  serveRenderer(join(appPath, 'dist', 'renderer'));
  const configPath = siteConfigPath(process.argv, process.env);
  const site = configPath ? loadSiteConfig(configPath) : undefined;
  backend = await createBackend({
    userDataDir: app.getPath('userData'),
    ...(site ? { site } : {}),
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(appPath, 'resources'),
    nativeBinding,
    printReceipt: printReceiptSilently,
    shell: 'electron',
  });
  serveContract(() => backend);
  serveDiagnostics({ logsDir, crashDumpsDir: crashDumpsDir() });

  mainWindow = createMainWindow(appPath, app.isPackaged);
  logRenderer(mainWindow.webContents, log);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  // The site file's `updates.url`; ONEBILL_UPDATE_URL serves a PC without a site file. Neither: off.
  void startUpdateChecks(site?.config.updates?.url ?? process.env.ONEBILL_UPDATE_URL, log).catch((error: unknown) =>
    log.warn(`updates off: ${(error as Error).message}`),
  );
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!backend) return;
  event.preventDefault();
  const closing = backend;
  backend = null;
  void closing.close().finally(() => app.quit());
});

start().catch((error: unknown) => {
  dialog.showErrorBox('OneBill 一单通', `启动失败：${(error as Error).message}`);
  app.exit(1);
});

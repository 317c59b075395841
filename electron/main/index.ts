/**
 * Electron main: one locked-down window on app://onebill (dist/renderer), the contract over one
 * IPC channel answered only for that page, silent receipt printing, and the backend in-process.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { isOpName } from '../../shared/contract';
import { createBackend, type Backend } from '../backend';
import { loadSiteConfig, siteConfigPath } from '../site';
import { CALL_CHANNEL } from '../preload/bridge';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { lockDownSessions } from './lockdown';
import { electronNativeBinding } from './native-binding';
import { printReceiptSilently } from './printing';
import { APP_START_URL, isTrustedAppUrl } from './trusted-url';

app.enableSandbox();
registerAppScheme();

let backend: Backend | null = null;
let mainWindow: BrowserWindow | null = null;

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isTrustedAppUrl(frame.url);
}

function createWindow(appPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'OneBill 一单通',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(appPath, 'dist', 'electron', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}

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
  const appPath = app.getAppPath();
  const nativeBinding = electronNativeBinding({
    packaged: app.isPackaged,
    appPath,
    resourcesPath: process.resourcesPath,
    platform: process.platform,
    arch: process.arch,
  });
  if (!existsSync(nativeBinding)) {
    dialog.showErrorBox('OneBill 一单通', `缺少数据库组件（Electron 版 better-sqlite3）：${nativeBinding}\n请先运行 npm run build:electron-native。`);
    app.quit();
    return;
  }

  lockDownSessions();
  serveRenderer(join(appPath, 'dist', 'renderer'));
  const configPath = siteConfigPath(process.argv, process.env);
  backend = await createBackend({
    userDataDir: app.getPath('userData'),
    ...(configPath ? { site: loadSiteConfig(configPath) } : {}),
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(appPath, 'resources'),
    nativeBinding,
    printReceipt: printReceiptSilently,
    shell: 'electron',
  });

  ipcMain.handle(CALL_CHANNEL, async (event, op: unknown, input: unknown) => {
    if (!trustedSender(event)) return { ok: false, error: { code: 'forbidden', message: '拒绝来自未知页面的请求' } };
    if (!isOpName(op)) return { ok: false, error: { code: 'unknown-operation', message: '未知操作' } };
    return backend!.handle(op, input, { shell: 'electron' });
  });

  mainWindow = createWindow(appPath);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
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

import { join } from 'node:path';
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_START_URL } from './trusted-url';

/** The one window's web preferences (electron security.md 2–4, 6, 16): the page gets no Node. */
export function mainWebPreferences(appPath: string, packaged: boolean): WebPreferences {
  return {
    preload: join(appPath, 'dist', 'electron', 'preload', 'index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !packaged,
  };
}

export function createMainWindow(appPath: string, packaged: boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'OneBill 一单通',
    show: false,
    autoHideMenuBar: true,
    webPreferences: mainWebPreferences(appPath, packaged),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}

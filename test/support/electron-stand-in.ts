/**
 * A stand-in for the `electron` module, so the main process and the preload run in plain Node
 * (`vi.mock('electron', () => import('../support/electron-stand-in'))`). It records what our code
 * asks of Electron — windows and their options, session handlers, protocol handlers, IPC handlers —
 * and lets a test play the page (`invokeFromPage`) or Electron (`app.emit(...)`).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Handler = (...args: any[]) => any;

export const recorded = {
  sandboxEnabled: false,
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, Handler>(),
  ipcHandlers: new Map<string, Handler>(),
  windows: [] as BrowserWindow[],
  crashReporter: [] as unknown[],
  errorBoxes: [] as string[],
  openedPaths: [] as string[],
  exposed: new Map<string, unknown>(),
  quitCalls: 0,
};

/** The folders our code gets from app.getAppPath()/getPath(); set before importing the main process. */
export const paths = { appPath: process.cwd(), root: mkdtempSync(join(tmpdir(), 'onebill-electron-')) };

class App extends EventEmitter {
  isPackaged = false;
  private readyResolve!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  enableSandbox() {
    recorded.sandboxEnabled = true;
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return this.ready;
  }
  /** The test says when Electron is ready. */
  becomeReady() {
    this.readyResolve();
  }
  getAppPath() {
    return paths.appPath;
  }
  getPath(name: string) {
    return join(paths.root, name);
  }
  getVersion() {
    return '0.0.0-stand-in';
  }
  quit() {
    recorded.quitCalls++;
    this.emit('will-quit', { preventDefault() {} });
  }
  exit() {}
}
export const app = new App();

export class WebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  mainFrame = { url: '' };
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
  print() {}
}

export class BrowserWindow extends EventEmitter {
  webContents = new WebContents();
  loadedUrl: string | null = null;
  destroyed = false;
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  destroy() {
    this.destroyed = true;
  }
}

/** The listeners our code registered on the default session. */
export const sessionHandlers: { permissionRequest: Handler | null; permissionCheck: Handler | null; headersReceived: Handler | null; beforeRequest: Handler | null } = {
  permissionRequest: null,
  permissionCheck: null,
  headersReceived: null,
  beforeRequest: null,
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: Handler) => (sessionHandlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Handler) => (sessionHandlers.permissionCheck = handler),
    webRequest: {
      onHeadersReceived: (listener: Handler) => (sessionHandlers.headersReceived = listener),
      onBeforeRequest: (listener: Handler) => (sessionHandlers.beforeRequest = listener),
    },
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: Handler) {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel: string, handler: Handler) {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    recorded.ipcHandlers.set(channel, handler);
  },
};

/** Plays a page calling `ipcRenderer.invoke` from a frame at `url` (main frame unless `subframe`). */
export function invokeFromPage(url: string, channel: string, args: unknown[], opts: { subframe?: boolean } = {}): Promise<unknown> {
  const handler = recorded.ipcHandlers.get(channel);
  if (!handler) throw new Error(`nothing handles ${channel}`);
  const mainFrame = { url };
  const senderFrame = opts.subframe ? { url } : mainFrame;
  return Promise.resolve(handler({ sender: { mainFrame }, senderFrame }, ...args));
}

export const dialog = {
  showErrorBox(_title: string, message: string) {
    recorded.errorBoxes.push(message);
  },
};

export const crashReporter = {
  start(options: unknown) {
    recorded.crashReporter.push(options);
  },
};

export const shell = {
  async openPath(path: string) {
    recorded.openedPaths.push(path);
    return '';
  },
};

// The preload's side.
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    recorded.exposed.set(key, api);
  },
};
export const ipcRenderer = {
  invoke: (channel: string, ...args: unknown[]) => invokeFromPage('app://onebill/index.html', channel, args),
};

export default { app, BrowserWindow, session, protocol, ipcMain, dialog, crashReporter, shell, contextBridge, ipcRenderer };

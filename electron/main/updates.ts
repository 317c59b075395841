import type { ShellLog } from './logging';

/** What we use of electron-updater's AppUpdater (so the checks can be tested without Electron). */
export type Updater = {
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: unknown;
};

export type UpdateChannel = { enabled: false; reason: string } | { enabled: true; url: string; stop: () => void };

const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

/** Only an http(s) URL is a feed; anything else leaves updates off (and says why in the log). */
export function parseFeedUrl(raw: string | undefined): URL | null {
  if (!raw?.trim()) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The update channel on the hospital's intranet: an electron-updater generic feed (the folder to
 * which IT copies `npm run dist`'s installers and latest*.yml). Off unless the site gives a URL.
 * Downloads in the background and installs when the app is closed, never in the middle of a shift;
 * failures go to the log, never to the cashier.
 */
export async function startUpdateChecks(feedUrl: string | undefined, log: ShellLog, loadUpdater: () => Promise<Updater> = loadElectronUpdater): Promise<UpdateChannel> {
  const url = parseFeedUrl(feedUrl);
  if (!url) {
    const reason = feedUrl?.trim() ? `not an http(s) URL: ${feedUrl}` : 'no update URL configured';
    log.info(`updates off (${reason})`);
    return { enabled: false, reason };
  }
  const updater = await loadUpdater();
  updater.logger = log.scope('updates');
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: url.href });
  const check = () => updater.checkForUpdates().catch((error: unknown) => log.warn(`update check failed: ${(error as Error).message}`));
  void check();
  const timer = setInterval(() => void check(), CHECK_EVERY_MS);
  timer.unref();
  log.info(`updates on: ${url.href}`);
  return { enabled: true, url: url.href, stop: () => clearInterval(timer) };
}

// Loaded only when a feed is configured: electron-updater reaches for Electron's app on first use.
// It is CommonJS with `autoUpdater` behind a getter, which Node's ESM named-export detection can
// miss: read it from the module object (`default` is module.exports).
async function loadElectronUpdater(): Promise<Updater> {
  const mod = (await import('electron-updater')) as unknown as { autoUpdater?: Updater; default?: { autoUpdater?: Updater } };
  const updater = mod.default?.autoUpdater ?? mod.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}

import { join } from 'node:path';

/**
 * better-sqlite3 compiled for Electron's ABI, kept apart from the Node build in node_modules
 * (which the tests and tools use). `npm run build:electron-native` writes
 * dist/electron-native/<platform>-<arch>/better_sqlite3.node; electron-builder copies that folder
 * to <resources>/native/.
 */
export function electronNativeBinding(opts: { packaged: boolean; appPath: string; resourcesPath: string; platform: string; arch: string }): string {
  return opts.packaged
    ? join(opts.resourcesPath, 'native', 'better_sqlite3.node')
    : join(opts.appPath, 'dist', 'electron-native', `${opts.platform}-${opts.arch}`, 'better_sqlite3.node');
}

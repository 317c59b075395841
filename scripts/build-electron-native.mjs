#!/usr/bin/env node
// better-sqlite3 for Electron, kept apart from the Node build in node_modules (tests and tools
// keep using that one). Writes dist/electron-native/<platform>-<arch>/better_sqlite3.node, which
// electron/main passes to better-sqlite3 as `nativeBinding` and electron-builder ships as
// <resources>/native/better_sqlite3.node, plus a stamp (better_sqlite3.json) naming the Electron
// and better-sqlite3 versions it was built for, so the packaging hook can tell a stale build.
//
//   npm run build:electron-native                                 # this machine's platform/arch
//   npm run build:electron-native -- --platform win32 --arch x64  # for the Windows installer
//
// Works on a copy of node_modules/better-sqlite3: first the published Electron prebuild
// (prebuild-install --runtime electron --target <electron version>), else, for the host platform
// only, a source build with node-gyp against Electron's headers. Both need network access.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const packageVersion = (root, name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

/** Where the Electron build for one platform/arch lives, and what it must have been built for. */
export function electronNativeTarget({ root, platform, arch }) {
  const dir = join(root, 'dist/electron-native', `${platform}-${arch}`);
  return {
    dir,
    binary: join(dir, 'better_sqlite3.node'),
    stamp: join(dir, 'better_sqlite3.json'),
    wanted: { electron: packageVersion(root, 'electron'), betterSqlite3: packageVersion(root, 'better-sqlite3'), platform, arch },
  };
}

/** True when the binary exists and its stamp names the current Electron and better-sqlite3. */
export function electronNativeIsCurrent(target) {
  if (!existsSync(target.binary) || !existsSync(target.stamp)) return false;
  try {
    const stamp = JSON.parse(readFileSync(target.stamp, 'utf8'));
    return Object.entries(target.wanted).every(([key, value]) => stamp[key] === value);
  } catch {
    return false;
  }
}

export function buildElectronNative({ root, platform, arch }) {
  const target = electronNativeTarget({ root, platform, arch });
  const electronVersion = target.wanted.electron;
  const bin = (name) => join(root, 'node_modules/.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  const work = mkdtempSync(join(tmpdir(), 'onebill-native-'));
  const copy = join(work, 'better-sqlite3');
  try {
    cpSync(join(root, 'node_modules/better-sqlite3'), copy, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
    const args = ['--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform];
    try {
      execFileSync(bin('prebuild-install'), args, { cwd: copy, stdio: 'inherit' });
    } catch (error) {
      if (platform !== process.platform) throw new Error(`no Electron prebuild for ${platform}-${arch}; build it on that platform`, { cause: error });
      console.warn('prebuild-install failed; building from source with node-gyp');
      execFileSync(
        bin('node-gyp'),
        ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
        { cwd: copy, stdio: 'inherit' },
      );
    }
    const built = join(copy, 'build/Release/better_sqlite3.node');
    if (!existsSync(built)) throw new Error(`no binary at ${built}`);
    mkdirSync(target.dir, { recursive: true });
    copyFileSync(built, target.binary);
    writeFileSync(target.stamp, `${JSON.stringify(target.wanted, null, 2)}\n`);
    console.log(`better-sqlite3 for Electron ${electronVersion} → ${target.binary}`);
    return target.binary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { platform: { type: 'string', default: process.platform }, arch: { type: 'string', default: process.arch } } });
  buildElectronNative({ root: fileURLToPath(new URL('..', import.meta.url)), platform: values.platform, arch: values.arch });
}

#!/usr/bin/env node
// better-sqlite3 for Electron, kept apart from the Node build in node_modules (tests and tools
// keep using that one). Writes dist/electron-native/<platform>-<arch>/better_sqlite3.node, which
// electron/main passes to better-sqlite3 as `nativeBinding` and electron-builder ships as
// <resources>/native/better_sqlite3.node.
//
//   npm run build:electron-native                                 # this machine's platform/arch
//   npm run build:electron-native -- --platform win32 --arch x64  # for the Windows installer
//
// Works on a copy of node_modules/better-sqlite3: first the published Electron prebuild
// (prebuild-install --runtime electron --target <electron version>), else, for the host platform
// only, a source build with node-gyp against Electron's headers. Both need network access.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { platform: { type: 'string', default: process.platform }, arch: { type: 'string', default: process.arch } } });
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const bin = (name) => join(root, 'node_modules/.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const work = mkdtempSync(join(tmpdir(), 'onebill-native-'));
const copy = join(work, 'better-sqlite3');
try {
  cpSync(join(root, 'node_modules/better-sqlite3'), copy, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
  const target = ['--runtime', 'electron', '--target', electronVersion, '--arch', values.arch, '--platform', values.platform];
  try {
    execFileSync(bin('prebuild-install'), target, { cwd: copy, stdio: 'inherit' });
  } catch (error) {
    if (values.platform !== process.platform) throw new Error(`no Electron prebuild for ${values.platform}-${values.arch}; build it on that platform`, { cause: error });
    console.warn('prebuild-install failed; building from source with node-gyp');
    execFileSync(bin('node-gyp'), ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${values.arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: copy, stdio: 'inherit' });
  }
  const built = join(copy, 'build/Release/better_sqlite3.node');
  if (!existsSync(built)) throw new Error(`no binary at ${built}`);
  const outDir = join(root, 'dist/electron-native', `${values.platform}-${values.arch}`);
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, join(outDir, 'better_sqlite3.node'));
  console.log(`better-sqlite3 for Electron ${electronVersion} → ${join(outDir, 'better_sqlite3.node')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

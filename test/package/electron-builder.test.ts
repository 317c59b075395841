/**
 * `electron-builder --dir` for Linux x64 on a scratch copy of the project, with a stand-in Electron
 * distribution (nothing downloaded): what goes into app.asar, what is unpacked, that the beforePack
 * hook supplied the Electron build of better-sqlite3 and that the afterPack hook flipped the fuses.
 * The scratch project's node_modules is a hard-linked copy of ours, not a symlink: electron-builder
 * asks `npm ls` for the production tree, and npm, finding its hidden lockfile older than the folders
 * the install scripts built in, walks the folders, and through a symlinked node_modules every package
 * resolves outside the project, so the tree comes back without serialport's own modules.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { fakeElectronDist } from '../support/fake-electron';

const repo = resolve(import.meta.dirname, '..', '..');
const versionOf = (name: string) => (JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

let project: string;
let unpacked: string;
let asarFiles: string[];

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'onebill-package-'));
  cpSync(join(repo, 'package.json'), join(project, 'package.json'));
  execFileSync('cp', ['-al', realpathSync(join(repo, 'node_modules')), join(project, 'node_modules')]);
  cpSync(join(repo, 'resources'), join(project, 'resources'), { recursive: true });
  const { buildElectron } = (await import(pathToFileURL(join(repo, 'scripts/build-electron.mjs')).href)) as { buildElectron: (o: { outDir: string }) => Promise<void> };
  await buildElectron({ outDir: join(project, 'dist/electron') });
  mkdirSync(join(project, 'dist/renderer'), { recursive: true });
  writeFileSync(join(project, 'dist/renderer/index.html'), '<!doctype html><title>一单通</title>');
  // What the beforePack hook accepts as current; the real build needs the network.
  const native = join(project, 'dist/electron-native/linux-x64');
  mkdirSync(native, { recursive: true });
  copyFileSync(join(repo, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(native, 'better_sqlite3.node'));
  writeFileSync(
    join(native, 'better_sqlite3.json'),
    JSON.stringify({ electron: versionOf('electron'), betterSqlite3: versionOf('better-sqlite3'), platform: 'linux', arch: 'x64' }),
  );

  // Our electron-builder.yml as it is, with the hooks and icon taken from this checkout.
  const config = parse(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  for (const key of ['beforePack', 'afterPack', 'icon'] as const) config[key] = join(repo, String(config[key]));
  config.electronDist = fakeElectronDist(join(project, 'stand-in-electron'));
  writeFileSync(join(project, 'electron-builder.yml'), stringify(config));

  await promisify(execFile)(join(repo, 'node_modules/.bin/electron-builder'), ['--config', 'electron-builder.yml', '--linux', 'dir', '--x64', '--publish', 'never'], {
    cwd: project,
    env: { ...process.env, CI: '1' },
    timeout: 150_000,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    // electron-builder says why on its output (e.g. the production modules it could not find).
    throw new Error(`${error.message}\n${String(error.stdout ?? '').slice(-3000)}\n${String(error.stderr ?? '').slice(-3000)}`);
  });
  unpacked = join(project, 'release/linux-unpacked');
  asarFiles = listPackage(join(unpacked, 'resources/app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
}, 240_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('electron-builder --dir (linux x64, stand-in Electron)', () => {
  it('packs the built app, its production modules and nothing of the sources or dev tools', () => {
    for (const file of ['/package.json', '/dist/electron/main/index.js', '/dist/electron/preload/index.cjs', '/dist/renderer/index.html'])
      expect(asarFiles).toContain(file);
    for (const module of ['better-sqlite3', 'electron-log', 'electron-updater', 'decimal.js', 'zod', 'serialport'])
      expect(asarFiles).toContain(`/node_modules/${module}/package.json`);
    // serialport's own modules (hoisted beside it), which it cannot open a port without.
    for (const module of ['@serialport/bindings-cpp', '@serialport/stream', '@serialport/parser-readline', 'debug'])
      expect(asarFiles).toContain(`/node_modules/${module}/package.json`);
    for (const absent of [
      /\.map$/,
      /^\/(shared|electron|renderer|tools|test|scripts|build)\//,
      /^\/node_modules\/(electron|electron-builder|vitest|typescript|playwright-core|esbuild|@electron\/fuses|react|react-dom|scheduler)\//,
      /^\/node_modules\/better-sqlite3\/(build|deps|src)\//,
    ]) {
      expect(asarFiles.filter((f) => absent.test(f))).toEqual([]);
    }
  });

  it('unpacks the native modules, and only those, beside the archive', () => {
    const root = join(unpacked, 'resources/app.asar.unpacked');
    const files = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${relative(root, join(entry.parentPath, entry.name)).replaceAll('\\', '/')}`);
    expect(files.some((f) => f.startsWith('/node_modules/@serialport/bindings-cpp/prebuilds/linux-x64/') && f.endsWith('.node'))).toBe(true);
    expect(files.filter((f) => !f.startsWith('/node_modules/@serialport/bindings-cpp/') && !f.endsWith('.node'))).toEqual([]);
    // Every unpacked file is still listed in the archive's index, where Electron looks it up.
    expect(files.filter((f) => !asarFiles.includes(f))).toEqual([]);
  });

  it('ships the Electron build of better-sqlite3 from the beforePack hook in resources/native', () => {
    const shipped = readFileSync(join(unpacked, 'resources/native/better_sqlite3.node'));
    expect(shipped.equals(readFileSync(join(project, 'dist/electron-native/linux-x64/better_sqlite3.node')))).toBe(true);
    expect(existsSync(join(unpacked, 'resources/native/better_sqlite3.json'))).toBe(false);
    expect(existsSync(join(unpacked, 'resources/resources/policies'))).toBe(true);
  });

  it('flipped the fuses in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'onebill'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(48);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(48);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(48);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(49);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(49);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(49);
  });

  it('writes the update channel as a generic provider (the real URL comes from the site file)', () => {
    expect(parse(readFileSync(join(unpacked, 'resources/app-update.yml'), 'utf8'))).toMatchObject({ provider: 'generic' });
  });
});

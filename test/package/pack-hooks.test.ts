import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { flipFuses, FuseV1Options, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeElectronBinary } from '../support/fake-electron';

const scripts = join(import.meta.dirname, '..', '..', 'scripts');
const load = <T>(file: string): Promise<T> => import(pathToFileURL(join(scripts, file)).href) as Promise<T>;

type NativeOpts = { root: string; platform: string; arch: string };
type BeforePack = {
  default: (context: { packager: { projectDir: string }; electronPlatformName: string; arch: number }) => Promise<void>;
  ensureElectronNative: (opts: NativeOpts, build?: (opts: NativeOpts) => void) => string;
};
type AfterPack = { default: (context: { packager: { addElectronFuses: (ctx: unknown, fuses: FuseConfig) => Promise<unknown> } }) => Promise<void> };

const ON = 49;
const OFF = 48;

describe('fuses (afterPack hook)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onebill-fuses-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('flips every V1 fuse in the packaged executable through electron-builder’s addElectronFuses', async () => {
    const binary = fakeElectronBinary(join(dir, 'onebill'));
    const { default: afterPack } = await load<AfterPack>('pack/after-pack.mjs');
    const seen: FuseConfig[] = [];
    await afterPack({
      packager: {
        // What electron-builder's PlatformPackager.addElectronFuses does, on our stand-in binary.
        addElectronFuses: (_ctx, fuses) => {
          seen.push(fuses);
          return flipFuses(binary, fuses);
        },
      },
    });
    expect(seen).toHaveLength(1);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(OFF);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
    // A fuse newer than @electron/fuses knows keeps Electron's default.
    expect((wire as Record<number, number>)[8]).toBe(ON);
  });

  it('sets all eight V1 fuses explicitly', async () => {
    const { FUSES } = await load<{ FUSES: Record<string, unknown> }>('pack/fuses.mjs');
    const set = Object.keys(FUSES).filter((key) => key !== 'version');
    expect(set.map(Number).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('better-sqlite3 for Electron (beforePack hook)', () => {
  let root: string;
  const versionOf = (name: string) => (JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const nativeDir = (platform: string, arch: string) => join(root, 'dist/electron-native', `${platform}-${arch}`);
  function stamped(platform: string, arch: string, electron = versionOf('electron')) {
    mkdirSync(nativeDir(platform, arch), { recursive: true });
    copyFileSync('node_modules/better-sqlite3/build/Release/better_sqlite3.node', join(nativeDir(platform, arch), 'better_sqlite3.node'));
    writeFileSync(join(nativeDir(platform, arch), 'better_sqlite3.json'), JSON.stringify({ electron, betterSqlite3: versionOf('better-sqlite3'), platform, arch }));
  }
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'onebill-native-'));
    // The hook reads the Electron and better-sqlite3 versions from the project's node_modules.
    mkdirSync(join(root, 'node_modules'));
    for (const name of ['electron', 'better-sqlite3']) {
      mkdirSync(join(root, 'node_modules', name));
      copyFileSync(join('node_modules', name, 'package.json'), join(root, 'node_modules', name, 'package.json'));
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reuses a build stamped for this Electron and better-sqlite3', async () => {
    const { ensureElectronNative } = await load<BeforePack>('pack/before-pack.mjs');
    stamped('linux', 'x64');
    const builds: NativeOpts[] = [];
    expect(ensureElectronNative({ root, platform: 'linux', arch: 'x64' }, (o) => builds.push(o))).toBe(join(nativeDir('linux', 'x64'), 'better_sqlite3.node'));
    expect(builds).toEqual([]);
  });

  it('rebuilds a build stamped for another Electron', async () => {
    const { ensureElectronNative } = await load<BeforePack>('pack/before-pack.mjs');
    stamped('linux', 'x64', '41.7.1');
    const builds: NativeOpts[] = [];
    ensureElectronNative({ root, platform: 'linux', arch: 'x64' }, (o) => {
      builds.push(o);
      stamped(o.platform, o.arch);
    });
    expect(builds).toEqual([{ root, platform: 'linux', arch: 'x64' }]);
  });

  it('fails the package when the build leaves no current binary', async () => {
    const { ensureElectronNative } = await load<BeforePack>('pack/before-pack.mjs');
    expect(() => ensureElectronNative({ root, platform: 'win32', arch: 'ia32' }, () => {})).toThrow(/better-sqlite3 for Electron .* \(win32-ia32\) is missing/);
  });

  it('passes electron-builder’s platform and arch (Arch enum) to the build', async () => {
    const { default: beforePack } = await load<BeforePack>('pack/before-pack.mjs');
    stamped('linux', 'arm64');
    await expect(beforePack({ packager: { projectDir: root }, electronPlatformName: 'linux', arch: 3 })).resolves.toBeUndefined();
    stamped('win32', 'ia32');
    await expect(beforePack({ packager: { projectDir: root }, electronPlatformName: 'win32', arch: 0 })).resolves.toBeUndefined();
  });
});

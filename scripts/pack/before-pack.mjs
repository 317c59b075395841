// electron-builder beforePack hook: makes sure better-sqlite3 is built for this Electron's ABI and
// the target platform/arch before anything is packed, so no package ships without (or with a
// stale) native module. A current build (its stamp names this Electron and better-sqlite3) is
// reused; otherwise it is built, and the packaging fails if that is impossible.
import { buildElectronNative, electronNativeIsCurrent, electronNativeTarget } from '../build-electron-native.mjs';

// electron-builder's Arch enum (builder-util), by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export function ensureElectronNative({ root, platform, arch }, build = buildElectronNative) {
  const target = electronNativeTarget({ root, platform, arch });
  if (electronNativeIsCurrent(target)) return target.binary;
  build({ root, platform, arch });
  if (!electronNativeIsCurrent(target))
    throw new Error(`better-sqlite3 for Electron ${target.wanted.electron} (${platform}-${arch}) is missing after the build: ${target.binary}`);
  return target.binary;
}

export default async function beforePack(context) {
  ensureElectronNative({ root: context.packager.projectDir, platform: context.electronPlatformName, arch: ARCH_NAMES[context.arch] ?? String(context.arch) });
}

// The Electron fuses every package ships with (flipped in the executable by after-pack.mjs).
// All eight V1 fuses are set explicitly so that none is left at Electron's default by omission.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed executable into a general-purpose Node.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Checked on Windows (electron-builder embeds the hash in the .exe) and macOS; Linux has no check.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served over app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

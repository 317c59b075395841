// Tolerant postinstall: fetch the Electron binary where the network allows it.
// npm's allowScripts keeps electron's own install script from failing `npm install`
// on machines without access to the Electron download host; here we try once and
// carry on without it. `npm start` then falls back to browser mode.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
if (process.env.ONEBILL_SKIP_ELECTRON === '1' || process.env.CI) {
  console.log('[onebill] skipping the Electron binary download (CI or ONEBILL_SKIP_ELECTRON=1).');
  process.exit(0);
}
let installScript;
try {
  installScript = join(dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  process.exit(0);
}
if (!existsSync(installScript)) process.exit(0);
const result = spawnSync(process.execPath, [installScript], {
  stdio: 'inherit',
  timeout: 120_000,
  env: { ...process.env },
});
if (result.status !== 0) {
  console.warn('[onebill] Electron 二进制文件未能下载（网络受限）。`npm start` 将以浏览器模式运行。');
  console.warn('[onebill] The Electron binary could not be downloaded; `npm start` will use browser mode.');
}
process.exit(0);

#!/usr/bin/env node
// `npm start`: builds what is missing or stale, then runs the Electron app, or, where the
// Electron binary is not installed (or its better-sqlite3 build cannot be made), browser mode on
// a loopback port, printing the URL and opening nothing. Extra arguments go to browser mode
// (e.g. `npm start -- --port 8610`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const rendererIndex = join(root, 'dist/renderer/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function rendererStale() {
  if (!existsSync(rendererIndex)) return true;
  const built = statSync(rendererIndex).mtimeMs;
  return ['renderer', 'shared'].some((dir) => existsSync(join(root, dir)) && newestMtime(join(root, dir)) > built);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (rendererStale()) {
  console.log('[onebill] 构建界面 / building the renderer (vite)…');
  if (!run('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'])) {
    console.error('[onebill] 界面构建失败 / renderer build failed');
    process.exit(1);
  }
}

const electron = electronBinary();
let reason = null;
if (!electron) {
  reason = ['未安装 Electron 可执行文件（可能因网络受限未能下载）。', 'The Electron binary is not installed (its download may have been blocked).'];
} else {
  await buildElectron();
  const native = join(root, 'dist/electron-native', `${process.platform}-${process.arch}`, 'better_sqlite3.node');
  if (!existsSync(native) && !run(process.execPath, [join(root, 'scripts/build-electron-native.mjs')])) {
    reason = ['无法为 Electron 构建 better-sqlite3（见上方错误）。', 'better-sqlite3 could not be built for Electron (see the errors above).'];
  }
}

if (!reason) {
  // Extra arguments (e.g. `--config site.yaml`) reach the app too.
  forward(spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }));
} else {
  console.log(`[onebill] ${reason[0]}改用浏览器模式：后台在本机回环地址运行，请用浏览器打开下面打印的地址。`);
  console.log(`[onebill] ${reason[1]} Starting browser mode instead: open the URL printed below in a browser.`);
  const args = ['--import', 'tsx', join(root, 'electron/web/cli.ts'), ...process.argv.slice(2)];
  forward(spawn(process.execPath, args, { cwd: root, stdio: 'inherit' }));
}

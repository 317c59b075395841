/**
 * Browser mode from the command line:
 *   npx tsx electron/web/cli.ts [--port 8610] [--data-dir DIR] [--renderer-dir dist/renderer] [--config site.yaml]
 * (`--config` or ONEBILL_CONFIG: the site configuration file.)
 * Prints the URL (with the per-launch token in its fragment) and opens nothing.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBackend } from '../backend';
import { defaultUserDataDir } from './data-dir';
import { startWebServer } from './server';
import { loadSiteConfig, siteConfigPath, type LoadedSite } from '../site';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'renderer-dir': { type: 'string', default: 'dist/renderer' },
    config: { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效 / invalid port: ${values.port}`);
  process.exit(2);
}

const userDataDir = resolve(values['data-dir'] ?? defaultUserDataDir());
let site: LoadedSite | undefined;
const configPath = values.config ?? siteConfigPath([], process.env);
if (configPath) {
  try {
    site = loadSiteConfig(configPath);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}
// Served at once: while the ledger is upgraded and verified the page shows the start-up progress (startup.status).
const backend = startBackend({ userDataDir, shell: 'browser', site });
const server = await startWebServer({ backend, port, rendererDir: resolve(values['renderer-dir']) });

console.log('OneBill 一单通 — 浏览器模式 / browser mode');
console.log(`数据目录 / data: ${userDataDir}`);
console.log(`请在浏览器中打开 / open in a browser:\n  ${server.url}`);
try {
  await backend.ready;
} catch (error) {
  // Never a stack trace; a password in a ledger URL is never part of the message.
  console.error(`启动失败：${(error as Error).message}`);
  await server.stop();
  process.exit(1);
}
console.log(`台账 / ledger: ${backend.runtime.ledger.description}${site ? `（站点配置 ${site.source}，终端 ${site.terminalId}）` : ''}`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  await backend.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

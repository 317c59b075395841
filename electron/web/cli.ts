/**
 * Browser mode from the command line:
 *   npx tsx electron/web/cli.ts [--port 8610] [--data-dir DIR] [--renderer-dir dist/renderer]
 * Prints the URL (with the per-launch token in its fragment) and opens nothing.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend';
import { defaultUserDataDir } from './data-dir';
import { startWebServer } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'renderer-dir': { type: 'string', default: 'dist/renderer' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效 / invalid port: ${values.port}`);
  process.exit(2);
}

const userDataDir = resolve(values['data-dir'] ?? defaultUserDataDir());
const backend = await createBackend({ userDataDir, shell: 'browser' });
const server = await startWebServer({ backend, port, rendererDir: resolve(values['renderer-dir']) });

console.log('OneBill 一单通 — 浏览器模式 / browser mode');
console.log(`数据目录 / data: ${userDataDir}`);
console.log(`请在浏览器中打开 / open in a browser:\n  ${server.url}`);

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

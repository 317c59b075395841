/**
 * The built-in bureau simulator, loaded only in `bureau.mode: demo`: it is not linked into the
 * main bundle (scripts/build-electron.mjs builds it as its own file, dist/electron/bureau-sim/),
 * so a live site never runs or ships its code path. From source, the TypeScript module is loaded.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type SimulatorModule = typeof import('../../tools/bureau-sim/server');

export async function loadBureauSimulator(): Promise<SimulatorModule> {
  const bundled = fileURLToPath(new URL('../bureau-sim/index.js', import.meta.url));
  const source = fileURLToPath(new URL('../../tools/bureau-sim/server.ts', import.meta.url));
  const specifier = existsSync(bundled) ? bundled : source;
  return (await import(/* @vite-ignore */ specifier)) as SimulatorModule;
}

/**
 * The built-in bureau simulator, loaded only in `bureau.mode: demo`: it is not linked into the
 * main bundle (scripts/build-electron.mjs builds it as its own file, dist/electron/bureau-sim/),
 * so a live site never runs or ships its code path. From source, the TypeScript module is loaded.
 * electron/ never imports tools/ (eslint.boundaries.js): the simulator's shape the backend relies
 * on is declared here, and test/backend/demo-bureau.test.ts checks tools/bureau-sim against it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PolicyLibrary } from '../../shared/policy';

/** A running simulator: its dispatcher URL, and how to stop it. */
export interface DemoBureau {
  url: string;
  stop(): Promise<void>;
}

export interface DemoBureauModule {
  startBureauSimulator(options: { port?: number; dbPath: string; library?: PolicyLibrary; areaCode?: string }): Promise<DemoBureau>;
}

export async function loadBureauSimulator(): Promise<DemoBureauModule> {
  const bundled = fileURLToPath(new URL('../bureau-sim/index.js', import.meta.url));
  const source = fileURLToPath(new URL('../../tools/bureau-sim/server.ts', import.meta.url));
  const specifier = existsSync(bundled) ? bundled : source;
  return (await import(/* @vite-ignore */ specifier)) as DemoBureauModule;
}

/**
 * The built-in bureau simulator, loaded only in `bureau.mode: demo` (no site file, or its bureau
 * section says demo). electron/ never imports tools/: this adapter names the simulator only as a
 * file to load at run time — the bundle scripts/build-electron.mjs writes beside the main bundle
 * (dist/electron/bureau-sim/index.js), or from source tools/bureau-sim/server.ts — and checks that
 * what it loaded starts a simulator. A live site never loads it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PolicyLibrary } from '../../shared/policy';

export interface DemoBureauOptions {
  port: 0;
  dbPath: string;
  library: PolicyLibrary;
  areaCode: string;
}

/** What demo mode uses of the simulator: its dispatcher URL, and stopping it. */
export interface DemoBureau {
  url: string;
  stop(): Promise<void>;
}

type StartDemoBureau = (options: DemoBureauOptions) => Promise<DemoBureau>;

export async function startDemoBureau(options: DemoBureauOptions): Promise<DemoBureau> {
  const bundled = fileURLToPath(new URL('../bureau-sim/index.js', import.meta.url));
  const source = fileURLToPath(new URL('../../tools/bureau-sim/server.ts', import.meta.url));
  const specifier = existsSync(bundled) ? bundled : source;
  const loaded = (await import(/* @vite-ignore */ specifier)) as { startBureauSimulator?: unknown };
  if (typeof loaded.startBureauSimulator !== 'function') throw new Error(`演示医保中心模拟器无法加载：${specifier}`);
  return (loaded.startBureauSimulator as StartDemoBureau)(options);
}

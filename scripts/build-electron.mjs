#!/usr/bin/env node
// Bundles the Electron main process (ESM) and the sandboxed preload (CJS: sandboxed preloads
// cannot load ES modules or node_modules) with esbuild:
//   dist/electron/main/index.js      — npm packages stay external (shipped in node_modules)
//   dist/electron/preload/index.cjs  — self-contained, only `electron` external
//   dist/electron/bureau-sim/index.js — the demo bureau simulator, loaded only in bureau.mode demo
//   dist/electron/report-worker/index.js — the long reports' worker thread (electron/reports/run-in-worker.ts)
//   dist/electron/import-worker/index.js — the roster and catalogue imports' worker thread (electron/backend/import-jobs.ts)
//   dist/electron/ledger-worker/index.js — the start-up upgrade and verification of the ledger (electron/ledger/at-start.ts)
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { absWorkingDir: root, bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

/** `outDir` defaults to dist/electron; the packaging test builds into a scratch project. */
export async function buildElectron({ outDir = 'dist/electron' } = {}) {
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/index.ts'],
      outfile: `${outDir}/main/index.js`,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      external: ['electron'],
    }),
    ...[
      ['electron/reports/worker-entry.ts', 'report-worker'],
      ['electron/backend/import-worker.ts', 'import-worker'],
      ['electron/ledger/worker-entry.ts', 'ledger-worker'],
    ].map(([entry, bundle]) =>
      build({ ...common, entryPoints: [entry], outfile: `${outDir}/${bundle}/index.js`, platform: 'node', format: 'esm', target: 'node22', packages: 'external' }),
    ),
    build({
      ...common,
      entryPoints: ['tools/bureau-sim/server.ts'],
      outfile: `${outDir}/bureau-sim/index.js`,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/index.ts'],
      outfile: `${outDir}/preload/index.cjs`,
      platform: 'browser',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
    }),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildElectron();
  console.log('built dist/electron/main/index.js and dist/electron/preload/index.cjs');
}

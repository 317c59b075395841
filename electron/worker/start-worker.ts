import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Where a worker's code is: its bundle's folder name under dist/electron (packaged), and its entry file (from source). */
export interface WorkerEntry {
  /** The bundle scripts/build-electron.mjs writes beside the main bundle: dist/electron/<bundle>/index.js. */
  bundle: string;
  /**
   * The entry's TypeScript source, run through tsx when there is no bundle (dev, tests). A function,
   * so that a CommonJS bundle of a module naming a worker (where import.meta.url is empty) still loads.
   */
  source: () => URL;
}

/**
 * Starts a worker thread on the bundle when there is one, or from source on a one-line bootstrap
 * that loads the entry through tsx's API (a worker does not inherit tsx's hooks).
 */
export function startWorker(entry: WorkerEntry, workerData: unknown): Worker {
  const bundled = fileURLToPath(new URL(`../${entry.bundle}/index.js`, import.meta.url));
  if (existsSync(bundled)) return new Worker(bundled, { workerData });
  const source = entry.source().href;
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`;
  return new Worker(bootstrap, { eval: true, workerData });
}

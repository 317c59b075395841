/**
 * Runs a report job on a worker thread so a report over a year of settlements never holds up the
 * thread that serves the window (a settlement commits meanwhile). The worker is the bundle
 * scripts/build-electron.mjs writes beside the main bundle (dist/electron/report-worker/index.js),
 * or, from source, worker-entry.ts through tsx.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReportReaderSource } from '../ledger';
import type { ReportDocument } from './document';
import type { ReportJob } from './job';
import type { ReportWorkerInput, ReportWorkerMessage } from './worker-entry';

export class ReportJobError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReportJobError';
  }
}

/** The bundle, or from source a one-line bootstrap that loads worker-entry.ts through tsx's API (a worker does not inherit tsx's hooks). */
function startWorker(input: ReportWorkerInput): Worker {
  const bundled = fileURLToPath(new URL('../report-worker/index.js', import.meta.url));
  if (existsSync(bundled)) return new Worker(bundled, { workerData: input });
  const entry = new URL('./worker-entry.ts', import.meta.url).href;
  const tsxApi = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

export function runReportInWorker(source: ReportReaderSource, job: ReportJob, onProgress?: (stage: string) => void): Promise<ReportDocument> {
  const worker = startWorker({ source, job });
  return new Promise<ReportDocument>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: ReportWorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.stage);
      else if (m.type === 'done') finish(() => resolve(m.document));
      else finish(() => reject(new ReportJobError(m.code, m.message)));
    });
    worker.on('error', () => finish(() => reject(new ReportJobError('report-failed', '报表生成失败（后台线程出错），请稍后重试'))));
    worker.on('exit', () => finish(() => reject(new ReportJobError('report-failed', '报表生成失败（后台线程意外退出），请稍后重试'))));
  });
}

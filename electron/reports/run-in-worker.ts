/**
 * Runs a report job on a worker thread (electron/worker) so a report over a year of settlements
 * never holds up the thread that serves the window (a settlement commits meanwhile). The worker is
 * the bundle scripts/build-electron.mjs writes beside the main bundle (dist/electron/report-worker),
 * or, from source, worker-entry.ts through tsx.
 */
import { runWorkerJob, WorkerJobError } from '../worker';
import type { ReportReaderSource } from '../ledger';
import type { ReportDocument } from './document';
import type { ReportJob } from './job';
import type { ReportStage, ReportWorkerInput } from './worker-entry';

export { WorkerJobError as ReportJobError };

const REPORT_WORKER = { bundle: 'report-worker', source: () => new URL('./worker-entry.ts', import.meta.url) };

export function runReportInWorker(source: ReportReaderSource, job: ReportJob, onProgress?: (stage: ReportStage) => void): Promise<ReportDocument> {
  const input: ReportWorkerInput = { source, job };
  return runWorkerJob<ReportDocument, ReportStage>(REPORT_WORKER, input, {
    onProgress,
    crashed: { code: 'report-failed', message: '报表生成失败（后台线程出错），请稍后重试' },
  });
}

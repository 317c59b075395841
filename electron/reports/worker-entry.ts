/**
 * The report worker: one job per worker, over its own read-only connection to the ledger file.
 * Messages to the parent: `{ type: 'progress', stage }`, then `{ type: 'done', document }` or
 * `{ type: 'failed', code, message }` (a Chinese message for the window).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReportReader, type ReportReaderSource } from '../ledger';
import { runReportJob, type ReportJob } from './job';

export interface ReportWorkerInput {
  source: ReportReaderSource;
  job: ReportJob;
}

export type ReportWorkerMessage =
  | { type: 'progress'; stage: 'reading' | 'building' }
  | { type: 'done'; document: Awaited<ReturnType<typeof runReportJob>> }
  | { type: 'failed'; code: string; message: string };

async function main(input: ReportWorkerInput): Promise<ReportWorkerMessage> {
  const post = (m: ReportWorkerMessage) => parentPort?.postMessage(m);
  post({ type: 'progress', stage: 'reading' });
  const reader = openReportReader(input.source);
  try {
    const document = await runReportJob(reader, input.job);
    post({ type: 'progress', stage: 'building' });
    return { type: 'done', document };
  } catch (error) {
    // The builders' own refusals (a bad quarter...) carry a Chinese message; keep it.
    const message = error instanceof Error && /[\u4e00-\u9fff]/.test(error.message) ? error.message : '报表生成失败，请稍后重试';
    return { type: 'failed', code: 'report-failed', message };
  } finally {
    await reader.close();
  }
}

if (parentPort) {
  void main(workerData as ReportWorkerInput).then((m) => parentPort!.postMessage(m));
}

/**
 * The report worker: one job per worker, over its own read-only connection to the ledger file.
 * Progress is the stage (`reading` the ledger's rows, then `building` the document), then the document
 * or `failed` with `report-failed` and a Chinese message for the window.
 */
import { serveWorkerJob, WorkerJobError } from '../worker';
import { openReportReader, type ReportReaderSource } from '../ledger';
import { runReportJob, type ReportJob } from './job';
import type { ReportDocument } from './document';

export interface ReportWorkerInput {
  source: ReportReaderSource;
  job: ReportJob;
}

export type ReportStage = 'reading' | 'building';

async function run(input: ReportWorkerInput, progress: (stage: ReportStage) => void): Promise<ReportDocument> {
  progress('reading');
  const reader = openReportReader(input.source);
  // Once the ledger's rows are read, what is left is putting the document together.
  const tracked = {
    ...reader,
    reportRows: async (query: Parameters<typeof reader.reportRows>[0]) => {
      const rows = await reader.reportRows(query);
      progress('building');
      return rows;
    },
  };
  try {
    return await runReportJob(tracked, input.job);
  } catch (error) {
    // The builders' own refusals (a bad quarter...) carry a Chinese message; keep it.
    const message = error instanceof Error && /[\u4e00-\u9fff]/.test(error.message) ? error.message : '报表生成失败，请稍后重试';
    throw new WorkerJobError('report-failed', message);
  } finally {
    await reader.close();
  }
}

serveWorkerJob(run, () => ({ code: 'report-failed', message: '报表生成失败，请稍后重试' }));

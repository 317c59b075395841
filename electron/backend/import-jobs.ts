/**
 * Roster and catalogue imports run on a worker thread (import-worker.ts, bundled as
 * dist/electron/import-worker): parsing a million-row file and writing it never holds the thread
 * that serves the window, and the rows go to the ledger over the worker's own connection in short
 * transactions, so a settlement commits meanwhile (electron/roster/README.md).
 */
import type { CatalogueImportOutcome } from '../catalogue';
import type { RosterImportOutcome } from '../roster';
import { runWorkerJob, WorkerJobError } from '../worker';
import type { ImportJob, ImportProgress } from './import-job';

const IMPORT_WORKER = { bundle: 'import-worker', source: () => new URL('./import-worker.ts', import.meta.url) };

type OutcomeOf<J extends ImportJob> = J extends { kind: 'roster' } ? RosterImportOutcome : CatalogueImportOutcome;

/** The import's outcome; a broken worker answers as a failed import that kept nothing. */
export async function runImportInWorker<J extends ImportJob>(job: J, onProgress: (p: ImportProgress) => void): Promise<OutcomeOf<J>> {
  const what = job.kind === 'roster' ? '名单' : '目录';
  try {
    return await runWorkerJob<OutcomeOf<J>, ImportProgress>(IMPORT_WORKER, job, {
      onProgress,
      crashed: { code: `${job.kind}-import-failed`, message: `${what}导入失败（后台线程意外退出），未导入任何数据` },
    });
  } catch (error) {
    if (!(error instanceof WorkerJobError)) throw error;
    return { ok: false, error: { code: error.code === 'import-failed' ? `${job.kind}-import-failed` : error.code, message: error.message } } as OutcomeOf<J>;
  }
}

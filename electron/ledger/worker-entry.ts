/**
 * The ledger's start-up worker: the schema upgrade (migrations) or the start-up verification, on a
 * connection of its own, so the thread that serves the window answers (start-up progress) meanwhile.
 * Progress: `{ done, total }` migrations, or `{ walked, total }` rows verified.
 */
import { serveWorkerJob } from '../worker';
import { createAuditLog } from './audit';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { LedgerError } from './result';
import { chainAt, openEngineAt, type LedgerSource } from './source';
import { createVerifier, type LedgerVerdict } from './verify';

export type LedgerWorkerJob = { kind: 'upgrade'; source: LedgerSource } | { kind: 'verify'; source: LedgerSource };
export type LedgerWorkerProgress = { done: number; total: number } | { walked: number; total: number };

async function run(job: LedgerWorkerJob, progress: (p: LedgerWorkerProgress) => void): Promise<LedgerVerdict | number[]> {
  const engine = openEngineAt(job.source);
  const now = () => new Date();
  try {
    if (job.kind === 'upgrade') return await migrate(engine, MIGRATIONS, now, progress);
    const chain = await chainAt(engine, job.source, now);
    return await createVerifier(engine, createAuditLog(engine, chain))(progress);
  } finally {
    await engine.close();
  }
}

serveWorkerJob(run, (error) =>
  error instanceof LedgerError
    ? { code: error.code, message: error.message }
    : { code: 'ledger-startup-failed', message: '台账启动检查失败（后台线程出错），请联系信息科' },
);

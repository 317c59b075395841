/**
 * What a terminal does to its ledger before serving a cashier, off the thread that serves the
 * window (electron/worker, bundled as dist/electron/ledger-worker): the schema upgrade of an
 * existing ledger, and the start-up verification of the audit chain and covered rows. Each runs on
 * the worker's own connection; the caller hears the progress.
 */
import { runWorkerJob } from '../worker';
import { MIGRATIONS } from './migrations';
import { openEngineAt, type LedgerSource } from './source';
import { upgradePending } from './migrate';
import type { LedgerVerdict } from './verify';
import type { LedgerWorkerJob, LedgerWorkerProgress } from './worker-entry';

const LEDGER_WORKER = { bundle: 'ledger-worker', source: () => new URL('./worker-entry.ts', import.meta.url) };
const CRASHED = { code: 'ledger-startup-failed', message: '台账启动检查失败（后台线程意外退出），请联系信息科' };

/** Where a start-up is: upgrading (migrations done of total) or verifying (rows walked of total). */
export type StartupStep = { phase: 'upgrading'; done: number; total: number } | { phase: 'verifying'; done: number; total: number };

/**
 * Applies this build's migrations to an existing ledger on the worker (a fresh ledger, or one
 * already up to date, is left to openLedger: nothing there takes time). Answers whether it ran.
 */
export async function upgradeInWorker(source: LedgerSource, onStep: (step: StartupStep) => void): Promise<boolean> {
  const probe = openEngineAt(source);
  let pending: boolean;
  try {
    pending = await upgradePending(probe, MIGRATIONS);
  } finally {
    await probe.close();
  }
  if (!pending) return false;
  const job: LedgerWorkerJob = { kind: 'upgrade', source };
  await runWorkerJob<number[], LedgerWorkerProgress>(LEDGER_WORKER, job, {
    crashed: CRASHED,
    onProgress: (p) => 'done' in p && onStep({ phase: 'upgrading', done: p.done, total: p.total }),
  });
  return true;
}

/** 核验台账 at start, on the worker: the same verdict `ledger.verifyLedger()` gives. */
export function verifyInWorker(source: LedgerSource, onStep: (step: StartupStep) => void): Promise<LedgerVerdict> {
  const job: LedgerWorkerJob = { kind: 'verify', source };
  return runWorkerJob<LedgerVerdict, LedgerWorkerProgress>(LEDGER_WORKER, job, {
    crashed: CRASHED,
    onProgress: (p) => 'walked' in p && onStep({ phase: 'verifying', done: p.walked, total: p.total }),
  });
}

/**
 * The nightly upload: drains the ledger's outbox through 4101 in batches of at most 500.
 *
 * Each batch is first marked 'sent' (one ledger transaction), then posted; every record's answer
 * is written back in one transaction: stored → 'acked' (with the bureau's setl_id), refused →
 * 'rejected' (keeping the bureau's message; a person must look at it), unknown → 'pending'.
 * A batch-level failure is retried with back-off, then left 'pending' for the next run.
 * If the process dies anywhere in between, the rows still 'sent' are simply sent again: the
 * bureau is idempotent on medins_setl_id, so nothing is lost and nothing is stored twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { UploadReport } from '../bureau/client';
import { MAX_UPLOAD_BATCH } from '../bureau/protocol';
import type { SetlinfoRecord } from '../bureau/schemas';
import type { Ledger, OutboxUpdate } from '../ledger';
import { backoffDelays, type BackoffOptions } from './backoff';
import { toSetlinfo } from './upload-record';

/** What the uploader needs of the bureau client (BureauClient satisfies it). */
export interface UploadBureau {
  uploadSettlements(records: readonly SetlinfoRecord[]): Promise<UploadReport>;
}

export interface UploadLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
}

export interface UploadProgress {
  /** Records answered so far in this run (acked + rejected + left pending), out of `total`. */
  sent: number;
  total: number;
  acked: number;
  rejected: number;
  pending: number;
  batch: number;
  batches: number;
}

export interface UploadRunResult extends UploadProgress {
  /** False when a batch failed after every retry: the rest waits for the next run. */
  complete: boolean;
  errors: string[];
  startedAt: Date;
  finishedAt: Date;
}

export interface UploaderOptions {
  ledger: Pick<Ledger, 'markOutbox' | 'outboxDueIds' | 'uploadSources' | 'outboxRejected'>;
  bureau: UploadBureau;
  batchSize?: number;
  onProgress?: (progress: UploadProgress) => void;
  logger?: UploadLogger;
  backoff?: BackoffOptions;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<unknown>;
  now?: () => Date;
}

const silent: UploadLogger = { info: () => undefined, warn: () => undefined };

export function createUploader(options: UploaderOptions) {
  const batchSize = Math.min(MAX_UPLOAD_BATCH, Math.max(1, options.batchSize ?? MAX_UPLOAD_BATCH));
  const logger = options.logger ?? silent;
  const wait = options.sleep ?? ((ms: number) => sleep(ms));
  const now = options.now ?? (() => new Date());
  const { maxAttempts, delayMs } = backoffDelays(options.backoff);
  let running: Promise<UploadRunResult> | null = null;
  let last: UploadProgress | null = null;

  async function mark(updates: OutboxUpdate[]): Promise<void> {
    const marked = await options.ledger.markOutbox(updates);
    if (!marked.ok) throw new Error(`${marked.error.code}: ${marked.error.message}`);
  }

  async function postWithRetry(records: SetlinfoRecord[], errors: string[]): Promise<UploadReport | null> {
    for (let attempt = 1; ; attempt++) {
      const report = await options.bureau.uploadSettlements(records);
      if (report.errors.length === 0) return report;
      const message = report.errors.map((e) => e.message).join('；');
      if (attempt >= maxAttempts) {
        errors.push(message);
        logger.warn('upload batch failed, left pending for the next run', { attempts: attempt, message });
        return null;
      }
      const ms = delayMs(attempt);
      logger.warn('upload batch failed, backing off', { attempt, retryInMs: ms, message });
      await wait(ms);
    }
  }

  async function run(): Promise<UploadRunResult> {
    const startedAt = now();
    const ids = await options.ledger.outboxDueIds();
    const batches = Math.ceil(ids.length / batchSize);
    const progress: UploadProgress = { sent: 0, total: ids.length, acked: 0, rejected: 0, pending: 0, batch: 0, batches };
    const errors: string[] = [];
    const report = (p: UploadProgress) => {
      last = { ...p };
      options.onProgress?.({ ...p });
    };
    logger.info('upload started', { total: ids.length, batches });
    report(progress);

    for (let start = 0; start < ids.length; start += batchSize) {
      const chunk = ids.slice(start, start + batchSize);
      const records = (await options.ledger.uploadSources(chunk)).map(toSetlinfo);
      await mark(chunk.map((settlementId) => ({ settlementId, status: 'sent' })));
      const answer = await postWithRetry(records, errors);
      progress.batch++;
      if (!answer) {
        await mark(chunk.map((settlementId) => ({ settlementId, status: 'pending', error: errors.at(-1) })));
        progress.pending += ids.length - start;
        report(progress);
        break;
      }
      const updates: OutboxUpdate[] = answer.outcomes.map((o) => {
        if (o.status === 'stored') return { settlementId: o.medinsSetlId, status: 'acked', bureauSetlId: o.setlId };
        if (o.status === 'rejected') return { settlementId: o.medinsSetlId, status: 'rejected', error: o.message };
        return { settlementId: o.medinsSetlId, status: 'pending', error: o.message };
      });
      await mark(updates);
      for (const u of updates) {
        if (u.status === 'acked') progress.acked++;
        else if (u.status === 'rejected') progress.rejected++;
        else progress.pending++;
      }
      progress.sent += chunk.length;
      for (const u of updates.filter((x) => x.status === 'rejected')) logger.warn('settlement rejected by the bureau', { id: u.settlementId, message: u.error });
      logger.info('upload batch done', { batch: progress.batch, batches, sent: progress.sent, total: progress.total });
      report(progress);
    }
    const result: UploadRunResult = { ...progress, complete: errors.length === 0, errors, startedAt, finishedAt: now() };
    logger.info('upload finished', { ...progress, complete: result.complete });
    return result;
  }

  return {
    /** One pass over everything due; a second call while one runs joins it. */
    runOnce(): Promise<UploadRunResult> {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    isRunning: () => running !== null,
    /** The latest progress of the current or last run (for the UI). */
    lastProgress: () => (last ? { ...last } : null),
    /** Records the bureau refused, with its message, waiting for a person. */
    rejected: () => options.ledger.outboxRejected(),
    /** A person has dealt with the cause: put refused records back in the queue. */
    requeue(ids: string[]) {
      return options.ledger.markOutbox(ids.map((settlementId) => ({ settlementId, status: 'pending' as const })));
    },
  };
}

export type Uploader = ReturnType<typeof createUploader>;

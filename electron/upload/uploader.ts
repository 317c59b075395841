/**
 * The nightly upload: drains the ledger's outbox through 4101, one settlement list per settlement,
 * a chunk of at most 500 at a time.
 *
 * Each chunk is first claimed (one ledger transaction: marked 'sent' under this uploader's name
 * for a lease, `FOR UPDATE SKIP LOCKED` on PostgreSQL, so another window's uploader running at the
 * same time takes other rows and never sends these), then its lists are posted in order;
 * every answer is written back in one transaction: stored → 'acked' (the outbox keeps the
 * bureau's setl_list_id), refused → 'rejected' (keeping the bureau's message; a person must look
 * at it), no answer → 'pending'. A chunk with calls that got no answer is re-sent with back-off,
 * then left 'pending' for the next run. If the process dies anywhere in between, the rows still
 * 'sent' are simply sent again (by this terminal at once, by another once the claim lapsed): the bureau is idempotent on setl_id, so nothing is lost and
 * nothing is stored twice. A 4101 whose effect is unknown is re-sent, never reversed (2601 is for
 * the settlement transactions, §13).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type UploadReport, MAX_UPLOAD_BATCH, type SettlementListInput } from '../bureau';
import type { Ledger, OutboxUpdate } from '../ledger';
import { systemClock } from '../../shared/time';
import { backoffDelays, type BackoffOptions } from './backoff';
import { toSettlementList, type AdmdvsOf } from './upload-record';

/** What the uploader needs of the bureau client (BureauClient satisfies it). */
export interface UploadBureau {
  uploadSettlements(lists: readonly SettlementListInput[]): Promise<UploadReport>;
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
  ledger: Pick<Ledger, 'markOutbox' | 'outboxDueIds' | 'claimOutbox' | 'uploadSources' | 'outboxRejected' | 'terminalId'>;
  /** Whose claims these are (default: the ledger's terminal id). */
  claimant?: string;
  /** How long a claim holds off other uploaders (default: the ledger's, 10 minutes). */
  claimLeaseMs?: number;
  bureau: UploadBureau;
  batchSize?: number;
  /** The policy region's 医保区划, for each list's insuplc. */
  admdvsOf?: AdmdvsOf;
  /** Real-time settlements: the centre's setl_id of each (its 4101 list names that id, not ours). */
  centreSetlIds?: (settlementIds: readonly string[]) => Promise<Map<string, string>>;
  /**
   * Settlements that need no list (a real-time settlement cancelled at the centre, and the
   * cancellation itself), with the centre's setl_id: acknowledged without sending anything.
   */
  listNotNeeded?: (settlementIds: readonly string[]) => Promise<Map<string, string>>;
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
  const now = options.now ?? systemClock;
  const { maxAttempts, delayMs } = backoffDelays(options.backoff);
  let running: Promise<UploadRunResult> | null = null;
  let last: UploadProgress | null = null;

  async function mark(updates: OutboxUpdate[]): Promise<void> {
    const marked = await options.ledger.markOutbox(updates);
    if (!marked.ok) throw new Error(`${marked.error.code}: ${marked.error.message}`);
  }

  /** Posts the chunk; lists left without an answer are re-sent (idempotent) with back-off. */
  async function postWithRetry(records: SettlementListInput[], errors: string[]): Promise<UploadReport> {
    const outcomes = new Map<string, UploadReport['outcomes'][number]>();
    let todo = records;
    for (let attempt = 1; ; attempt++) {
      const report = await options.bureau.uploadSettlements(todo);
      for (const o of report.outcomes) outcomes.set(o.setlId, o);
      todo = todo.filter((r) => outcomes.get(r.setlinfo.setl_id)?.status === 'pending');
      const done = (failures: UploadReport['errors']) => ({ outcomes: records.map((r) => outcomes.get(r.setlinfo.setl_id)!), errors: failures });
      if (report.errors.length === 0 || todo.length === 0) return done([]);
      const message = report.errors.map((e) => e.message).join('；');
      if (attempt >= maxAttempts) {
        errors.push(message);
        logger.warn('upload got no answer, left pending for the next run', { attempts: attempt, message });
        return done(report.errors);
      }
      const ms = delayMs(attempt);
      logger.warn('upload got no answer, backing off', { attempt, retryInMs: ms, message });
      await wait(ms);
    }
  }

  async function run(): Promise<UploadRunResult> {
    const startedAt = now();
    const claimant = options.claimant ?? options.ledger.terminalId;
    // What is due and not being sent by another window: the estimate progress counts against.
    const total = (await options.ledger.outboxDueIds(claimant)).length;
    const batches = Math.ceil(total / batchSize);
    const progress: UploadProgress = { sent: 0, total, acked: 0, rejected: 0, pending: 0, batch: 0, batches };
    const errors: string[] = [];
    const report = (p: UploadProgress) => {
      last = { ...p, total: Math.max(p.total, p.sent) };
      options.onProgress?.({ ...last });
    };
    logger.info('upload started', { total, batches });
    report(progress);

    let done = 0;
    for (;;) {
      const chunk = await options.ledger.claimOutbox({ claimant, limit: batchSize, leaseMs: options.claimLeaseMs });
      if (chunk.length === 0) break;
      const notNeeded = (await options.listNotNeeded?.(chunk)) ?? new Map<string, string>();
      const toSend = chunk.filter((id) => !notNeeded.has(id));
      const centreIds = (await options.centreSetlIds?.(toSend)) ?? new Map<string, string>();
      const ours = new Map([...centreIds].map(([id, centre]) => [centre, id]));
      const records =
        toSend.length === 0 ? [] : (await options.ledger.uploadSources(toSend)).map((source) => toSettlementList(source, options.admdvsOf, centreIds.get(source.id)));
      const sent = records.length === 0 ? { outcomes: [], errors: [] } : await postWithRetry(records, errors);
      const answer = { ...sent, outcomes: sent.outcomes.map((o) => ({ ...o, setlId: ours.get(o.setlId) ?? o.setlId })) };
      progress.batch++;
      progress.batches = Math.max(progress.batches, progress.batch);
      // A refusal of a list whose settlement was cancelled at the centre meanwhile (a 冲销 during the upload) needs no list either.
      const refused = answer.outcomes.filter((o) => o.status === 'rejected').map((o) => o.setlId);
      const voidedSince = refused.length === 0 ? new Map<string, string>() : ((await options.listNotNeeded?.(refused)) ?? new Map<string, string>());
      const updates: OutboxUpdate[] = [
        ...[...notNeeded].map(([settlementId, setlId]): OutboxUpdate => ({ settlementId, status: 'acked', bureauSetlId: setlId })),
        ...answer.outcomes.map((o): OutboxUpdate => {
          if (o.status === 'stored') return { settlementId: o.setlId, status: 'acked', bureauSetlId: o.setlListId };
          if (o.status === 'rejected' && voidedSince.has(o.setlId)) return { settlementId: o.setlId, status: 'acked', bureauSetlId: voidedSince.get(o.setlId) };
          if (o.status === 'rejected') return { settlementId: o.setlId, status: 'rejected', error: o.message };
          return { settlementId: o.setlId, status: 'pending', error: o.message };
        }),
      ];
      await mark(updates);
      for (const u of updates) {
        if (u.status === 'acked') progress.acked++;
        else if (u.status === 'rejected') progress.rejected++;
        else progress.pending++;
      }
      done += chunk.length;
      progress.sent += answer.errors.length > 0 ? updates.filter((u) => u.status !== 'pending').length : chunk.length;
      for (const u of updates.filter((x) => x.status === 'rejected')) logger.warn('settlement rejected by the bureau', { id: u.settlementId, message: u.error });
      logger.info('upload batch done', { batch: progress.batch, batches: progress.batches, sent: progress.sent, total: progress.total });
      if (answer.errors.length > 0) {
        // The centre settles each list on top of the earlier ones: the rest waits, in order, for the next run.
        progress.pending += Math.max(0, total - done);
        report(progress);
        break;
      }
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

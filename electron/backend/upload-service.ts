/**
 * The terminal's upload to the bureau: one uploader (electron/upload) over the live ledger, the
 * nightly scheduler (terminal setting `uploadAt`, default 23:30) and "upload now" from the window.
 *
 * Where it runs: on the backend's event loop, as async I/O. The HTTP posts to the bureau are
 * awaited; the only synchronous work is building a batch's records and one SQLite transaction per
 * batch (≤ 500 rows, milliseconds), so the window's calls are answered between batches. It does
 * not go through the write queue: a settlement commit never waits for an upload.
 */
import { ledgerStamp } from '../../shared/time';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BackoffOptions, createScheduler, createUploader, type Uploader, type UploadBureau, type UploadProgress, type UploadRunResult } from '../upload';
import type { Ledger } from '../ledger';
import { formatMoney, fromFen } from '../../shared/money';
import type { OpOutput } from '../../shared/contract';
import { BackendError } from './errors';
import type { Logger } from './logger';

export const DEFAULT_UPLOAD_AT = '23:30';

export type UploadView = OpOutput<'upload.progress'>;
type UploadState = UploadView['state'];

export interface UploadServiceDeps {
  ledger: () => Ledger;
  bureau: () => UploadBureau;
  /** The policy region's 医保区划 (setlinfo.insuplc of each list). */
  admdvsOf?: (region: string) => string | undefined;
  logger: Logger;
  at: string;
  backoff?: BackoffOptions;
  /** Runs an upload as a tracked background job (the services are not rebuilt under it). */
  job?: <T>(fn: () => Promise<T>) => Promise<T>;
}

const NOTHING_YET: UploadProgress = { sent: 0, total: 0, acked: 0, rejected: 0, pending: 0, batch: 0, batches: 0 };

export function createUploadService(deps: UploadServiceDeps) {
  const stopping = new AbortController();
  let bound: { ledger: Ledger; uploader: Uploader } | null = null;
  let state: UploadState = 'idle';
  let progress: UploadProgress = NOTHING_YET;
  let startedAt: string | null = null;
  let finishedAt: string | null = null;
  let lastError: string | null = null;
  let running: Promise<void> | null = null;
  let at = deps.at;

  /** The uploader over the current ledger (settings.update may reopen the ledger). */
  function uploader(): Uploader {
    const ledger = deps.ledger();
    if (bound?.ledger !== ledger) {
      bound = {
        ledger,
        uploader: createUploader({
          ledger,
          bureau: { uploadSettlements: (records) => deps.bureau().uploadSettlements(records) },
          admdvsOf: deps.admdvsOf,
          centreSetlIds: (ids) => ledger.realtime.setlIdsOf(ids),
          listNotNeeded: (ids) => ledger.realtimeCancels.listNotNeeded(ids),
          backoff: deps.backoff,
          onProgress: (p) => {
            progress = p;
          },
          logger: {
            info: (message, data) => deps.logger.info(`upload: ${message} ${data ? JSON.stringify(data) : ''}`),
            warn: (message, data) => deps.logger.warn(`upload: ${message} ${data ? JSON.stringify(data) : ''}`),
          },
          // Back-off waits end at once when the backend closes.
          sleep: (ms) => sleep(ms, undefined, { signal: stopping.signal }),
        }),
      };
    }
    return bound.uploader;
  }

  function finish({ complete: _complete, errors: _errors, startedAt: _started, finishedAt: _finished, ...counts }: UploadRunResult): void {
    progress = counts;
    state = _complete ? 'done' : 'failed';
    lastError = _errors.at(-1) ?? null;
  }

  /** One run over everything due; joins a run under way. */
  function run(): Promise<void> {
    if (running) return running;
    state = 'running';
    progress = NOTHING_YET;
    startedAt = ledgerStamp(new Date());
    finishedAt = null;
    lastError = null;
    const job = deps.job ?? ((fn) => fn());
    running = job(() => uploader().runOnce())
      .then(finish, (error: unknown) => {
        state = 'failed';
        lastError = stopping.signal.aborted ? '系统关闭，上传中断，未上传的结算将在下次上传' : `上传出错：${(error as Error).message}`;
        if (!stopping.signal.aborted) deps.logger.error('upload run', error);
      })
      .finally(() => {
        finishedAt = ledgerStamp(new Date());
        running = null;
      });
    return running;
  }

  const scheduler = createScheduler({ at, run, onError: (error) => deps.logger.error('scheduled upload', error) });
  uploader();
  scheduler.start();

  function view(): UploadView {
    const nextRunAt = scheduler.nextRunAt();
    return {
      state,
      ...progress,
      startedAt,
      finishedAt,
      lastError,
      scheduleAt: at,
      nextRunAt: nextRunAt ? ledgerStamp(nextRunAt) : null,
    };
  }

  return {
    run,
    view,
    /** Starts (or joins) a run; answers at once, or when it ends with `wait`. */
    async start(wait = false): Promise<UploadView> {
      const done = run();
      if (wait) await done;
      return view();
    },
    async rejected(): Promise<OpOutput<'upload.rejected'>> {
      return (await uploader().rejected()).map((r) => ({
        id: r.id,
        patientName: r.name,
        total: formatMoney(fromFen(r.totalFen)),
        message: r.error ?? '',
        attempts: r.attempts,
        at: r.at,
      }));
    },
    async requeue(ids: string[]): Promise<number> {
      const refused = new Set((await uploader().rejected()).map((r) => r.id));
      const other = ids.find((id) => !refused.has(id));
      if (other !== undefined) throw new BackendError('not-rejected', `结算单 ${other} 不在医保拒收列表中，不能重新上传`);
      const marked = await uploader().requeue([...new Set(ids)]);
      if (!marked.ok) throw new BackendError(marked.error.code, marked.error.message);
      return marked.value;
    },
    /** A new daily time (settings.update). */
    setTime(newAt: string): void {
      scheduler.setTime(newAt);
      at = newAt;
    },
    /** Stops the scheduler and waits for a run under way (its back-off waits are cut short). */
    async close(): Promise<void> {
      scheduler.stop();
      stopping.abort();
      await running;
    },
  };
}

export type UploadService = ReturnType<typeof createUploadService>;

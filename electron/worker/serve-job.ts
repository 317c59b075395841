import { parentPort, workerData } from 'node:worker_threads';
import { WorkerJobError, type WorkerJobMessage } from './messages';

/**
 * The worker side: runs `job` on the workerData it was started with, posting its progress and then
 * its answer. A `WorkerJobError` keeps its code and message; anything else becomes `failed` with
 * `fallback`'s code and message (never a stack trace for the window).
 */
export function serveWorkerJob<I, T, P>(job: (input: I, progress: (p: P) => void) => Promise<T>, fallback: (error: unknown) => { code: string; message: string }): void {
  const port = parentPort;
  if (!port) return;
  const post = (m: WorkerJobMessage<T, P>) => port.postMessage(m);
  void job(workerData as I, (progress) => post({ type: 'progress', progress })).then(
    (value) => post({ type: 'done', value }),
    (error: unknown) => post(error instanceof WorkerJobError ? { type: 'failed', code: error.code, message: error.message } : { type: 'failed', ...fallback(error) }),
  );
}

import { startWorker, type WorkerEntry } from './start-worker';
import { WorkerJobError, type WorkerJobMessage } from './messages';

export interface WorkerJobOptions<P> {
  onProgress?: (progress: P) => void;
  /** The code and message when the worker itself breaks (an uncaught error, an exit): the job's own "failed". */
  crashed: { code: string; message: string };
}

/**
 * Runs one job on a worker thread of its own and answers its value; the thread that serves the
 * window only receives messages meanwhile. The worker is ended once it has answered.
 */
export function runWorkerJob<T, P = never>(entry: WorkerEntry, input: unknown, options: WorkerJobOptions<P>): Promise<T> {
  const worker = startWorker(entry, input);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    const crashed = () => new WorkerJobError(options.crashed.code, options.crashed.message);
    worker.on('message', (m: WorkerJobMessage<T, P>) => {
      if (m.type === 'progress') {
        if (!settled) options.onProgress?.(m.progress);
      } else if (m.type === 'done') finish(() => resolve(m.value));
      else finish(() => reject(new WorkerJobError(m.code, m.message)));
    });
    worker.on('error', () => finish(() => reject(crashed())));
    worker.on('exit', () => finish(() => reject(crashed())));
  });
}

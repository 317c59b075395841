/**
 * Long jobs off the thread that serves the window: one job per worker thread, started from its
 * bundle (packaged) or its TypeScript source through tsx (dev, tests), progress and one answer back.
 */
export { startWorker, type WorkerEntry } from './start-worker';
export { runWorkerJob, type WorkerJobOptions } from './run-job';
export { serveWorkerJob } from './serve-job';
export { WorkerJobError, type WorkerJobMessage } from './messages';

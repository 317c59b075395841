/** What a job's worker posts to the thread that started it: progress (any number), then one answer. */
export type WorkerJobMessage<T, P> = { type: 'progress'; progress: P } | { type: 'done'; value: T } | { type: 'failed'; code: string; message: string };

/** A job's refusal or failure, with a stable code and a Chinese message for the window. */
export class WorkerJobError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerJobError';
  }
}

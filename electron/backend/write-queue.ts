/**
 * Mutating operations run one at a time, in arrival order: a second click on 结算 waits for the
 * first to finish instead of racing it. Reads do not queue.
 */
export function createWriteQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The backend's services are rebuilt (settings.update) only once the work in flight has drained:
 * an upload run, a read in progress. `rebuild(fn)` first waits for the running background jobs (an
 * upload may take minutes; meanwhile the window's reads still go on, its progress included), then
 * holds back new reads and jobs for the moment the old services are swapped and closed. Mutations
 * need no gate: they run one at a time in the write queue, settings.update among them. New jobs
 * are not held back while the first wait lasts (the rebuild waits for them too).
 */
export function createJobGate() {
  const inFlight = { jobs: 0, reads: 0 };
  const withinRead = new AsyncLocalStorage<true>();
  let readsHeld: Promise<void> | null = null;
  let rebuilding: Promise<unknown> = Promise.resolve();
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const w of waiters) w();
  };
  const until = async (done: () => boolean) => {
    while (!done()) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
      });
    }
  };

  async function tracked<T>(kind: 'jobs' | 'reads', fn: () => Promise<T>): Promise<T> {
    // A job a read in flight starts (upload now, answer when done) is already waited for: holding it would wait for the wait.
    if (!withinRead.getStore()) while (readsHeld) await readsHeld;
    inFlight[kind]++;
    try {
      return await (kind === 'reads' ? withinRead.run(true, fn) : fn());
    } finally {
      inFlight[kind]--;
      changed();
    }
  }

  return {
    /** A background job (an upload run): a rebuild waits for it. */
    job: <T>(fn: () => Promise<T>): Promise<T> => tracked('jobs', fn),
    /** A read op: waits only for the swap itself. */
    read: <T>(fn: () => Promise<T>): Promise<T> => tracked('reads', fn),
    /** Runs `swap` once nothing runs on the old services; rebuilds take turns. */
    rebuild<T>(swap: () => Promise<T>): Promise<T> {
      const turn = rebuilding.then(async () => {
        await until(() => inFlight.jobs === 0);
        let release!: () => void;
        readsHeld = new Promise((resolve) => (release = resolve));
        try {
          await until(() => inFlight.reads === 0 && inFlight.jobs === 0);
          return await swap();
        } finally {
          readsHeld = null;
          release();
        }
      });
      rebuilding = turn.catch(() => undefined);
      return turn;
    },
    inFlight: () => ({ ...inFlight }),
  };
}

export type JobGate = ReturnType<typeof createJobGate>;

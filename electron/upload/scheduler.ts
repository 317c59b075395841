import { nextTimeOfDay, parseTimeOfDay, systemClock, type TimeOfDay } from '../../shared/time';

/**
 * Runs a job every day at a configured time of the hospital's clock (default 23:30 Beijing time), plus "now" on demand.
 * The timer re-arms at most a minute ahead and compares against the clock each time, so a
 * machine that slept through 23:30 runs the job as soon as it wakes rather than a day late.
 */
export interface SchedulerClock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemSchedulerClock: SchedulerClock = {
  now: systemClock,
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SchedulerOptions {
  /** "HH:MM" Beijing time. */
  at?: string;
  run: () => Promise<unknown>;
  clock?: SchedulerClock;
  onError?: (error: unknown) => void;
}

const MAX_SLEEP_MS = 60_000;

export function parseAt(at: string): TimeOfDay {
  const time = parseTimeOfDay(at);
  if (!time) throw new RangeError(`上传时间格式错误（应为 HH:MM）：${at}`);
  return time;
}

/** The first moment after `from` at which Beijing's clock shows `at` (shared/time), whatever the machine's zone. */
export function nextOccurrence(from: Date, at: string): Date {
  return nextTimeOfDay(from, parseAt(at));
}

export function createScheduler(options: SchedulerOptions) {
  const clock = options.clock ?? systemSchedulerClock;
  let at = options.at ?? '23:30';
  parseAt(at);
  let nextAt: Date | null = null;
  let timer: unknown = null;
  let running: Promise<unknown> | null = null;

  function arm(): void {
    if (!nextAt) return;
    const wait = Math.max(0, Math.min(MAX_SLEEP_MS, nextAt.getTime() - clock.now().getTime()));
    timer = clock.setTimeout(tick, wait);
  }

  function tick(): void {
    timer = null;
    if (!nextAt) return;
    const now = clock.now();
    if (now.getTime() >= nextAt.getTime()) {
      nextAt = nextOccurrence(now, at);
      void runNow();
    }
    arm();
  }

  function runNow(): Promise<unknown> {
    running ??= options
      .run()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
    return running;
  }

  function stop(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    nextAt = null;
  }

  return {
    start(): void {
      stop();
      nextAt = nextOccurrence(clock.now(), at);
      arm();
    },
    stop,
    /** "Upload now": joins a run already under way. */
    runNow,
    /** Changes the daily time; takes effect at once when started. */
    setTime(newAt: string): void {
      parseAt(newAt);
      at = newAt;
      if (nextAt) this.start();
    },
    nextRunAt: (): Date | null => (nextAt ? new Date(nextAt.getTime()) : null),
    isRunning: () => running !== null,
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;

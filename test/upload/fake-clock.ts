import type { SchedulerClock } from '../../electron/upload';

/** A clock whose timers fire only when the test advances time. */
export function fakeClock(start: Date) {
  let now = start.getTime();
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const clock: SchedulerClock = {
    now: () => new Date(now),
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  return {
    clock,
    pending: () => timers.length,
    /** Moves time forward, firing due timers in order. */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > end) break;
        timers.shift();
        now = due.at;
        due.fn();
        await Promise.resolve();
      }
      now = end;
    },
    /** The machine slept: time jumps without timers firing. */
    jump(ms: number) {
      now += ms;
    },
  };
}

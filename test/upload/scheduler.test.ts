import { describe, expect, it } from 'vitest';
import { createScheduler, nextOccurrence, type SchedulerClock } from '../../electron/upload';

/** A clock whose timers fire only when the test advances time. */
function fakeClock(start: Date) {
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

const local = (d: number, h: number, m: number) => new Date(2021, 2, d, h, m, 0, 0);

describe('nextOccurrence', () => {
  it.each([
    [local(15, 9, 0), '23:30', local(15, 23, 30)],
    [local(15, 23, 30), '23:30', local(16, 23, 30)],
    [local(15, 23, 45), '23:30', local(16, 23, 30)],
    [local(31, 23, 59), '00:05', new Date(2021, 3, 1, 0, 5)],
  ])('from %s at %s → %s', (from, at, expected) => {
    expect(nextOccurrence(from, at).getTime()).toBe(expected.getTime());
  });

  it('refuses a malformed time', () => {
    expect(() => nextOccurrence(local(15, 9, 0), '24:00')).toThrow('上传时间格式错误');
  });
});

describe('createScheduler', () => {
  it('runs at the configured time every day, and not before', async () => {
    const f = fakeClock(local(15, 9, 0));
    const runs: Date[] = [];
    const s = createScheduler({ at: '23:30', clock: f.clock, run: async () => runs.push(f.clock.now()) });
    s.start();
    expect(s.nextRunAt()!.getTime()).toBe(local(15, 23, 30).getTime());
    await f.advance(local(15, 23, 29).getTime() - local(15, 9, 0).getTime());
    expect(runs).toEqual([]);
    await f.advance(60_000);
    expect(runs.map((d) => d.getTime())).toEqual([local(15, 23, 30).getTime()]);
    await f.advance(24 * 3600_000);
    expect(runs.map((d) => d.getTime())).toEqual([local(15, 23, 30).getTime(), local(16, 23, 30).getTime()]);
    s.stop();
    expect(f.pending()).toBe(0);
  });

  it('runs at once after waking from a sleep that spanned the time', async () => {
    const f = fakeClock(local(15, 22, 0));
    let runs = 0;
    const s = createScheduler({ at: '23:30', clock: f.clock, run: async () => void runs++ });
    s.start();
    f.jump(3 * 3600_000);
    await f.advance(60_000);
    expect(runs).toBe(1);
    expect(s.nextRunAt()!.getTime()).toBe(local(16, 23, 30).getTime());
    s.stop();
  });

  it('"upload now" joins a run under way instead of starting a second one', async () => {
    const f = fakeClock(local(15, 9, 0));
    let started = 0;
    let release!: () => void;
    const s = createScheduler({ clock: f.clock, run: () => (started++, new Promise<void>((r) => (release = r))) });
    const a = s.runNow();
    const b = s.runNow();
    expect(started).toBe(1);
    expect(s.isRunning()).toBe(true);
    release();
    await Promise.all([a, b]);
    expect(s.isRunning()).toBe(false);
    const c = s.runNow();
    expect(started).toBe(2);
    release();
    await c;
  });

  it('changing the time re-arms for the new time', async () => {
    const f = fakeClock(local(15, 9, 0));
    const s = createScheduler({ clock: f.clock, run: async () => undefined });
    s.start();
    s.setTime('12:00');
    expect(s.nextRunAt()!.getTime()).toBe(local(15, 12, 0).getTime());
    s.stop();
  });
});

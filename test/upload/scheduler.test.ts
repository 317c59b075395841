import { describe, expect, it } from 'vitest';
import { createScheduler, nextOccurrence } from '../../electron/upload';
import { fakeClock } from './fake-clock';
import { atHospitalWall } from '../../shared/time';

/** Beijing wall time in March 2021 (the scheduler's "23:30" is Beijing's, whatever the machine's zone). */
const local = (d: number, h: number, m: number) => atHospitalWall({ year: 2021, month: 3, day: d, hour: h, minute: m });

describe('nextOccurrence', () => {
  it.each([
    [local(15, 9, 0), '23:30', local(15, 23, 30)],
    [local(15, 23, 30), '23:30', local(16, 23, 30)],
    [local(15, 23, 45), '23:30', local(16, 23, 30)],
    [local(31, 23, 59), '00:05', atHospitalWall({ year: 2021, month: 4, day: 1, hour: 0, minute: 5 })],
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

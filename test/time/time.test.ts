import { describe, expect, it } from 'vitest';
import {
  atHospitalWall,
  businessDate,
  clockTime,
  compactDateToIso,
  compactMillis,
  compactTime,
  daysBetween,
  isCalendarDate,
  ledgerStamp,
  monthRange,
  nextTimeOfDay,
  parseStamp,
  parseTimeOfDay,
  quarterOf,
  quarterRange,
  shiftDay,
  stampWallTime,
  wallTime,
  yearRange,
} from '../../shared/time';

// 2026-03-15 17:30:05.007 UTC is 2026-03-16 01:30:05.007 in Beijing: the day changes.
const LATE = new Date('2026-03-15T17:30:05.007Z');

describe('an instant in the hospital zone (UTC+8)', () => {
  it('names the Beijing calendar day and wall time, not the machine’s or UTC’s', () => {
    expect(businessDate(LATE)).toBe('2026-03-16');
    expect(wallTime(LATE)).toBe('2026-03-16 01:30:05');
    expect(clockTime(LATE)).toBe('01:30');
    expect(ledgerStamp(LATE)).toBe('2026-03-16T01:30:05.007+08:00');
    expect(compactTime(LATE)).toBe('20260316013005');
    expect(compactMillis(LATE)).toBe('20260316013005007');
  });

  it('turns over at Beijing midnight (16:00 UTC)', () => {
    expect(businessDate(new Date('2026-03-15T15:59:59.999Z'))).toBe('2026-03-15');
    expect(businessDate(new Date('2026-03-15T16:00:00.000Z'))).toBe('2026-03-16');
    expect(businessDate(new Date('2020-12-31T16:00:00.000Z'))).toBe('2021-01-01');
  });

  it('atHospitalWall is the inverse of the wall fields', () => {
    expect(atHospitalWall({ year: 2026, month: 3, day: 16, hour: 1, minute: 30, second: 5, millisecond: 7 }).toISOString()).toBe(LATE.toISOString());
    expect(atHospitalWall({ year: 2021, month: 3, day: 1 }).toISOString()).toBe('2021-02-28T16:00:00.000Z');
  });
});

describe('stamps back to instants', () => {
  it.each([
    ['2026-03-16T01:30:05.007+08:00', LATE.getTime()],
    ['2026-03-15T17:30:05.007Z', LATE.getTime()],
    // A row an older build wrote on a PC set to New York: the same instant, shown in Beijing time.
    ['2026-03-15T13:30:05.007-04:00', LATE.getTime()],
    ['2026-03-15T17:30:05.007+0000', LATE.getTime()],
    // The platform's offset-less wall time is Beijing time.
    ['2026-03-16 01:30:05', LATE.getTime() - 7],
    ['2026-03-16T01:30', LATE.getTime() - 5007],
  ])('%s', (text, ms) => expect(parseStamp(text)?.getTime()).toBe(ms));

  it.each(['', '2026-03-16', '2026-13-01T00:00:00Z', '2026-03-16T24:00:00+08:00', 'yesterday'])('%j is no stamp', (text) => expect(parseStamp(text)).toBeNull());

  it('shows any stamp as Beijing wall time; text that is none stays as it is', () => {
    expect(stampWallTime('2026-03-15T13:30:05.007-04:00')).toBe('2026-03-16 01:30:05');
    expect(stampWallTime('2026-03-15T17:30:05.007Z')).toBe('2026-03-16 01:30:05');
    expect(stampWallTime('未日结')).toBe('未日结');
  });
});

describe('calendar days', () => {
  it.each([
    ['2021-03-15', 1, '2021-03-16'],
    ['2021-02-28', 1, '2021-03-01'],
    ['2020-02-28', 1, '2020-02-29'],
    ['2021-12-31', 1, '2022-01-01'],
    ['2021-03-01', -62, '2020-12-29'],
  ])('%s %+d → %s', (day, n, expected) => {
    expect(shiftDay(day, n)).toBe(expected);
    expect(daysBetween(day, expected)).toBe(n);
  });

  it.each([
    ['2020-02-29', true],
    ['2021-02-29', false],
    ['2021-04-31', false],
    ['2021-4-01', false],
    ['20210401', false],
  ])('%s is a calendar date: %s', (text, real) => expect(isCalendarDate(text)).toBe(real));

  it('reads the compact dates of cards', () => {
    expect(compactDateToIso('19580712')).toBe('1958-07-12');
    expect(compactDateToIso('19580230')).toBeNull();
  });

  it('gives the month, quarter and year a report covers', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2021-12')).toEqual({ from: '2021-12-01', to: '2021-12-31' });
    expect(monthRange('2021-13')).toBeNull();
    expect(quarterRange('2021-Q1')).toEqual({ from: '2021-01-01', to: '2021-03-31' });
    expect(quarterRange('2021-Q4')).toEqual({ from: '2021-10-01', to: '2021-12-31' });
    expect(quarterRange('2021-Q5')).toBeNull();
    expect(yearRange(2021)).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    expect([quarterOf('2021-03-31'), quarterOf('2021-04-01'), quarterOf('2021-12-31')]).toEqual(['2021-Q1', '2021-Q2', '2021-Q4']);
  });
});

describe('a time of day on the Beijing clock', () => {
  const at = parseTimeOfDay('23:30')!;
  it.each([
    // 23:00 Beijing → 23:30 the same Beijing day (15:30 UTC).
    ['2026-03-15T15:00:00.000Z', '2026-03-15T15:30:00.000Z'],
    // Exactly 23:30: the next day's.
    ['2026-03-15T15:30:00.000Z', '2026-03-16T15:30:00.000Z'],
    // 01:30 Beijing on the 16th (still the 15th in UTC): 23:30 of the 16th.
    ['2026-03-15T17:30:00.000Z', '2026-03-16T15:30:00.000Z'],
  ])('from %s → %s', (from, expected) => expect(nextTimeOfDay(new Date(from), at).toISOString()).toBe(expected));

  it.each(['24:00', '23:60', '2330', ''])('%j is no time of day', (text) => expect(parseTimeOfDay(text)).toBeNull());
  it('accepts H:MM', () => expect(parseTimeOfDay(' 6:15 ')).toEqual({ hour: 6, minute: 15 }));
});

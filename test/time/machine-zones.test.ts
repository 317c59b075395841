// The machine's own zone must not matter: a cashier PC set to UTC or to New York, or a server in
// another zone, writes the same Beijing business day and +08:00 stamps as one set to Beijing.
// Node re-reads process.env.TZ when it is assigned, so each block below runs the real code with the
// process in that zone (and first proves the zone took effect: a test that cannot fail is a defect).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/backend/logger';
import { setUpLogging } from '../../electron/main/logging';
import { buildDayCloseReport, closeDay, monthPeriod } from '../../electron/reports';
import { createScheduler, setlTime } from '../../electron/upload';
import { ledgerStamp, parseStamp } from '../../shared/time';
import { HOSPITAL, startHarness, type Harness } from '../bureau/helpers';
import { tempLedger, unwrap } from '../ledger/helpers';
import { commitKnown } from '../reports/known';
import { fakeClock } from '../upload/fake-clock';

/** 2026-03-15 17:30 UTC = 2026-03-16 01:30 in Beijing. */
const LATE = new Date('2026-03-15T17:30:00.000Z');
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/;

/** The machine's UTC offset at LATE in each zone (getTimezoneOffset: minutes behind UTC); New York is on daylight time by 15 March. */
const ZONES = [
  ['UTC', 0],
  ['America/New_York', 240],
  ['Asia/Shanghai', -480],
  ['Pacific/Kiritimati', -840],
] as const;

const ZHAO = { certno: '520102198002020010', name: '赵志强', policy: 'CN-GZ', identities: [] };

let bureau: Harness;
beforeAll(async () => {
  bureau = await startHarness();
});
afterAll(() => bureau.close());

describe.each(ZONES)('with the machine in %s', (zone, offset) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('the process really is in that zone', () => {
    expect(LATE.getTimezoneOffset()).toBe(offset);
  });

  it('a settlement committed at 17:30 UTC belongs to the next Beijing day; the day close and the day report agree', async () => {
    const t = await tempLedger();
    try {
      t.clock.at = LATE;
      const id = await commitKnown(t.ledger, {
        ...ZHAO,
        date: '2026-03-16',
        visit: 'outpatient',
        amounts: { total: '80.00', inscope: '80.00', basic: '40.00', patientCash: '40.00' },
      });
      expect(id).toMatch(/-20260316-000001$/);
      const record = (await t.ledger.getSettlement(id))!;
      expect(record.committedAt).toBe('2026-03-16T01:30:00.000+08:00');
      expect(await t.raw.value('SELECT committed_on FROM settlements WHERE id = ?', [id])).toBe('2026-03-16');
      // The platform's setl_time is Beijing wall time.
      expect(setlTime(record.committedAt)).toBe('2026-03-16 01:30:00');

      // Closing "today" at 01:30 Beijing is closing the 16th: not a future day, and it holds the settlement.
      const closed = unwrap(await closeDay({ ledger: t.ledger, day: '2026-03-16', operatorId: 'cashier' }));
      const report = await buildDayCloseReport({ ledger: t.ledger, day: '2026-03-16', operatorId: 'cashier' });
      const figures = (c: (typeof report.cashiers)[number]) => [c.settlementCount, c.totals.total, c.netCash];
      expect(figures(closed.cashiers[0]!)).toEqual([1, '80.00', '40.00']);
      expect(figures(report.cashiers[0]!)).toEqual(figures(closed.cashiers[0]!));
      expect(report.cashiers[0]!.closed?.closedAt).toBe('2026-03-16T01:30:00.000+08:00');
      const dayBefore = await buildDayCloseReport({ ledger: t.ledger, day: '2026-03-15', operatorId: 'cashier' });
      expect(dayBefore.cashiers[0]!.settlementCount).toBe(0);
      expect(monthPeriod('2026-03')).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    } finally {
      await t.close();
    }
  });

  it('the nightly upload at "23:30" fires at 23:30 Beijing time (15:30 UTC)', async () => {
    const f = fakeClock(new Date('2026-03-15T15:00:00.000Z'));
    const runs: string[] = [];
    const s = createScheduler({ at: '23:30', clock: f.clock, run: async () => void runs.push(f.clock.now().toISOString()) });
    s.start();
    expect(s.nextRunAt()!.toISOString()).toBe('2026-03-15T15:30:00.000Z');
    await f.advance(29 * 60_000);
    expect(runs).toEqual([]);
    await f.advance(60_000);
    expect(runs).toEqual(['2026-03-15T15:30:00.000Z']);
    expect(s.nextRunAt()!.toISOString()).toBe('2026-03-16T15:30:00.000Z');
    s.stop();
  });

  it('bureau messages carry Beijing wall time (the msgid’s time part)', async () => {
    const client = bureau.client({}, () => LATE);
    const reply = await client.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: ZHAO.certno, certno: ZHAO.certno });
    client.close();
    expect(reply.ok && reply.value.msgid.slice(0, HOSPITAL.hospitalCode.length + 14)).toBe(`${HOSPITAL.hospitalCode}20260316013000`);
  });

  it('backend.log and main.log lines start with a +08:00 stamp of the moment they were written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onebill-zone-log-'));
    try {
      const before = Date.now();
      createLogger(join(dir, 'backend.log')).info('backend line');
      const shell = setUpLogging(dir, true);
      shell.info('shell line');
      shell.scope('renderer').warn('page line');
      const after = Date.now();
      const lines = [...readFileSync(join(dir, 'backend.log'), 'utf8').trim().split('\n'), ...readFileSync(join(dir, 'main.log'), 'utf8').trim().split('\n')];
      expect(lines.map((l) => l.slice(30))).toEqual(['INFO backend line', 'INFO shell line', 'WARN (renderer) page line']);
      for (const line of lines) {
        const stamp = line.slice(0, 29);
        expect(stamp).toMatch(STAMP);
        const at = parseStamp(stamp)!.getTime();
        expect(at).toBeGreaterThanOrEqual(before);
        expect(at).toBeLessThanOrEqual(after);
        expect(ledgerStamp(new Date(at))).toBe(stamp);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

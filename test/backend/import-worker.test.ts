// A large roster import runs on a worker thread over its own ledger connection, in short
// transactions: while it runs, eligibility answers (with the year-to-date) and a settlement
// commits, on the window's SQLite file and on the hospital's PostgreSQL ledger. Counters, not
// timings: the import's progress read before and after the commit is part-way both times.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpOutput } from '../../shared/contract';
import { csv, validCertno } from '../../tools/fixtures';
import { tempSchema } from '../ledger/helpers';
import { commitDemoSettlement, loginDemo, startTestBackend, type TestBackend } from './helpers';
import { hospitalWindow } from './hospital-windows';

type Progress = OpOutput<'roster.importProgress'>;

/** Polls roster.importProgress until the worker has written rows (or the import ended). */
async function progressOnceWriting(t: TestBackend): Promise<Progress> {
  for (;;) {
    const p = await t.call('roster.importProgress', {});
    if (p.state !== 'running' || p.rowsImported > 0) return p;
    await sleep(20);
  }
}

// PostgreSQL's import is one round trip a row: fewer rows keep the file's run short, still many batches.
describe.each([
  ['SQLite', 150_000, async () => ({ t: await startTestBackend(), drop: async () => undefined })],
  [
    'PostgreSQL',
    40_000,
    async () => {
      const schema = await tempSchema();
      return { t: await hospitalWindow(schema, 'T01'), drop: schema.drop };
    },
  ],
] as const)('a settlement commits while a %s roster import runs on its worker', (_label, ROWS, start) => {
  let t: TestBackend;
  let drop: () => Promise<void>;
  let roster: string;
  beforeAll(async () => {
    ({ t, drop } = await start());
    await loginDemo(t, 'supervisor');
    roster = join(t.dir, 'big-roster.csv');
    writeFileSync(roster, csv(Array.from({ length: ROWS }, (_, i) => `人员${i},${validCertno(i)},低保对象,2021-01-01,,CN-GZ,`)));
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await drop?.();
  });

  it(`answers eligibility and commits part-way through a ${ROWS}-row import, which then completes with every row`, async () => {
    const importing = t.call('roster.import', { path: roster, rosterDate: '2021-03' });
    const before = await progressOnceWriting(t);
    expect(before).toMatchObject({ state: 'running', phase: 'importing' });
    expect(before.rowsImported).toBeLessThan(ROWS);

    // The staged version is not visible yet, and a second import is refused rather than racing it.
    expect(await t.call('roster.versions', {})).toEqual([]);
    expect(await t.backend.handle('roster.import', { path: roster })).toMatchObject({ ok: false, error: { code: 'import-busy' } });

    await t.call('card.simulatorInsert', { card: 'chen-xiulan' });
    const card = await t.call('card.read', {});
    const person = await t.call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
    expect(person.ytd.assistancePaid).toBe('0.00');
    const id = await commitDemoSettlement(t);
    const again = await t.call('eligibility.resolve', { identity: card, date: '2020-09-12', visit: 'inpatient' });
    const after = await t.call('roster.importProgress', {});

    // The commit and both answers came while the import was still writing.
    expect(after.state).toBe('running');
    expect(after.rowsRead).toBeLessThan(ROWS);
    expect(Number(again.ytd.assistancePaid)).toBeGreaterThan(0);
    expect((await t.call('settlement.get', { id })).id).toBe(id);

    const result = await importing;
    expect(result).toMatchObject({ accepted: ROWS, rejected: 0, version: { rows: ROWS, asOf: '2021-03' } });
    expect(await t.call('roster.importProgress', {})).toMatchObject({ state: 'done', rowsRead: ROWS, rowsImported: ROWS });
    expect((await t.call('roster.versions', {})).map((v: { rows: number }) => v.rows)).toEqual([ROWS]);
    const audited = await t.backend.runtime.ledger.audit.list({ action: 'roster.import' });
    expect(audited.map((a) => a.detail.imported)).toEqual([ROWS]);
    expect((await t.backend.runtime.ledger.verifyLedger()).ok).toBe(true);
  }, 600_000);
});

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { businessDate } from '../../shared/time';
import type { BackendOptions } from '../../electron/backend';
import { hisBillNo, loginDemo, startTestBackend, type TestBackend } from '../backend/helpers';

/**
 * Long reports run off the thread that serves the window: while the monitoring list over a year
 * of settlements (20 000 rows) is being built, a settlement is committed, and the commit completes
 * before the report does. The same with the report on the backend's own thread is the control:
 * there the report holds the thread (and the ledger's one connection) and finishes first.
 */
const ROWS = 20_000;
const YEAR = Number(businessDate(new Date()).slice(0, 4));

let t: TestBackend | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** 杨光英's demo bill (Guizhou, which declares the monitoring list) committed once, then copied ROWS times across this year. */
async function yearOfSettlements(options: Partial<BackendOptions>): Promise<TestBackend> {
  const backend = await startTestBackend(options);
  await loginDemo(backend, 'cashier');
  await commitYang(backend);
  const db = new Database(join(backend.dir, 'ledger.db'));
  try {
    const columns = (db.prepare('PRAGMA table_info(settlements)').all() as Array<{ name: string }>).map((c) => c.name);
    const day = `date('${YEAR}-01-01', '+' || (n % 300) || ' days')`;
    const values = columns.map((c) =>
      c === 'id'
        ? `id || '-' || n`
        : c === 'committed_on' || c === 'settle_date'
          ? day
          : c === 'committed_at'
            ? `${day} || 'T10:00:00.000+08:00'`
            : c === 'monitoring_alert'
              ? '1'
              : c,
    );
    db.exec(`WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ${ROWS})
      INSERT INTO settlements (${columns.join(', ')}) SELECT ${values.join(', ')} FROM settlements, k WHERE settlements.kind = 'settlement'`);
  } finally {
    db.close();
  }
  return backend;
}

async function commitYang(backend: TestBackend): Promise<string> {
  await backend.call('card.simulatorInsert', { card: 'yang-guangying' });
  const card = await backend.call('card.read', {});
  const bill = await backend.call('bill.import', { demo: 'gz-inpatient-discharge' });
  const person = await backend.call('eligibility.resolve', { identity: card, date: bill.date, visit: bill.visit });
  const committed = await backend.call('settlement.commit', {
    attemptId: randomUUID(),
    hisBillNo: hisBillNo(),
    eligibilityId: person.eligibilityId,
    visit: bill.visit,
    date: bill.date,
    lines: bill.lines,
    billId: bill.billId,
  });
  return committed.id;
}

/** Starts the year's report, then commits a settlement (everything before the commit itself done first); answers the order they completed in. */
async function commitDuringReport(backend: TestBackend): Promise<string[]> {
  await backend.call('card.simulatorInsert', { card: 'yang-guangying' });
  const card = await backend.call('card.read', {});
  const bill = await backend.call('bill.import', { demo: 'gz-inpatient-discharge' });
  const person = await backend.call('eligibility.resolve', { identity: card, date: bill.date, visit: bill.visit });
  const order: string[] = [];
  const report = backend.call('reports.monitoringList', { year: YEAR }).then((doc) => {
    order.push('report');
    return doc;
  });
  const commit = backend
    .call('settlement.commit', {
      attemptId: randomUUID(),
      hisBillNo: hisBillNo(),
      eligibilityId: person.eligibilityId,
      visit: bill.visit,
      date: bill.date,
      lines: bill.lines,
      billId: bill.billId,
    })
    .then(() => order.push('commit'));
  const [doc] = await Promise.all([report, commit]);
  // The report really covered the year: every copied settlement is one person's, with 20 000 alerts.
  expect(doc.tables[0].rows).toHaveLength(1);
  expect(doc.tables[0].rows[0][5]).toBe(String(ROWS));
  return order;
}

describe('a long report runs off the thread that serves the window', () => {
  it('a settlement commits while the year’s monitoring list is built on a worker, and completes first', async () => {
    t = await yearOfSettlements({});
    expect(await commitDuringReport(t)).toEqual(['commit', 'report']);
  }, 240_000);

  it('control: built on the backend’s own thread, the report holds the commit back', async () => {
    t = await yearOfSettlements({ reportsInThread: true });
    expect(await commitDuringReport(t)).toEqual(['report', 'commit']);
  }, 240_000);
});

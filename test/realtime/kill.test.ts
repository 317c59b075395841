/**
 * Kill tests of the whole backend at a real-time site (issue #14): the browser-mode backend
 * process (electron/web/cli.ts, a live site file naming the simulator this test starts on
 * 127.0.0.1, its own data folder with a real SQLite ledger) is driven over its HTTP API as the
 * window drives it and SIGKILLed at the worst moments of F9 —
 *   (a) the settling request (2304 / 2207) stored and sent, the centre committed, its answer held;
 *   (b) the answer lost, the centre's settlement looked up, and the 2601 reversing it processed
 *       but its answer held;
 *   (c) the centre's answer arrived and stored, the local commit not yet done (this test holds the
 *       ledger file's write lock, so the commit cannot have happened when the kill comes).
 * The backend is started again on the same folder; the pending-attempt notice asks what became of
 * the attempt; the window settles the patient again under a new attempt (what it does after a
 * restart) or, where it kept the attempt, F9 sends the same one. Then the centre holds exactly one
 * live settlement of the person and the ledger exactly one settlement, with the centre's setl_id.
 * Every wait is on the simulator's request log or the files, never a sleep.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBureauSimulator, type BureauSimulator } from '../../tools/bureau-sim/server';
import type { FaultSettingsInput } from '../../tools/bureau-sim/faults';
import type { LoggedRequest } from '../../tools/bureau-sim/request-log';
import { endAllBackends, startBackendProcess, writeRealtimeSite, type BackendProcess } from './backend-process';

const CASHIER = { username: 'li.na', password: 'Lina-2026b' };

interface Patient {
  visit: 'inpatient' | 'outpatient';
  psnNo: string;
  certno: string;
  name: string;
  settleInfno: '2304' | '2207';
  cancelInfno: '2305' | '2208';
  bill: { demo: string } | { format: 'json'; content: string; fileName: string };
}

/** 杨光英, insured at 黔东南 (522600), discharged from the Guiyang hospital. */
const INPATIENT: Patient = {
  visit: 'inpatient',
  psnNo: '52260000000000000003',
  certno: '522627197209080047',
  name: '杨光英',
  settleInfno: '2304',
  cancelInfno: '2305',
  bill: { demo: 'gz-inpatient-discharge' },
};

/** 赵志强's outpatient HIS bill. */
const OUTPATIENT: Patient = {
  visit: 'outpatient',
  psnNo: '52010000000000000006',
  certno: '520102198002020010',
  name: '赵志强',
  settleInfno: '2207',
  cancelInfno: '2208',
  bill: {
    format: 'json',
    fileName: 'his-outpatient.json',
    content: JSON.stringify({
      visit: 'outpatient',
      date: '2023-07-02',
      patient: { certno: '520102198002020010', name: '赵志强' },
      lines: [
        { code: 'XC08CAA001A001', name: '硝苯地平缓释片', class: 'A', price: '16.80', qty: '2', kind: 'drug' },
        { code: 'XA10BAA001B001', name: '二甲双胍缓释片', class: 'B', price: '22.50', qty: '1', selfPayRatio: '0.1', kind: 'drug' },
      ],
    }),
  },
};

const root = mkdtempSync(join(tmpdir(), 'onebill-kill-'));
/** A data folder with the cashier's own account (added by the demo supervisor, first-login password changed). */
const template = join(root, 'template');

beforeAll(async () => {
  const demo = await startBackendProcess(template);
  try {
    await demo.call('auth.login', { username: 'supervisor', password: '123456' });
    await demo.call('auth.changePassword', { oldPassword: '123456', newPassword: 'Super-2026b' });
    await demo.call('operators.add', { id: CASHIER.username, name: '李娜', role: 'cashier', password: 'Temp-2026a' });
    await demo.call('auth.logout', {});
    await demo.call('auth.login', { username: CASHIER.username, password: 'Temp-2026a' });
    await demo.call('auth.changePassword', { oldPassword: 'Temp-2026a', newPassword: CASHIER.password });
  } finally {
    await demo.stop();
  }
}, 120_000);

let sim: BureauSimulator | undefined;
let lock: Database.Database | undefined;
afterEach(async () => {
  lock?.close();
  lock = undefined;
  await endAllBackends();
  await sim?.stop();
  sim = undefined;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function simGet<T>(path: string): Promise<T> {
  return (await (await fetch(`${sim!.base}${path}`)).json()) as T;
}
async function faults(settings: FaultSettingsInput): Promise<void> {
  const res = await fetch(`${sim!.base}/admin/faults`, { method: 'POST', body: JSON.stringify(settings) });
  if (!res.ok) throw new Error(await res.text());
}
const requests = () => simGet<LoggedRequest[]>('/admin/requests');
const reached = async (infno: string, stage: LoggedRequest['stage']) => (await requests()).some((r) => r.infno === infno && r.stage === stage);
const WAIT = { timeout: 60_000, interval: 50 };

/** The centre's settlements of the person: live (not cancelled, not reversed) and cancellations. */
function centreSettlements(dbPath: string, psnNo: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const live = db
      .prepare(
        `SELECT setl_id FROM settlement s WHERE psn_no = ? AND fingerprint = 'realtime' AND refd_setl_flag = '0'
           AND NOT EXISTS (SELECT 1 FROM settlement r WHERE r.init_setl_id = s.setl_id)`,
      )
      .all(psnNo) as Array<{ setl_id: string }>;
    const cancelled = db.prepare("SELECT COUNT(*) AS n FROM settlement WHERE psn_no = ? AND refd_setl_flag = '1'").get(psnNo) as { n: number };
    return { live: live.map((r) => r.setl_id), cancellations: cancelled.n };
  } finally {
    db.close();
  }
}

/** The ledger's settlements and the centre's setl_id stored with each. */
function ledgerSettlements(dataDir: string) {
  const db = new Database(join(dataDir, 'ledger.db'), { readonly: true });
  try {
    return db.prepare('SELECT s.id, r.setl_id AS setlId FROM settlements s LEFT JOIN realtime_settlements r ON r.settlement_id = s.id').all() as Array<{
      id: string;
      setlId: string | null;
    }>;
  } finally {
    db.close();
  }
}

/** The attempt as the backend's real-time store holds it (null before its visit was opened). */
function storedAttempt(dataDir: string, attemptId: string): { setl_id: string | null; pending: string } | null {
  const db = new Database(join(dataDir, 'realtime-state.db'), { readonly: true, fileMustExist: true });
  try {
    return (
      (db.prepare('SELECT setl_id, pending FROM realtime_attempt WHERE attempt_id = ?').get(attemptId) as { setl_id: string | null; pending: string } | undefined) ?? null
    );
  } finally {
    db.close();
  }
}

/** The window at a patient: the ID typed, the bill loaded, eligibility resolved; F4 done. */
async function atTheWindow(backend: BackendProcess, patient: Patient, attemptId: string = randomUUID()) {
  const identity = await backend.call('card.fromTypedId', { certno: patient.certno, name: patient.name });
  const bill = await backend.call('bill.import', patient.bill);
  const person = await backend.call('eligibility.resolve', { identity, date: bill.date, visit: bill.visit });
  expect(person).toMatchObject({ online: true, psnNo: patient.psnNo });
  const request = {
    attemptId,
    hisBillNo: `KILL${attemptId.slice(0, 8)}`,
    certificate: person.certificate,
    eligibilityId: person.eligibilityId,
    visit: bill.visit,
    date: bill.date,
    lines: bill.lines,
    billId: bill.billId,
  };
  await backend.call('settlement.preview', request);
  return request;
}

type Moment = 'centre committed, answer held' | '2601 of the lost answer in flight' | 'answer stored, local commit not done';

describe.each([
  ['inpatient (2304)', INPATIENT],
  ['outpatient (2207)', OUTPATIENT],
])('the whole backend killed during F9: %s', (_label, patient) => {
  it.each<[Moment, 'new attempt' | 'same attempt']>([
    ['centre committed, answer held', 'new attempt'],
    ['2601 of the lost answer in flight', 'new attempt'],
    ['answer stored, local commit not done', 'new attempt'],
    ['answer stored, local commit not done', 'same attempt'],
  ])('%s → restart, settled again (%s): one settlement at the centre, one in the ledger', { timeout: 180_000 }, async (moment, resume) => {
    const dir = join(root, randomUUID());
    cpSync(template, dir, { recursive: true });
    sim = await startBureauSimulator({ port: 0, dbPath: join(dir, 'centre.sqlite') });
    const site = writeRealtimeSite(dir, sim.url);

    const first = await startBackendProcess(dir, site);
    await first.call('auth.login', CASHIER);
    const request = await atTheWindow(first, patient);
    if (moment === 'centre committed, answer held') await faults({ infnos: [patient.settleInfno], holdMs: 600_000 });
    if (moment === '2601 of the lost answer in flight')
      await faults({ infnos: [patient.settleInfno, '2601'], failNext: 1, kinds: ['drop'], afterProcessing: true, holdMs: 600_000 });
    if (moment === 'answer stored, local commit not done') {
      lock = new Database(join(dir, 'ledger.db'));
      lock.exec('BEGIN IMMEDIATE');
    }
    // F9; its answer never reaches the window.
    const f9 = first.handle('settlement.commit', request).catch((error: unknown) => error);
    if (moment === 'centre committed, answer held') await expect.poll(() => reached(patient.settleInfno, 'processed'), WAIT).toBe(true);
    if (moment === '2601 of the lost answer in flight') await expect.poll(() => reached('2601', 'processed'), WAIT).toBe(true);
    if (moment === 'answer stored, local commit not done') await expect.poll(() => storedAttempt(dir, request.attemptId)?.setl_id ?? null, WAIT).toMatch(/^\d{22}$/);
    await first.kill();
    expect(await f9).toBeInstanceOf(Error);
    lock?.close();
    lock = undefined;
    await faults({});
    // The centre holds what the killed backend left: its settlement (a, c) or nothing (b: reversed).
    expect(centreSettlements(join(dir, 'centre.sqlite'), patient.psnNo).live).toHaveLength(moment === '2601 of the lost answer in flight' ? 0 : 1);
    expect(ledgerSettlements(dir)).toEqual([]);

    const second = await startBackendProcess(dir, site);
    await second.call('auth.login', CASHIER);
    // The pending-attempt notice after the restart: nothing was stored locally.
    expect(await second.call('settlement.attempt', { attemptId: request.attemptId })).toEqual({ settlement: null });
    const again = await atTheWindow(second, patient, resume === 'same attempt' ? request.attemptId : randomUUID());
    const committed = await second.call('settlement.commit', again);
    await second.stop();

    const centre = centreSettlements(join(dir, 'centre.sqlite'), patient.psnNo);
    expect(centre.live).toEqual([committed.realtime.setlId]);
    expect(ledgerSettlements(dir)).toEqual([{ id: committed.id, setlId: committed.realtime.setlId }]);
    if (resume === 'same attempt') {
      // The kept attempt answers the centre's stored answer: nothing settled or cancelled again.
      expect(centre.cancellations).toBe(0);
    } else if (moment === 'answer stored, local commit not done') {
      // The settlement the ledger never stored was cancelled at the centre before the new one.
      expect(centre.cancellations).toBe(1);
      expect(committed.realtime.recovered).toEqual([expect.stringMatching(new RegExp(`^${patient.cancelInfno}：已撤销未入本地台账的医保中心结算 \\d{22}$`))]);
    } else {
      // The lost message was looked up and reversed before the new attempt was sent.
      expect(centre.cancellations).toBe(0);
      expect(committed.realtime.recovered).toContainEqual(expect.stringMatching(/^2601：已冲正报文 /));
    }
  });
});

/**
 * A supervisor's 冲销 of a real-time settlement through the backend's ops, against the demo centre
 * over loopback: cancelled at the centre first (2305 inpatient, 2208 pharmacy) and reversed here
 * with the centre's negated answer; a refusal or a lost answer leaves nothing reversed locally and
 * nothing cancelled twice at the centre; the night's 4101 and 3201 agree with the centre.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { billRequest, hisBillNo, realtimeDemoSite, useTestBackend } from './helpers';

const SITE = realtimeDemoSite({ source: 'test-site.yaml', terminalId: 'RT02', timeoutMs: 3000 });
const SUPERVISOR = { username: 'supervisor', password: 'supervisor-pass-2026' };

const t = useTestBackend('cashier', { site: SITE });

beforeAll(async () => {
  await t().call('auth.login', { username: 'supervisor', password: '123456' });
  await t().call('auth.changePassword', { oldPassword: '123456', newPassword: SUPERVISOR.password });
  await t().call('auth.login', { username: 'cashier', password: 'cashier-pass-2026' });
});

/** The demo centre's own database (read-only). */
function centreDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(t().dir, 'bureau-sim.db'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
const cancellationsOf = (setlId: string) =>
  centreDb((db) => db.prepare("SELECT setl_id, medfee_sumamt FROM settlement WHERE refd_setl_flag = '1' AND init_setl_id = ?").all(setlId)) as Array<{
    setl_id: string;
    medfee_sumamt: number;
  }>;

async function centreOrigin(): Promise<string> {
  const status = await t().call('status.get', {});
  const url = JSON.stringify(status).match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
  if (!url) throw new Error('no simulator URL in status.get');
  return url;
}
const faults = async (body: unknown) => fetch(`${await centreOrigin()}/admin/faults`, { method: 'POST', body: JSON.stringify(body) });

/** 杨光英's discharge (gz-inpatient-discharge), settled at the centre. */
async function settleInpatient() {
  await t().call('card.simulatorInsert', { card: 'yang-guangying' });
  const person = await t().call('eligibility.resolve', { identity: await t().call('card.read', {}), date: '2023-06-18', visit: 'inpatient' });
  const bill = await t().call('bill.import', { demo: 'gz-inpatient-discharge' });
  return t().call('settlement.commit', { ...billRequest(person, bill, '2023-06-18'), hisBillNo: hisBillNo() });
}

const reverse = (id: string) => t().backend.handle('settlement.reverse', { id, supervisor: SUPERVISOR, reason: '费用录入错误' });

describe.sequential('冲销 of a real-time settlement', () => {
  it('inpatient: 2305 at the centre, the reversal stores its negated answer, the visit closed (2405, 2302, 2404)', async () => {
    const settled = await settleInpatient();
    const setlId = settled.realtime.setlId;
    const reversed = await t().call('settlement.reverse', { id: settled.id, supervisor: SUPERVISOR, reason: '费用录入错误' });
    expect(reversed.centre).toMatchObject({ setlId, infno: '2305', mdtrtId: settled.realtime.mdtrtId, medfeeSumamt: `-${settled.result.amounts.total}` });
    expect(reversed.centre.cancelSetlId).not.toBe(setlId);
    expect(reversed.centre.notes).toEqual(['2405：已撤销出院', '2302：已撤销费用明细', '2404：已撤销入院']);
    expect(cancellationsOf(setlId)).toEqual([{ setl_id: reversed.centre.cancelSetlId, medfee_sumamt: -Math.round(Number(settled.result.amounts.total) * 100) }]);
    expect(centreDb((db) => db.prepare('SELECT status FROM rt_visit WHERE mdtrt_id = ?').get(settled.realtime.mdtrtId))).toEqual({ status: 'cancelled' });
    // Both records name the centre's settlement and its cancellation.
    for (const id of [settled.id, reversed.reversalId]) {
      expect((await t().call('settlement.get', { id })).centre).toEqual({ setlId, mdtrtId: settled.realtime.mdtrtId, cancelSetlId: reversed.centre.cancelSetlId });
    }
    // Cancelled once: a second 冲销 is refused here, before anything is sent.
    expect(await reverse(settled.id)).toMatchObject({ ok: false, error: { code: 'settlement-already-reversed' } });
    expect(cancellationsOf(setlId)).toHaveLength(1);
  });

  it('pharmacy (med_type 41): 2208 at the centre, then 2205 and 2202', async () => {
    await t().call('card.simulatorInsert', { card: 'wang-jianguo' });
    const person = await t().call('eligibility.resolve', { identity: await t().call('card.read', {}), date: '2023-07-02', visit: 'pharmacy' });
    const bill = await t().call('bill.import', { demo: 'gz-pharmacy-wang-jianguo' });
    const settled = await t().call('settlement.commit', { ...billRequest(person, bill, '2023-07-02'), visit: 'pharmacy', hisBillNo: hisBillNo() });
    const reversed = await t().call('settlement.reverse', { id: settled.id, supervisor: SUPERVISOR, reason: '顾客退药' });
    expect(reversed.centre).toMatchObject({ setlId: settled.realtime.setlId, infno: '2208', medfeeSumamt: `-${settled.result.amounts.total}` });
    expect(reversed.centre.notes).toEqual(['2205：已撤销费用明细', '2202：已撤销挂号']);
    expect(cancellationsOf(settled.realtime.setlId)).toHaveLength(1);
  });

  it('the centre refuses: a clear code, nothing reversed locally; a later 冲销 goes through', async () => {
    const settled = await settleInpatient();
    await faults({ failNext: 1, kinds: ['infcode'], infnos: ['2305'], errMsg: '该结算已进入清算，不能撤销（模拟）' });
    const refused = await reverse(settled.id);
    expect(refused).toEqual({
      ok: false,
      error: { code: 'realtime-cancel-refused', message: `医保中心拒绝撤销结算 ${settled.realtime.setlId}：该结算已进入清算，不能撤销（模拟）。本地未冲销` },
    });
    const record = await t().call('settlement.get', { id: settled.id });
    expect(record).toMatchObject({ reversedBy: null, centre: { cancelSetlId: null } });
    expect(cancellationsOf(settled.realtime.setlId)).toEqual([]);
    expect((await reverse(settled.id)).ok).toBe(true);
    expect(cancellationsOf(settled.realtime.setlId)).toHaveLength(1);
  });

  it('a 2305 answer lost after the centre cancelled: looked up (5203), reversed (2601), cancelled once', async () => {
    const settled = await settleInpatient();
    await faults({ failNext: 1, kinds: ['drop'], infnos: ['2305'], afterProcessing: true });
    const reversed = await t().call('settlement.reverse', { id: settled.id, supervisor: SUPERVISOR, reason: '费用录入错误' });
    expect(reversed.centre.notes.slice(0, 2)).toEqual([
      expect.stringMatching(/^5203：医保中心已保存撤销报文 \S+（撤销结算ID \d+）/),
      expect.stringMatching(/^2601：已冲正撤销报文/),
    ]);
    expect(cancellationsOf(settled.realtime.setlId)).toEqual([expect.objectContaining({ setl_id: reversed.centre.cancelSetlId })]);
  });

  it('2305 and its 2601 both lost: nothing reversed locally, the next 冲销 resolves it first, cancelled once', async () => {
    const settled = await settleInpatient();
    await faults({ failNext: 2, kinds: ['drop'], infnos: ['2305', '2601'], afterProcessing: true });
    const unknown = await reverse(settled.id);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bureau-outcome-unknown' } });
    expect(await t().call('settlement.get', { id: settled.id })).toMatchObject({ reversedBy: null });
    expect(cancellationsOf(settled.realtime.setlId)).toEqual([]);
    const reversed = await t().call('settlement.reverse', { id: settled.id, supervisor: SUPERVISOR, reason: '费用录入错误' });
    expect(reversed.centre.notes[0]).toMatch(/^5203：医保中心未保存撤销报文/);
    expect(cancellationsOf(settled.realtime.setlId)).toEqual([expect.objectContaining({ setl_id: reversed.centre.cancelSetlId })]);
  });

  it('night: no 4101 for a cancelled settlement or its cancellation, one for the one that stands; 3201 balances', async () => {
    const standing = await settleInpatient();
    const run = await t().call('upload.now', { wait: true });
    expect(run).toMatchObject({ state: 'done', rejected: 0, pending: 0 });
    const lists = centreDb(
      (db) =>
        db.prepare("SELECT setl_id, refd_setl_flag, setl_list_id FROM settlement WHERE fingerprint = 'realtime' AND setl_list_id IS NOT NULL").all() as Array<{
          setl_id: string;
        }>,
    );
    expect(lists.map((l) => l.setl_id)).toEqual([standing.realtime.setlId]);
    const outbox = await t().call('outbox.status');
    expect(outbox).toMatchObject({ pending: 0, sent: 0, rejected: 0 });
    const day = await t().call('reconcile.day', { date: new Date().toLocaleDateString('sv-SE') });
    expect(day.groups.map((g: { balanced: boolean; bureauMessage: string }) => [g.balanced, g.bureauMessage])).toEqual(day.groups.map(() => [true, '对账平衡']));
    expect(day.balanced).toBe(true);
    // Four settlements cancelled and their reversals, one standing inpatient; the pharmacy pair in its own group.
    expect(day.groups.map((g: { terminal: { count: number; medfeeSumamt: string } }) => g.terminal.count).sort()).toEqual([2, 9]);
  });
});

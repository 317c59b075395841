/**
 * cancelAtCentre against the simulator over loopback: refused offline (never queued), then 2208
 * once the centre is reachable (an unresolved request from the offline try is looked up and
 * reversed first); the simulator refusing a second cancellation and an unknown setl_id in the
 * spec's error shape (infcode -1, err_msg), nothing recorded as cancelled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelAtCentre, type CancelLedger, type CancelTarget } from '../../electron/realtime';
import { outpatientBill, startRealtimeHarness, type RealtimeHarness } from './helpers';

let h: RealtimeHarness;
beforeAll(async () => {
  h = await startRealtimeHarness();
});
afterAll(() => h.close());

/** The ledger's part, in memory: every msgid sent, and the outcome of each. */
function memoryLedger() {
  const sent: Array<{ msgid: string; infno: string }> = [];
  const outcomes = new Map<string, string>();
  const ledger: CancelLedger = {
    pending: async () => sent.filter((s) => !outcomes.has(s.msgid)),
    sent: async (msgid, infno) => {
      sent.push({ msgid, infno });
      return { ok: true, value: undefined };
    },
    outcome: async (msgid, outcome) => {
      outcomes.set(msgid, outcome);
    },
  };
  return { ledger, sent, outcomes };
}

describe('cancelAtCentre (2208 / 2305)', () => {
  it('offline: refused with a clear code; online again: cancelled once, what the offline try left resolved first', async () => {
    const bill = outpatientBill();
    const { flow, client } = h.flow();
    const settled = await flow.settle(bill);
    if (!settled.ok) throw new Error(settled.error.message);
    const target: CancelTarget = {
      visit: 'outpatient',
      psnNo: bill.person.psnNo,
      insuplcAdmdvs: bill.person.insuplcAdmdvs,
      setlId: settled.value.setlId,
      mdtrtId: settled.value.mdtrtId,
      hisAdmission: false,
    };
    const memory = memoryLedger();
    const before = await h.admin(undefined);
    const offline = await cancelAtCentre(h.client({ url: 'http://127.0.0.1:1/fsi/api/rsfComIfsService/callService', timeoutMs: 1000 }), target, memory.ledger);
    expect(offline).toMatchObject({ ok: false, error: { code: 'realtime-cancel-offline', message: expect.stringContaining('本地未冲销，请联网后重新冲销') } });
    const leftPending = memory.sent.length;

    const online = await cancelAtCentre(client, target, memory.ledger);
    if (!online.ok) throw new Error(online.error.message);
    expect(online.value.answer.setlinfo.medfee_sumamt).toBe(`-${settled.value.answer.setlinfo.medfee_sumamt}`);
    expect(online.value.recovered).toHaveLength(leftPending === 0 ? 0 : 2);
    expect((await h.admin(undefined)).cancellations).toBe(before.cancellations + 1);

    // A second cancellation of the same settlement, and one of a setl_id the centre never made: refused, recorded as such.
    const again = memoryLedger();
    const second = await cancelAtCentre(client, target, again.ledger);
    expect(second).toMatchObject({
      ok: false,
      error: {
        code: 'realtime-cancel-refused',
        message: `医保中心拒绝撤销结算 ${target.setlId}：结算ID ${target.setlId} 已撤销（撤销结算ID ${online.value.setlId}），不能重复撤销。本地未冲销`,
      },
    });
    expect([...again.outcomes.values()]).toEqual(['refused']);
    const unknown = await cancelAtCentre(client, { ...target, setlId: '520100000000000000009999' }, memoryLedger().ledger);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'realtime-cancel-refused', message: expect.stringContaining('结算ID 520100000000000000009999 不存在') } });
    expect((await h.admin(undefined)).cancellations).toBe(before.cancellations + 1);
  });
});

/** Shared fixtures for the real-time settlement tests: the simulator, a flow, demo bills. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BureauClient } from '../../electron/bureau/client';
import type { SettlementInputRaw } from '../../shared/engine';
import { RealtimeFlow, RealtimeStateStore, type RealtimeBill } from '../../electron/realtime';
import { startHarness, type Harness } from '../bureau/helpers';

export { library } from '../bureau/helpers';

export const WANG = { psnNo: '52010000000000000002', certno: '520102196503150017', name: '王建国', insutype: '390', insuplcAdmdvs: '520100' };
export const ZHAO = { psnNo: '52010000000000000006', certno: '520102198002020010', name: '赵志强', insutype: '390', insuplcAdmdvs: '520100' };

/** The centre's catalogue for the test codes (the bill's own classes, unless a test changes them). */
export const CATALOGUE = [
  { code: 'RT-A1', class: 'A' },
  { code: 'RT-B1', class: 'B', selfPayRatio: '0.1' },
  { code: 'RT-C1', class: 'C' },
  { code: 'RT-D1', class: 'B', selfPayRatio: '0.1' },
] as const;

export interface RealtimeHarness extends Harness {
  admin(body: unknown): Promise<{ visits: number; settlements: number; cancellations: number; reversedMessages: number }>;
  flow(options?: { timeoutMs?: number; statePath?: string }): { flow: RealtimeFlow; client: BureauClient; store: RealtimeStateStore; statePath: string };
}

export async function startRealtimeHarness(): Promise<RealtimeHarness> {
  const h = await startHarness();
  const stores: RealtimeStateStore[] = [];
  const admin = async (body: unknown) => {
    const res = await fetch(`${h.sim.base}/admin/realtime`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(await res.text());
    return (await res.json()) as Awaited<ReturnType<RealtimeHarness['admin']>>;
  };
  await admin({ catalogue: CATALOGUE });
  return {
    ...h,
    admin,
    flow(options = {}) {
      const client = h.client({ timeoutMs: options.timeoutMs ?? 2000 });
      const statePath = options.statePath ?? join(h.dir, `realtime-${randomUUID()}.db`);
      const store = new RealtimeStateStore(statePath);
      stores.push(store);
      return { flow: new RealtimeFlow(client, store), client, store, statePath };
    },
    async close() {
      for (const s of stores) s.close();
      await h.close();
    },
  };
}

export function inpatientBill(extra = 0, attemptId: string = randomUUID()): RealtimeBill {
  return {
    attemptId,
    visit: 'inpatient',
    date: '2024-03-10',
    person: WANG,
    hospitalLevel: 2,
    referral: 'local',
    lines: [
      { code: 'RT-A1', name: '手术费', class: 'A', price: String(5000 + extra), qty: '1', kind: 'item' },
      { code: 'RT-B1', name: '乙类药', class: 'B', price: '1000', qty: '2', selfPayRatio: '0.1', kind: 'drug' },
      { code: 'RT-C1', name: '自费材料', class: 'C', price: '300', qty: '1', kind: 'material' },
    ],
  };
}

export function outpatientBill(visit: 'outpatient' | 'pharmacy' = 'outpatient', attemptId: string = randomUUID()): RealtimeBill {
  return {
    attemptId,
    visit,
    date: '2024-03-10',
    person: ZHAO,
    hospitalLevel: 1,
    referral: 'local',
    lines: [
      { code: 'RT-A1', name: '诊疗', class: 'A', price: '100', qty: '1', kind: 'item' },
      { code: 'RT-D1', name: '乙类药', class: 'B', price: '12.5', qty: '4', selfPayRatio: '0.1', kind: 'drug' },
    ],
  };
}

/** The engine input of a realtime bill (what the backend builds from the person context). */
export function engineInput(bill: RealtimeBill, identities: SettlementInputRaw['person']['identities'] = []): SettlementInputRaw {
  return {
    policy: 'CN-GZ',
    date: bill.date,
    visit: bill.visit,
    hospital: { level: bill.hospitalLevel as 1 | 2 | 3, referral: bill.referral as 'local' },
    person: { insurance: 'resident', identities },
    lines: bill.lines,
  };
}

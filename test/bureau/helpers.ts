/** Shared fixtures for the bureau tests: a simulator in a temp dir, a client, demo bills. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BureauClient, type BureauClientConfig } from '../../electron/bureau/client';
import { buildSetlinfo } from '../../electron/bureau/setlinfo';
import type { SetlinfoRecord } from '../../electron/bureau/schemas';
import { loadPolicyLibrary } from '../../electron/policy';
import { settle } from '../../shared/engine';
import type { SettlementInputRaw } from '../../shared/engine/schema';
import { startBureauSimulator, type BureauSimulator } from '../../tools/bureau-sim/server';
import type { FaultSettingsInput } from '../../tools/bureau-sim/faults';

export const library = loadPolicyLibrary();

export const HOSPITAL = { hospitalCode: 'H52010200001', hospitalName: '贵阳市第二人民医院', areaCode: '520100' };
export const CASHIER = { code: 'C001', name: '李收费' };

export interface SimStats {
  settlements: number;
  reversals: number;
  messages: number;
  signIns: number;
  people: number;
  faultsInjected: number;
}

export interface Harness {
  dir: string;
  sim: BureauSimulator;
  statePath: string;
  client(overrides?: Partial<BureauClientConfig>, now?: () => Date): BureauClient;
  setFaults(faults: FaultSettingsInput): Promise<void>;
  stats(): Promise<SimStats>;
  close(): Promise<void>;
}

export async function startHarness(faults?: FaultSettingsInput): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'onebill-bureau-'));
  const sim = await startBureauSimulator({ port: 0, dbPath: join(dir, 'sim.sqlite'), library, faults });
  const clients: BureauClient[] = [];
  const admin = `http://127.0.0.1:${sim.port}/admin`;
  const statePath = join(dir, 'client-state.sqlite');
  return {
    dir,
    sim,
    statePath,
    client(overrides = {}, now) {
      const c = BureauClient.open({ url: sim.url, ...HOSPITAL, operator: CASHIER, timeoutMs: 2000, retryDelayMs: 5, ...overrides }, statePath, now);
      clients.push(c);
      return c;
    },
    async setFaults(f) {
      const res = await fetch(`${admin}/faults`, { method: 'POST', body: JSON.stringify(f) });
      if (!res.ok) throw new Error(await res.text());
    },
    async stats() {
      return (await (await fetch(`${admin}/stats`)).json()) as SimStats;
    },
    async close() {
      for (const c of clients) c.close();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const WANG = { psnNo: '52010000000000000002', certno: '520102196503150017', name: '王建国' };

/** 王建国 (低保, Guizhou), inpatient at a level-2 hospital; `extra` varies the amount. */
export function wangBill(extra = 0, date = '2024-03-10'): SettlementInputRaw {
  return {
    policy: 'CN-GZ',
    date,
    visit: 'inpatient',
    hospital: { level: 2, referral: 'local' },
    person: { insurance: 'resident', identities: ['subsistence'] },
    lines: [
      { code: 'A1', name: '手术费', class: 'A', price: String(5000 + extra), qty: '1', kind: 'item' },
      { code: 'B1', name: '乙类药', class: 'B', price: '1000', qty: '2', selfPayRatio: '0.1', kind: 'drug' },
      { code: 'C1', name: '自费材料', class: 'C', price: '300', qty: '1', kind: 'material' },
    ],
  };
}

export function settledRecord(id: string, bill: SettlementInputRaw = wangBill(), who = WANG, reverses?: string): SetlinfoRecord {
  const outcome = settle(bill, library);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return buildSetlinfo({ id, settledAt: `${bill.date} 10:00:00`, psnNo: who.psnNo, certno: who.certno, name: who.name, bill, amounts: outcome.value.amounts, reverses });
}

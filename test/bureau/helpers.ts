/** Shared fixtures for the bureau tests: a simulator in a temp dir, a client, demo bills. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BureauClient, type BureauClientConfig } from '../../electron/bureau/client';
import { readCumInfo, spellingFor } from '../../electron/bureau/cum-codes';
import { loadCumCodes } from '../../electron/bureau/cum-codes-file';
import { buildSettlementList, type SettlementListInput } from '../../electron/bureau/settlement-list';
import type { EngineAmounts } from '../../electron/bureau/setlinfo';
import { loadPolicyLibrary } from '../../electron/policy';
import { settle } from '../../shared/engine';
import type { SettlementInputRaw, Ytd } from '../../shared/engine/schema';
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
export const ZHAO = { psnNo: '52010000000000000006', certno: '520102198002020010', name: '赵志强' };

/** 赵志强 (no special identity, Guizhou) at a general outpatient clinic: amounts that no year-to-date changes. */
export function zhaoBill(extra = 0, date = '2024-03-10'): SettlementInputRaw {
  return {
    policy: 'CN-GZ',
    date,
    visit: 'outpatient',
    hospital: { level: 1, referral: 'local' },
    person: { insurance: 'resident', identities: [] },
    lines: [{ code: 'A1', name: '诊疗', class: 'A', price: String(100 + extra), qty: '1', kind: 'item' }],
  };
}

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

const cumCodes = loadCumCodes();
export const ZERO_YTD_FOR_TESTS: Ytd = {
  basicPaid: '0.00',
  catastrophicBase: '0.00',
  catastrophicPaid: '0.00',
  assistancePaid: '0.00',
  chainDeductiblePaid: '0.00',
  personalPaid: '0.00',
  monthSelfPaid: '0.00',
};

/** The person's year-to-date as the centre's 5206 tells it (what an online cashier settles with). */
export async function centreYtd(client: BureauClient, psnNo: string, date: string, region = 'CN-GZ'): Promise<Ytd> {
  const cum = await client.accumulators(psnNo, '520100', date.slice(0, 7).replace('-', ''));
  if (!cum.ok) throw new Error(cum.error.message);
  const { values } = readCumInfo(cum.value.output.rows, spellingFor(cumCodes, region), '390', Number(date.slice(0, 4)));
  const { deductiblePaid: _d, ...known } = values;
  return { ...ZERO_YTD_FOR_TESTS, ...known };
}

export interface Settled {
  list: SettlementListInput;
  bill: SettlementInputRaw;
  amounts: EngineAmounts;
  who: typeof WANG;
}

/** A settlement list as OneBill builds it: `ytd` given, or the centre's own (5206) at this moment. */
export async function settledList(client: BureauClient | Ytd, id: string, bill: SettlementInputRaw = wangBill(), who = WANG): Promise<Settled> {
  const ytd = client instanceof BureauClient ? await centreYtd(client, who.psnNo, bill.date as string) : client;
  const outcome = settle({ ...bill, ytd }, library);
  if (!outcome.ok) throw new Error(outcome.error.message);
  const amounts = outcome.value.amounts;
  const list = buildSettlementList({
    id,
    settledAt: `${bill.date} 10:00:00`,
    psnNo: who.psnNo,
    certno: who.certno,
    name: who.name,
    insuplcAdmdvs: '520100',
    operatorName: CASHIER.name,
    bill: { ...bill, ytd },
    amounts,
  });
  return { list, bill, amounts, who };
}

/** The list of a reversal of `original`. */
export function reversalList(id: string, original: Settled): SettlementListInput {
  const { bill, amounts, who } = original;
  return buildSettlementList({
    id,
    reverses: original.list.setlinfo.setl_id,
    settledAt: `${bill.date} 11:00:00`,
    psnNo: who.psnNo,
    certno: who.certno,
    name: who.name,
    insuplcAdmdvs: '520100',
    operatorName: CASHIER.name,
    bill,
    amounts,
  });
}

// Real settlements for upload and report tests: demo people of the bureau simulator, bills settled
// by the project's engine, committed to a ledger — so the simulator's recomputation accepts them.
import { loadPolicyLibrary } from '../../electron/policy';
import type { Ledger } from '../../electron/ledger';
import { settle } from '../../shared/engine';
import type { SettlementInputRaw, Ytd } from '../../shared/engine/schema';
import { dec, formatMoney } from '../../shared/money';
import { DEMO_PEOPLE } from '../../tools/bureau-sim/demo-people';
import type { PolicyLibrary } from '../../shared/policy';

let cached: PolicyLibrary | null = null;
export const library = (): PolicyLibrary => (cached ??= loadPolicyLibrary());

export interface DemoPatient {
  certno: string;
  name: string;
  psnNo: string;
  policy: string;
  date: string;
  person: SettlementInputRaw['person'];
}

export const PATIENTS = {
  wang: { certno: '520102196503150017', name: '王建国', psnNo: '52010000000000000002', policy: 'CN-GZ', date: '2021-03-10', person: { insurance: 'resident', identities: ['subsistence'] } },
  yang: { certno: '522627197209080047', name: '杨光英', psnNo: '52260000000000000003', policy: 'CN-GZ', date: '2021-03-11', person: { insurance: 'resident', identities: ['extreme-poverty'] } },
  zhao: { certno: '520102198002020010', name: '赵志强', psnNo: '52010000000000000006', policy: 'CN-GZ', date: '2021-03-12', person: { insurance: 'resident', identities: [] } },
  chen: {
    certno: '440703195807120022', name: '陈秀兰', psnNo: '44070000000000000001', policy: 'CN-GD-JM', date: '2020-06-01',
    person: { insurance: 'resident', identities: ['precision-target'], certificate: 'JM2019000123' },
  },
  zhang: {
    certno: '210102196001010038', name: '张福生', psnNo: '21010000000000000004', policy: 'CN-LN', date: '2020-05-20',
    person: { insurance: 'resident', identities: ['registered-poor'], conditions: ['critical-illness'] },
  },
  liu: { certno: '220102195506200029', name: '刘玉珍', psnNo: '22010000000000000005', policy: 'CN-JL', date: '2020-04-02', person: { insurance: 'resident', identities: ['registered-poor'] } },
} satisfies Record<string, DemoPatient>;

export interface BillSpec {
  visit?: SettlementInputRaw['visit'];
  level?: 1 | 2 | 3;
  /** Lines as [class, price, qty] (class B gets selfPayRatio 0.1). */
  lines?: Array<['A' | 'B' | 'C', string, string]>;
  ytd?: SettlementInputRaw['ytd'];
}

export function billFor(p: DemoPatient, spec: BillSpec = {}): SettlementInputRaw {
  const lines = spec.lines ?? [['A', '1200.00', '1'], ['B', '300.00', '2'], ['C', '150.00', '1']];
  return {
    policy: p.policy,
    date: p.date,
    visit: spec.visit ?? 'inpatient',
    hospital: { level: spec.level ?? 2, referral: 'local' },
    person: p.person,
    ...(spec.ytd ? { ytd: spec.ytd } : {}),
    lines: lines.map(([cls, price, qty], i) => ({
      code: `L${i + 1}`,
      name: `项目${i + 1}`,
      class: cls,
      price,
      qty,
      ...(cls === 'B' ? { selfPayRatio: '0.1' } : {}),
    })),
  };
}

const SEEDED_AS_YTD: Record<string, keyof Ytd> = { D390101: 'basicPaid', TS390201: 'catastrophicBase', D390201: 'catastrophicPaid', D610101: 'assistancePaid' };

/**
 * What an online cashier settles with: the simulator's seeded figures from other hospitals (its
 * 5206) plus this ledger's own settlements of the year — the simulator recomputes with the same.
 */
export async function onlineYtd(ledger: Ledger, p: DemoPatient): Promise<Ytd> {
  const year = Number(p.date.slice(0, 4));
  const ytd = { ...(await ledger.ytdFor(p.certno, year, undefined, p.date)) };
  const seeded = DEMO_PEOPLE.find((d) => d.certno === p.certno)?.ytd?.[year] ?? {};
  for (const [code, field] of Object.entries(SEEDED_AS_YTD)) if (seeded[code]) ytd[field] = formatMoney(dec(ytd[field]).plus(seeded[code]!));
  return ytd;
}

/** Settles with the engine (on the online year-to-date unless the spec gives one) and commits; returns the settlement id. */
export async function commitReal(ledger: Ledger, p: DemoPatient, spec: BillSpec = {}, operator = 'cashier'): Promise<string> {
  const input = billFor(p, { ...spec, ytd: spec.ytd ?? (await onlineYtd(ledger, p)) });
  const outcome = settle(input, library());
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  const committed = await ledger.commitSettlement({
    input,
    result: outcome.value,
    operator,
    patient: { certno: p.certno, name: p.name, psnNo: p.psnNo },
  });
  if (!committed.ok) throw new Error(`${committed.error.code}: ${committed.error.message}`);
  return committed.value.settlementId;
}

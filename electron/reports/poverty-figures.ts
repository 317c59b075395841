/**
 * The figures of seed 000's two returns (医疗保障扶贫工作调度报表 monthly, 医疗保障扶贫政策调查表
 * quarterly): people served by identity, visits, totals per layer, the in-policy self-pay ratio
 * and the out-of-catalog cost ratio (which seed 000 asks to keep down).
 *
 * Counting rules: every record counts on its business day, a reversal with its negative amounts
 * and as minus one visit; a person is served when they have a settlement in the period that has
 * not been reversed; a person is counted under their highest identity (就高), see primaryIdentity.
 *  - in-policy self-pay ratio (政策范围内个人自付比例) = (copay1 − catastrophic − assistance) /
 *    (preselfpay + inscope): what the patient still carries of the in-policy cost after the three layers;
 *  - out-of-catalog ratio (目录外费用比例) = ownpay / total.
 */
import type { Identity, Visit } from '../../shared/engine';
import { AMOUNT_LABELS, IDENTITY_LABELS, VISIT_LABELS } from '../../shared/labels';
import { addTotals, money, moneyTotals, ratio, zeroTotals, type FenTotals } from './amounts';
import { col, type ReportColumn, type ReportRow, type ReportTable } from './document';
import { primaryIdentity, type ReportRowData } from './settlement-rows';

export type IdentityKey = Identity | 'none';
export const IDENTITY_KEY_LABELS: Record<IdentityKey, string> = { ...IDENTITY_LABELS, none: '无特殊身份' };

export interface GroupFigures {
  people: number;
  visits: number;
  totals: Record<keyof FenTotals, string>;
  inPolicySelfPay: string;
  inPolicySelfPayRatio: string;
  outOfCatalogRatio: string;
  /** 医疗救助 / (copay1 − catastrophic): seed 000 asks for ≥ 70 % within the annual limit. */
  assistanceRatio: string;
}

interface Acc {
  people: Set<string>;
  visits: number;
  totals: FenTotals;
  copay1: number;
}

const newAcc = (): Acc => ({ people: new Set(), visits: 0, totals: zeroTotals(), copay1: 0 });

function add(acc: Acc, r: ReportRowData): void {
  addTotals(acc.totals, r);
  acc.copay1 += r.copay1;
  acc.visits += r.kind === 'settlement' ? 1 : -1;
  if (r.kind === 'settlement' && !r.reversedBy) acc.people.add(r.certno);
}

function finish(acc: Acc): GroupFigures {
  const t = acc.totals;
  const inPolicy = t.preselfpay + t.inscope;
  const remaining = acc.copay1 - t.catastrophic - t.assistance;
  return {
    people: acc.people.size,
    visits: acc.visits,
    totals: moneyTotals(t),
    inPolicySelfPay: money(remaining),
    inPolicySelfPayRatio: ratio(remaining, inPolicy),
    outOfCatalogRatio: ratio(t.ownpay, t.total),
    assistanceRatio: ratio(t.assistance, acc.copay1 - t.catastrophic),
  };
}

export interface PovertyFigures {
  all: GroupFigures;
  byIdentity: Array<{ identity: IdentityKey; label: string } & GroupFigures>;
  byVisit: Array<{ visit: string; label: string } & GroupFigures>;
}

/** Groups by a key, keeping the first-seen key order given by `order`. */
function groupBy<K extends string>(rows: ReportRowData[], keyOf: (r: ReportRowData) => K, order: readonly K[]): Array<[K, GroupFigures]> {
  const accs = new Map<K, Acc>();
  for (const r of rows) {
    const k = keyOf(r);
    let a = accs.get(k);
    if (!a) accs.set(k, (a = newAcc()));
    add(a, r);
  }
  return order.filter((k) => accs.has(k)).map((k) => [k, finish(accs.get(k)!)]);
}

export function povertyFigures(rows: ReportRowData[]): PovertyFigures {
  const all = newAcc();
  for (const r of rows) add(all, r);
  const identities = Object.keys(IDENTITY_KEY_LABELS) as IdentityKey[];
  const visits = Object.keys(VISIT_LABELS) as Visit[];
  return {
    all: finish(all),
    byIdentity: groupBy(rows, (r) => primaryIdentity(r.identities), identities).map(([identity, f]) => ({ identity, label: IDENTITY_KEY_LABELS[identity], ...f })),
    byVisit: groupBy(rows, (r) => r.visit as Visit, visits).map(([visit, f]) => ({ visit, label: VISIT_LABELS[visit], ...f })),
  };
}

const FIGURE_COLUMNS: ReportColumn[] = [
  col('people', '服务人数', 'int'),
  col('visits', '就诊人次', 'int'),
  ...(['total', 'ownpay', 'basic', 'catastrophic', 'assistance', 'supplementary', 'povertyFund', 'hospitalShare', 'discount', 'patientCash'] as const).map((f) =>
    col(f, AMOUNT_LABELS[f], 'money'),
  ),
  col('inPolicySelfPay', '政策范围内个人自付', 'money'),
  col('inPolicySelfPayRatio', '政策范围内个人自付比例', 'ratio'),
  col('outOfCatalogRatio', '目录外费用比例', 'ratio'),
  col('assistanceRatio', '医疗救助比例', 'ratio'),
];

const figureRow = (label: string, f: GroupFigures): ReportRow => ({
  label,
  ...f.totals,
  people: f.people,
  visits: f.visits,
  inPolicySelfPay: f.inPolicySelfPay,
  inPolicySelfPayRatio: f.inPolicySelfPayRatio,
  outOfCatalogRatio: f.outOfCatalogRatio,
  assistanceRatio: f.assistanceRatio,
});

export function figuresTable(title: string, firstColumn: string, rows: Array<{ label: string } & GroupFigures>, all: GroupFigures): ReportTable {
  return {
    title,
    columns: [col('label', firstColumn), ...FIGURE_COLUMNS],
    rows: rows.map((r) => figureRow(r.label, r)),
    total: figureRow('合计', all),
  };
}

// Every report table that lists the payers must add up to its 费用总额, row by row and in its 合计:
// 药店让利 is its own column everywhere (a report that leaves it out, or folds it into 医院承担,
// comes out 药店让利 short or disagrees with the others).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYER_FIELDS } from '../../shared/engine/schema';
import { dec, sum } from '../../shared/money';
import {
  buildCharityReferrals,
  buildDayCloseReport,
  buildPovertyFundReport,
  buildMonitoringList,
  buildMonthlyDispatch,
  buildQuarterlySurvey,
  type ReportDocument,
  type ReportRow,
} from '../../electron/reports';
import { tempLedger } from '../ledger/helpers';
import { commitKnown } from './known';

let t: Awaited<ReturnType<typeof tempLedger>>;
beforeEach(async () => {
  t = await tempLedger();
  t.clock.set(2020, 3, 15, 9);
  const chen = { certno: '440703195807120022', name: '陈秀兰', policy: 'CN-GD-JM', identities: ['precision-target'] };
  // A pharmacy sale with 9折 (药店让利 13.10) and a discharge with a hospital share.
  await commitKnown(t.ledger, {
    ...chen,
    date: '2020-03-15',
    visit: 'pharmacy',
    amounts: { total: '131.00', inscope: '131.00', basic: '58.95', discount: '13.10', patientCash: '58.95' },
  });
  await commitKnown(t.ledger, {
    ...chen,
    date: '2020-03-15',
    visit: 'inpatient',
    assistanceAdvanced: '700.00',
    amounts: { total: '5000.00', ownpay: '500.00', inscope: '4500.00', basic: '3200.00', assistance: '700.00', povertyFund: '600.00', hospitalShare: '500.00' },
  });
});
afterEach(async () => t.close());

async function documents(): Promise<Array<[string, ReportDocument]>> {
  const ledger = t.ledger;
  const declaration = (title: string) => ({ region: 'CN-GD-JM', regionName: '广东省江门市', title });
  return [
    ['日结汇总', (await buildDayCloseReport({ ledger, day: '2020-03-15' })).document],
    ['月度报表', (await buildMonthlyDispatch({ ledger, month: '2020-03', region: 'CN-GD-JM' })).document],
    ['季度调查', (await buildQuarterlySurvey({ ledger, quarter: '2020-Q1', region: 'CN-GD-JM' })).document],
    ['江门专项', (await buildPovertyFundReport({ ledger, month: '2020-03', declaration: declaration('江门专项') })).document],
    ['监测名单', (await buildMonitoringList({ ledger, year: 2020, declaration: declaration('监测名单') })).document],
    ['慈善转介', (await buildCharityReferrals({ ledger, from: '2020-03-01', to: '2020-03-31', declaration: declaration('慈善转介') })).document],
  ];
}

const cell = (row: ReportRow, key: string) => dec(String(row[key] ?? '0'));

describe('report columns', () => {
  it('every table that shows the payers shows all of them, and they add up to 费用总额', async () => {
    let checked = 0;
    for (const [name, doc] of await documents()) {
      for (const table of doc.tables) {
        const keys = table.columns.map((c) => c.key);
        if (!keys.includes('total') || !keys.includes('basic')) continue;
        expect(keys, `${name} · ${table.title}`).toEqual(expect.arrayContaining([...PAYER_FIELDS]));
        for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
          const payers = sum(PAYER_FIELDS.map((f) => cell(row, f)));
          expect(payers.toFixed(2), `${name} · ${table.title} · ${String(Object.values(row)[0])}`).toBe(cell(row, 'total').toFixed(2));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('日结 by fund keeps 药店让利 out of 医院负担, and with the patients’ cash adds up to the day’s total', async () => {
    const doc = (await buildDayCloseReport({ ledger: t.ledger, day: '2020-03-15' })).document;
    const summary = doc.tables.find((tb) => tb.columns.some((c) => c.key === 'hospitalShare'))!;
    const funds = doc.tables.find((tb) => tb.columns.some((c) => c.key === 'code'))!;
    const byName = Object.fromEntries(funds.rows.map((r) => [String(r.name), String(r.amount)]));
    expect(byName['医院负担']).toBe('500.00');
    expect(byName['药店让利']).toBe('13.10');
    const row = summary.total ?? summary.rows[0]!;
    expect(String(row.hospitalShare)).toBe(byName['医院负担']);
    const fundSum = sum(funds.rows.map((r) => String(r.amount))).plus(String(row.patientCash));
    expect(fundSum.toFixed(2)).toBe(String(row.total));
  });
});

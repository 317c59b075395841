import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCharityReferrals,
  buildDayCloseReport,
  buildPovertyFundReport,
  buildMonitoringList,
  buildMonthlyDispatch,
  buildQuarterlySurvey,
  closeDay,
  writeReportXlsx,
} from '../../electron/reports';
import { inOrder, tempLedger, unwrap } from '../ledger/helpers';
import { commitKnown, reverse } from './known';

/** As the shipped policy files declare them (resources/policies). */
const GZ_MONITORING = { region: 'CN-GZ', regionName: '贵州省', title: '因病返贫致贫风险监测名单' };
const JM_FUND = { region: 'CN-GD-JM', regionName: '广东省江门市', title: '江门市精准扶贫医疗保障结算报表' };
const LN_CHARITY = { region: 'CN-LN', regionName: '辽宁省', title: '社会慈善救助转介名单' };

let t: Awaited<ReturnType<typeof tempLedger>>;
beforeEach(async () => {
  t = await tempLedger();
  await t.ledger.operators.create({ id: 'c2', name: '李收费', role: 'cashier', password: '123456', mustChangePassword: false });
});
afterEach(async () => t.close());

const WANG = { certno: '520102196503150017', name: '王建国', policy: 'CN-GZ', identities: ['subsistence'] };
const YANG = { certno: '522627197209080047', name: '杨光英', policy: 'CN-GZ', identities: ['extreme-poverty'] };
const ZHAO = { certno: '520102198002020010', name: '赵志强', policy: 'CN-GZ', identities: [] };

/** The Guizhou March book: S1..S4 on the 15th, S2 reversed, the cashier closes at 18:00, S5 at 18:30. */
async function guizhouMarch() {
  const at = (h: number, m = 0) => t.clock.set(2021, 3, 15, h) ?? t.clock.tick(m * 60_000);
  at(9);
  const s1 = await commitKnown(t.ledger, {
    ...WANG,
    date: '2021-03-14',
    visit: 'inpatient',
    amounts: { total: '1000.00', ownpay: '100.00', preselfpay: '50.00', inscope: '850.00', basic: '595.00', assistance: '178.50', patientCash: '226.50' },
  });
  at(10);
  const s2 = await commitKnown(t.ledger, {
    ...YANG,
    date: '2021-03-15',
    visit: 'outpatient',
    amounts: { total: '200.00', inscope: '200.00', basic: '100.00', patientCash: '100.00' },
  });
  at(11);
  const s3 = await commitKnown(t.ledger, {
    ...ZHAO,
    date: '2021-03-15',
    visit: 'pharmacy',
    amounts: { total: '50.00', ownpay: '10.00', inscope: '40.00', basic: '20.00', patientCash: '30.00' },
  });
  at(12);
  const s4 = await commitKnown(t.ledger, {
    ...WANG,
    date: '2021-03-15',
    visit: 'inpatient',
    operator: 'c2',
    ytdPersonalPaid: '9800.00',
    flags: { monitoringAlert: true },
    amounts: { total: '3000.00', inscope: '3000.00', basic: '2100.00', assistance: '630.00', patientCash: '270.00' },
  });
  at(14);
  const r2 = await reverse(t.ledger, s2);
  at(18);
  const close = await closeDay({ ledger: t.ledger, day: '2021-03-15', operatorId: 'cashier' });
  at(18, 30);
  const s5 = await commitKnown(t.ledger, {
    ...ZHAO,
    date: '2021-03-15',
    visit: 'outpatient',
    amounts: { total: '80.00', inscope: '80.00', basic: '40.00', patientCash: '40.00' },
  });
  return { s1, s2, s3, s4, r2, s5, close };
}

describe('day close (日结)', () => {
  it('totals each cashier, counts reversals, and moves a settlement after the close to the next day', async () => {
    const { s2, r2, s5, close } = await guizhouMarch();
    const closed = unwrap(close);
    expect(closed.cashiers).toHaveLength(1);
    const c = closed.cashiers[0]!;
    expect(c).toMatchObject({
      operatorId: 'cashier',
      settlementCount: 3,
      reversalCount: 1,
      cashTaken: '356.50',
      cashRefunded: '100.00',
      netCash: '256.50',
      closed: { closedAt: expect.stringMatching(/^2021-03-15T18:00:00\.000/), closedBy: 'cashier' },
    });
    expect(c.totals).toMatchObject({ total: '1050.00', basic: '615.00', catastrophic: '0.00', assistance: '178.50', patientCash: '256.50', ownpay: '110.00' });
    expect(c.funds.map((f) => [f.code, f.amount])).toEqual([
      ['390100', '615.00'],
      ['390200', '0.00'],
      ['610100', '178.50'],
      ['999109', '0.00'],
      ['610104', '0.00'],
      ['999996', '0.00'],
      ['—', '0.00'],
    ]);
    expect(c.reversals).toEqual([
      { id: r2, originalId: s2, patientName: '杨光英', total: '-200.00', patientCash: '-100.00', reason: '收费错误', supervisorId: 'supervisor' },
    ]);

    const report = await buildDayCloseReport({ ledger: t.ledger, day: '2021-03-15' });
    expect(report.cashiers.map((x) => [x.operatorId, x.settlementCount, x.totals.total, x.closed !== null])).toEqual([
      ['c2', 1, '3000.00', false],
      ['cashier', 3, '1050.00', true],
    ]);
    // Amount columns carry the same names as the cashier's screen and the receipt.
    expect(report.document.tables[0]!.columns.map((c) => c.label).slice(3, 6)).toEqual(['费用总额', '基本医保统筹基金', '大病保险']);
    expect(report.document.tables[2]!.columns.map((c) => c.label).slice(4, 6)).toEqual(['费用总额', '个人现金支付']);
    // 日结时间 is the wall-clock time the ledger wrote, as on every other screen and the receipt.
    expect(report.document.tables[0]!.rows.map((r) => [r.cashier, r.closedAt])).toEqual([
      ['李收费（c2）', '未日结'],
      ['收费员（cashier）', '2021-03-15 18:00:00'],
    ]);
    const next = await buildDayCloseReport({ ledger: t.ledger, day: '2021-03-16', operatorId: 'cashier' });
    expect(next.cashiers[0]).toMatchObject({ settlementCount: 1, totals: expect.objectContaining({ total: '80.00' }), closed: null });
    expect((await t.ledger.getSettlement(s5))!.committedAt.slice(0, 10)).toBe('2021-03-15');
  });

  it('closes a day once, never a future day, and keeps the close row append-only', async () => {
    await guizhouMarch();
    const again = await closeDay({ ledger: t.ledger, day: '2021-03-15', operatorId: 'cashier' });
    expect(again).toEqual({ ok: false, error: { code: 'day-already-closed', message: '收费员 cashier 的 2021-03-15 已日结，不能重复日结' } });
    expect(await closeDay({ ledger: t.ledger, day: '2021-03-16', operatorId: 'cashier' })).toMatchObject({ ok: false, error: { code: 'day-close-future' } });
    expect(await closeDay({ ledger: t.ledger, day: '2021-03-15', operatorId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'ledger-unknown-operator' } });
    expect(() => t.sql.prepare('DELETE FROM reports_day_close').run()).toThrow('append-only');
    expect(t.sql.prepare(`SELECT action, subject FROM audit_log WHERE action = 'day.close'`).all()).toEqual([{ action: 'day.close', subject: 'cashier@2021-03-15' }]);
  });

  it('after the next day is closed too, a late settlement moves on again', async () => {
    await guizhouMarch();
    t.clock.set(2021, 3, 16, 20);
    unwrap(await closeDay({ ledger: t.ledger, day: '2021-03-16', operatorId: 'cashier' }));
    t.clock.set(2021, 3, 16, 21);
    await commitKnown(t.ledger, { ...ZHAO, date: '2021-03-16', visit: 'outpatient', amounts: { total: '10.00', inscope: '10.00', patientCash: '10.00' } });
    const days = await inOrder(
      ['2021-03-15', '2021-03-16', '2021-03-17'],
      async (day) => (await buildDayCloseReport({ ledger: t.ledger, day, operatorId: 'cashier' })).cashiers[0]!.totals.total,
    );
    expect(days).toEqual(['1050.00', '80.00', '10.00']);
  });
});

describe('seed 000 returns', () => {
  it('monthly dispatch: people by identity, visits, layers and the two ratios', async () => {
    await guizhouMarch();
    const m = await buildMonthlyDispatch({ ledger: t.ledger, month: '2021-03', region: 'CN-GZ' });
    expect(m.period).toEqual({ label: '2021年3月', from: '2021-03-01', to: '2021-03-31' });
    expect(m.figures.byIdentity.map((g) => [g.identity, g.people, g.visits, g.totals.total])).toEqual([
      ['extreme-poverty', 0, 0, '0.00'],
      ['subsistence', 1, 2, '4000.00'],
      ['none', 1, 2, '130.00'],
    ]);
    expect(m.figures.byVisit.map((g) => [g.visit, g.visits, g.totals.total])).toEqual([
      ['inpatient', 2, '4000.00'],
      ['outpatient', 1, '80.00'],
      ['pharmacy', 1, '50.00'],
    ]);
    expect(m.figures.all).toMatchObject({
      people: 2,
      visits: 4,
      inPolicySelfPay: '456.50',
      inPolicySelfPayRatio: '0.1136',
      outOfCatalogRatio: '0.0266',
      assistanceRatio: '0.6391',
    });
    expect(m.figures.all.totals).toMatchObject({ total: '4130.00', ownpay: '110.00', basic: '2755.00', assistance: '808.50', patientCash: '566.50' });
    expect(m.document.tables[0]!.total).toMatchObject({ label: '合计', people: 2, visits: 4, total: '4130.00', inPolicySelfPayRatio: '0.1136' });
    expect((await buildMonthlyDispatch({ ledger: t.ledger, month: '2021-04' })).figures.all).toMatchObject({ people: 0, visits: 0, inPolicySelfPayRatio: '0.0000' });
  });

  it('quarterly survey covers the quarter with the same figures', async () => {
    await guizhouMarch();
    const q = await buildQuarterlySurvey({ ledger: t.ledger, quarter: '2021-Q1' });
    expect(q.period).toMatchObject({ from: '2021-01-01', to: '2021-03-31' });
    expect(q.figures.all).toMatchObject({ people: 2, visits: 4, outOfCatalogRatio: '0.0266' });
    expect(q.document.tables.map((x) => x.title)).toEqual(['按身份类别', '按就诊类型', '三重保障受益']);
    await expect(buildQuarterlySurvey({ ledger: t.ledger, quarter: '2021-Q5' })).rejects.toThrow('季度格式错误');
  });
});

describe('regional lists', () => {
  it('Guizhou monitoring list: people whose annual burden passed the threshold', async () => {
    const { s4 } = await guizhouMarch();
    const list = await buildMonitoringList({ ledger: t.ledger, year: 2021, declaration: GZ_MONITORING });
    expect(list.entries).toEqual([
      { certno: WANG.certno, name: '王建国', identity: '低保对象', firstAlert: '2021-03-15', lastSettlement: s4, annualBurden: '10070.00', alerts: 1 },
    ]);
    expect((await buildMonitoringList({ ledger: t.ledger, year: 2020, declaration: GZ_MONITORING })).entries).toEqual([]);
  });

  it('Jiangmen: hospital share, advanced assistance, settlements awaiting expert review', async () => {
    t.clock.set(2020, 6, 10);
    const CHEN = { certno: '440703195807120022', name: '陈秀兰', policy: 'CN-GD-JM', identities: ['precision-target'] };
    const HUANG = { certno: '440703196204180020', name: '黄淑贞', policy: 'CN-GD-JM', identities: ['precision-target'] };
    const j1 = await commitKnown(t.ledger, {
      ...CHEN,
      date: '2020-06-10',
      visit: 'inpatient',
      assistanceAdvanced: '140.00',
      flags: { reviewRequired: true },
      amounts: { total: '12000.00', ownpay: '11000.00', inscope: '1000.00', basic: '800.00', assistance: '140.00', povertyFund: '8860.00', hospitalShare: '2200.00' },
    });
    const j2 = await commitKnown(t.ledger, {
      ...HUANG,
      date: '2020-06-10',
      visit: 'inpatient',
      assistanceAdvanced: '70.00',
      amounts: { total: '500.00', inscope: '500.00', basic: '400.00', assistance: '70.00', povertyFund: '30.00' },
    });
    const j3 = await commitKnown(t.ledger, {
      ...HUANG,
      date: '2020-06-10',
      visit: 'inpatient',
      flags: { reviewRequired: true },
      amounts: { total: '100.00', ownpay: '100.00', povertyFund: '80.00', hospitalShare: '20.00' },
    });
    const r3 = await reverse(t.ledger, j3);
    const j = await buildPovertyFundReport({ ledger: t.ledger, month: '2020-06', declaration: JM_FUND });
    expect(j.hospitalShare.total).toBe('2200.00');
    expect(j.hospitalShare.rows.map((r) => [r.id, r.hospitalShare])).toEqual([
      [j1, '2200.00'],
      [j3, '20.00'],
      [r3, '-20.00'],
    ]);
    expect(j.assistanceAdvanced.total).toBe('210.00');
    expect(j.assistanceAdvanced.rows.map((r) => [r.id, r.assistanceAdvanced])).toEqual([
      [j1, '140.00'],
      [j2, '70.00'],
    ]);
    expect(j.pendingReview.map((r) => [r.id, r.selfPaid])).toEqual([[j1, '11000.00']]);
    unwrap(await t.ledger.recordReview(j1, { outcome: 'approved', operatorId: 'supervisor' }));
    expect((await buildPovertyFundReport({ ledger: t.ledger, month: '2020-06', declaration: JM_FUND })).pendingReview).toEqual([]);
    expect((await buildPovertyFundReport({ ledger: t.ledger, month: '2020-07', declaration: JM_FUND })).hospitalShare).toEqual({ total: '0.00', rows: [] });
  });

  it('Liaoning charity referrals: flagged settlements that stand', async () => {
    t.clock.set(2020, 5, 20);
    const ZHANG = { certno: '210102196001010038', name: '张福生', policy: 'CN-LN', identities: ['registered-poor'], conditions: ['critical-illness'] };
    const a = await commitKnown(t.ledger, {
      ...ZHANG,
      date: '2020-05-20',
      visit: 'inpatient',
      flags: { charityReferral: true },
      amounts: {
        total: '60000.00',
        inscope: '60000.00',
        basic: '30000.00',
        catastrophic: '10000.00',
        assistance: '8000.00',
        supplementary: '6000.00',
        patientCash: '6000.00',
      },
    });
    const b = await commitKnown(t.ledger, {
      ...ZHANG,
      date: '2020-05-20',
      visit: 'inpatient',
      flags: { charityReferral: true },
      amounts: { total: '9000.00', inscope: '9000.00', patientCash: '9000.00' },
    });
    await reverse(t.ledger, b);
    const c = await buildCharityReferrals({ ledger: t.ledger, from: '2020-05-01', to: '2020-05-31', declaration: LN_CHARITY });
    expect(c.referrals).toEqual([
      {
        id: a,
        businessDay: '2020-05-20',
        name: '张福生',
        certno: ZHANG.certno,
        visit: 'inpatient',
        conditions: 'critical-illness',
        total: '60000.00',
        patientCash: '6000.00',
      },
    ]);
  });
});

describe('XLSX', () => {
  it('writes each table as a sheet with amounts as numbers formatted to the fen', async () => {
    await guizhouMarch();
    const path = join(t.path, '..', 'monthly.xlsx');
    await writeReportXlsx((await buildMonthlyDispatch({ ledger: t.ledger, month: '2021-03' })).document, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按身份类别', '按就诊类型']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('医疗保障扶贫工作调度报表（月报）');
    const header = ws.getRow(4).values as unknown[];
    expect(header.slice(1, 5)).toEqual(['身份类别', '服务人数', '就诊人次', '费用总额']);
    const totalRow = ws.getRow(8);
    expect([totalRow.getCell(1).value, totalRow.getCell(2).value, totalRow.getCell(4).value]).toEqual(['合计', 2, 4130]);
    expect(totalRow.getCell(4).numFmt).toBe('#,##0.00');
  });
});

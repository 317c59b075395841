/**
 * Lists built from the engine's flags on settlements that stand (not reversed), for the region
 * whose policy file declares them: the return-to-poverty monitoring list (`monitoring`: annual
 * personal burden above the threshold, for the rural-revitalisation office; seed 002) and the
 * charity referrals (`charity-referrals`; seed 003 三).
 */
import { dec, formatMoney } from '../../shared/money';
import { AMOUNT_LABELS } from '../../shared/labels';
import type { Ledger } from '../ledger';
import { money } from './amounts';
import { col, declaredColumns, type ReportDeclaration, type ReportDocument } from './document';
import { IDENTITY_KEY_LABELS } from './poverty-figures';
import { loadRows, primaryIdentity, type ReportRowData } from './settlement-rows';

type LedgerForReports = Pick<Ledger, 'reportRows' | 'dayCloses' | 'terminalId'>;

const standing = (rows: ReportRowData[]) => rows.filter((r) => r.kind === 'settlement' && !r.reversedBy);

export interface MonitoringEntry {
  certno: string;
  name: string;
  identity: string;
  firstAlert: string;
  lastSettlement: string;
  /** ytd.personalPaid before the latest flagged bill + its patientCash. */
  annualBurden: string;
  alerts: number;
}

/** 因病返贫致贫监测名单 for `year` (by settlement date). */
export async function buildMonitoringList(query: {
  ledger: LedgerForReports;
  year: number;
  declaration: ReportDeclaration;
}): Promise<{ year: number; entries: MonitoringEntry[]; document: ReportDocument }> {
  const region = query.declaration.region;
  const rows = standing(await loadRows(query.ledger, { from: `${query.year}-01-01`, to: `${query.year + 1}-01-31`, region })).filter(
    (r) => r.monitoringAlert && r.settleDate.startsWith(`${query.year}-`),
  );
  const byPerson = new Map<string, ReportRowData[]>();
  for (const r of rows) {
    const list = byPerson.get(r.certno);
    if (list) list.push(r);
    else byPerson.set(r.certno, [r]);
  }
  const entries = [...byPerson.values()].map((list): MonitoringEntry => {
    const last = list.at(-1)!;
    return {
      certno: last.certno,
      name: last.name,
      identity: IDENTITY_KEY_LABELS[primaryIdentity(last.identities)],
      firstAlert: list[0]!.settleDate,
      lastSettlement: last.id,
      annualBurden: formatMoney(dec(last.ytdPersonalPaid).plus(money(last.patientCash))),
      alerts: list.length,
    };
  });
  return {
    year: query.year,
    entries,
    document: declaredColumns(
      {
        title: query.declaration.title,
        subtitle: `${query.year}年度　${query.declaration.regionName}　报送乡村振兴部门　终端 ${query.ledger.terminalId}`,
        tables: [
          {
            title: '达到预警标准人员',
            columns: [
              col('name', '姓名'),
              col('certno', '证件号码'),
              col('identity', '身份类别'),
              col('firstAlert', '首次预警日期'),
              col('annualBurden', '年度个人负担', 'money'),
              col('alerts', '预警结算笔数', 'int'),
              col('lastSettlement', '最近预警结算单号'),
            ],
            rows: entries.map((e) => ({ ...e })),
          },
        ],
        notes: ['年度个人负担 = 本年此前个人已负担（医保中心累计）+ 该笔结算个人现金；已冲销的结算不计。'],
      },
      query.declaration.columns,
    ),
  };
}

export interface CharityReferral {
  id: string;
  businessDay: string;
  name: string;
  certno: string;
  visit: string;
  conditions: string;
  total: string;
  patientCash: string;
}

/** 社会慈善救助转介 for business days from…to. */
export async function buildCharityReferrals(query: {
  ledger: LedgerForReports;
  from: string;
  to: string;
  declaration: ReportDeclaration;
}): Promise<{ referrals: CharityReferral[]; document: ReportDocument }> {
  const region = query.declaration.region;
  const referrals = standing(await loadRows(query.ledger, { from: query.from, to: query.to, region }))
    .filter((r) => r.charityReferral)
    .map((r) => ({
      id: r.id,
      businessDay: r.businessDay,
      name: r.name,
      certno: r.certno,
      visit: r.visit,
      conditions: r.conditions.join('、'),
      total: money(r.total),
      patientCash: money(r.patientCash),
    }));
  return {
    referrals,
    document: declaredColumns(
      {
        title: query.declaration.title,
        subtitle: `${query.from} 至 ${query.to}　${query.declaration.regionName}　终端 ${query.ledger.terminalId}`,
        tables: [
          {
            title: '四重保障后个人负担仍超出承受能力',
            columns: [
              col('id', '结算单号'),
              col('businessDay', '营业日'),
              col('name', '姓名'),
              col('certno', '证件号码'),
              col('visit', '就诊类型'),
              col('conditions', '病种'),
              col('total', AMOUNT_LABELS.total, 'money'),
              col('patientCash', AMOUNT_LABELS.patientCash, 'money'),
            ],
            rows: referrals.map((r) => ({ ...r })),
          },
        ],
        notes: [],
      },
      query.declaration.columns,
    ),
  };
}

/** Seed 000's monthly dispatch report (附件2) and quarterly policy survey (附件1). */
import type { Ledger } from '../ledger';
import type { ReportDocument } from './document';
import { monthPeriod, quarterPeriod, type Period } from './period';
import { figuresTable, povertyFigures, type PovertyFigures } from './poverty-figures';
import { loadRows } from './settlement-rows';

export interface PovertyReturn {
  period: Period;
  region: string | null;
  figures: PovertyFigures;
  document: ReportDocument;
}

export interface PovertyReturnQuery {
  ledger: Pick<Ledger, 'reportRows' | 'dayCloses' | 'terminalId'>;
  /** Only this policy region; otherwise every region the terminal settles. */
  region?: string;
}

const NOTES = [
  '按营业日统计；冲销按负数计入冲销当日，就诊人次减一。',
  '服务人数按人员最高身份（就高）计一次，已冲销的结算不计人数。',
  '政策范围内个人自付比例 =（政策范围内个人自付 − 大病保险 − 医疗救助）÷ 政策范围内费用；目录外费用比例 = 全自费 ÷ 费用总额（应严格控制）。',
];

async function build(title: string, period: Period, query: PovertyReturnQuery, extra: (f: PovertyFigures) => ReportDocument['tables']): Promise<PovertyReturn> {
  const rows = await loadRows(query.ledger, { from: period.from, to: period.to, region: query.region });
  const figures = povertyFigures(rows);
  return {
    period,
    region: query.region ?? null,
    figures,
    document: {
      title,
      subtitle: `${period.label}（${period.from} 至 ${period.to}）　${query.region ?? '全部统筹区'}　终端 ${query.ledger.terminalId}`,
      tables: [figuresTable('按身份类别', '身份类别', figures.byIdentity, figures.all), ...extra(figures)],
      notes: NOTES,
    },
  };
}

/** 医疗保障扶贫工作调度报表（月报）. `month` is "YYYY-MM". */
export async function buildMonthlyDispatch(query: PovertyReturnQuery & { month: string }): Promise<PovertyReturn> {
  return build('医疗保障扶贫工作调度报表（月报）', monthPeriod(query.month), query, (f) => [figuresTable('按就诊类型', '就诊类型', f.byVisit, f.all)]);
}

/** 医疗保障扶贫政策调查表（季报）. `quarter` is "YYYY-Qn". */
export async function buildQuarterlySurvey(query: PovertyReturnQuery & { quarter: string }): Promise<PovertyReturn> {
  return build('医疗保障扶贫政策调查表（季报）', quarterPeriod(query.quarter), query, (f) => [
    figuresTable('按就诊类型', '就诊类型', f.byVisit, f.all),
    {
      title: '三重保障受益',
      columns: [
        { key: 'label', label: '项目', kind: 'text' },
        { key: 'value', label: '数值', kind: 'text' },
      ],
      rows: [
        { label: '基本医保支付', value: f.all.totals.basic },
        { label: '大病保险支付', value: f.all.totals.catastrophic },
        { label: '医疗救助支付', value: f.all.totals.assistance },
        { label: '医疗救助比例（目标不低于70%）', value: f.all.assistanceRatio },
        { label: '政策范围内个人自付比例', value: f.all.inPolicySelfPayRatio },
        { label: '目录外费用比例', value: f.all.outOfCatalogRatio },
      ],
    },
  ]);
}

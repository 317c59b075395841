/**
 * Which 1101 insuinfo row a settlement goes under, and whether any is in force on the settlement
 * date (national-platform.md §6.2, §17.5): a row counts from psn_insu_date, until paus_insu_date
 * when one is given, otherwise while psn_insu_stas is 1 (正常参保) or absent.
 */
import { INSUTYPE, type PersonInfo } from '../bureau';

type InsuRow = PersonInfo['insuinfo'][number];

const INSURANCE_BY_INSUTYPE = new Map<string, string>(Object.entries(INSUTYPE).map(([insurance, code]) => [code, insurance]));

export const INSU_STAS_LABELS: Readonly<Record<string, string>> = { '0': '未参保', '1': '正常参保', '2': '暂停参保', '4': '终止参保' };

export function inForceOn(row: InsuRow, date: string): boolean {
  if (row.psn_insu_date && row.psn_insu_date.slice(0, 10) > date) return false;
  if (row.paus_insu_date) return date < row.paus_insu_date.slice(0, 10);
  return !row.psn_insu_stas || row.psn_insu_stas === '1';
}

function describeRow(row: InsuRow): string {
  const stas = row.psn_insu_stas ? (INSU_STAS_LABELS[row.psn_insu_stas] ?? `参保状态 ${row.psn_insu_stas}`) : '参保状态未知';
  const since = row.paus_insu_date ? `（${row.paus_insu_date.slice(0, 10)} 起）` : row.psn_insu_date ? `（参保日期 ${row.psn_insu_date.slice(0, 10)}）` : '';
  return `险种 ${row.insutype} ${stas}${since}`;
}

export type InsuranceChoice = { ok: true; insurance: string; row: InsuRow; notices: string[] } | { ok: false; message: string };

/** The first row in force of a known insutype (resident, employee), else the first in force; none → not insured. */
export function chooseInsurance(info: PersonInfo, date: string): InsuranceChoice {
  const inForce = info.insuinfo.filter((r) => inForceOn(r, date));
  if (inForce.length === 0) {
    const rows = info.insuinfo.map(describeRow).join('；');
    return { ok: false, message: `${info.baseinfo.psn_name}在 ${date} 没有有效的医保参保（${rows || '医保中心未返回参保险种'}），不能按医保结算` };
  }
  const notices: string[] = [];
  for (const r of info.insuinfo) {
    if (!inForce.includes(r)) notices.push(describeRow(r));
    else if (!INSURANCE_BY_INSUTYPE.has(r.insutype)) notices.push(`未知险种 ${r.insutype}`);
  }
  const row = inForce.find((r) => INSURANCE_BY_INSUTYPE.has(r.insutype)) ?? inForce[0]!;
  return { ok: true, insurance: INSURANCE_BY_INSUTYPE.get(row.insutype) ?? row.insutype, row, notices };
}

/**
 * Bill lines ⇄ the centre's fee details (national-platform.md §9.3–§9.4, §10.3): each line goes up
 * as one feedetail; the centre's answer gives its class (chrgitm_lv 01 甲 / 02 乙 / 03 丙), self-pay
 * ratio and price cap, which both settlements then use. A class that differs from the bill's own is
 * kept on the line for the screen.
 */
import { createHash } from 'node:crypto';
import { lineAmount, type BillLine, type SettlementInputRaw } from '../../shared/engine';
import { dec, formatMoney } from '../../shared/money';
import type { FeeDetail, FeeResult } from './schemas';

type RawLine = SettlementInputRaw['lines'][number];

const CLASS_OF_LEVEL: Readonly<Record<string, 'A' | 'B' | 'C'>> = { '01': 'A', '02': 'B', '03': 'C', '1': 'A', '2': 'B', '3': 'C' };
/** 999999 (or more) in pric_uplmt_amt means no cap (§9.4). */
const NO_CAP = dec(999999);

export interface CentreLine {
  feedetlSn: string;
  code: string;
  name: string;
  billClass: string;
  centreClass: 'A' | 'B' | 'C';
  /** The centre's self-pay ratio of the line. */
  selfPayRatio: string;
  /** The bill's own B ratio (null when the bill gave none); absent in attempts stored before it was kept. */
  billSelfPayRatio?: string | null;
  priceCap: string | null;
  /** The centre's split of the line (§9.4). */
  split: { total: string; ownpay: string; overlimit: string; preselfpay: string; inscope: string };
  /** The centre's own note on the line (e.g. not in its catalogue). */
  memo: string | null;
  /** The centre classed it otherwise than the bill (class or B ratio). */
  differs: boolean;
}

export interface Staff {
  deptCode: string;
  deptName: string;
  doctorCode: string;
  doctorName: string;
}

export function linesDigest(lines: readonly RawLine[]): string {
  return createHash('sha256')
    .update(JSON.stringify(lines.map((l) => [l.code, String(l.price), String(l.qty)])))
    .digest('hex');
}

export function feeDetails(
  lines: readonly RawLine[],
  at: { mdtrtId: string; psnNo: string; time: string; staff: Staff; prefix: string; chrgBchno?: string; medType?: string },
): FeeDetail[] {
  return lines.map((line, i) => ({
    feedetl_sn: `${at.prefix}${String(i + 1).padStart(4, '0')}`,
    mdtrt_id: at.mdtrtId,
    psn_no: at.psnNo,
    ...(at.chrgBchno ? { chrg_bchno: at.chrgBchno, rx_circ_flag: '0' } : { med_type: at.medType }),
    fee_ocur_time: at.time,
    med_list_codg: String(line.code),
    medins_list_codg: String(line.code),
    det_item_fee_sumamt: formatMoney(lineAmount({ price: String(line.price), qty: String(line.qty) })),
    cnt: String(line.qty),
    pric: String(line.price),
    bilg_dept_codg: at.staff.deptCode,
    bilg_dept_name: at.staff.deptName,
    bilg_dr_codg: at.staff.doctorCode,
    bilg_dr_name: at.staff.doctorName,
    hosp_appr_flag: '1',
  }));
}

/** The centre's answer per line, in bill order. */
export function centreLines(lines: readonly RawLine[], sns: readonly string[], results: readonly FeeResult[]): CentreLine[] | string {
  const bySn = new Map(results.map((r) => [r.feedetl_sn, r]));
  const out: CentreLine[] = [];
  for (const [i, line] of lines.entries()) {
    const r = bySn.get(sns[i]!);
    if (!r) return `医保中心未返回费用明细 ${sns[i]} 的分类结果`;
    const centreClass = CLASS_OF_LEVEL[r.chrgitm_lv];
    if (!centreClass) return `医保中心返回了未知的收费项目等级 ${r.chrgitm_lv}（明细 ${sns[i]}）`;
    const cap = dec(r.pric_uplmt_amt).greaterThanOrEqualTo(NO_CAP) || dec(r.pric_uplmt_amt).isZero() ? null : dec(r.pric_uplmt_amt).toString();
    const ratio = dec(r.selfpay_prop).toString();
    const billRatio = line.selfPayRatio === undefined ? null : dec(String(line.selfPayRatio)).toString();
    out.push({
      feedetlSn: r.feedetl_sn,
      code: String(line.code),
      name: String(line.name ?? line.code),
      billClass: String(line.class),
      centreClass,
      selfPayRatio: ratio,
      billSelfPayRatio: billRatio,
      priceCap: cap,
      split: { total: r.det_item_fee_sumamt, ownpay: r.fulamt_ownpay_amt, overlimit: r.overlmt_amt, preselfpay: r.preselfpay_amt, inscope: r.inscp_scp_amt },
      memo: r.memo ?? null,
      differs: centreClass !== line.class || (centreClass === 'B' && billRatio !== ratio),
    });
  }
  return out;
}

/** The bill with each line's class, ratio and cap as the centre answered: what both settlements use. */
export function withCentreClasses(lines: readonly RawLine[], centre: readonly CentreLine[]): BillLine[] {
  return lines.map((line, i) => {
    const c = centre[i]!;
    const { selfPayRatio: _r, priceCap: _c, ...rest } = line as BillLine;
    return {
      ...rest,
      class: c.centreClass,
      ...(c.centreClass === 'B' ? { selfPayRatio: c.selfPayRatio } : {}),
      ...(c.priceCap && c.centreClass !== 'C' ? { priceCap: c.priceCap } : {}),
    } as BillLine;
  });
}

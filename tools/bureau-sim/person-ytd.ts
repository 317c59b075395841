/**
 * The simulator's own year-to-date of a person, from what it holds: the seeded 5206 figures from
 * other hospitals plus every settlement it stored, counted in the year (and month) of the
 * settlement date. 5206 answers from it, and 4101 is recomputed with it — never with the
 * year-to-date a client sends.
 */
import type { Ytd } from '../../shared/engine';
import { formatMoney, fromFen } from '../../shared/money';
import type { SimDb } from './db';

/** Sums (fen) of the stored settlements, by Hunan-style 5206 code stem. */
const STORED_SUMS = {
  D390101: 'SUM(hifp_pay)',
  D390201: 'SUM(hifmi_pay)',
  D610101: 'SUM(maf_pay)',
  // 大病合规费用: 政策范围内个人自付 (preselfpay + inscope − basic) of inpatient and chronic-outpatient settlements.
  TS390201: "SUM(CASE WHEN med_type IN ('21', '14') THEN preselfpay_amt + inscp_scp_amt - hifp_pay ELSE 0 END)",
  F0000: 'SUM(medfee_sumamt)',
  C0000: "SUM(CASE WHEN refd_setl_flag = '1' THEN -1 ELSE 1 END)",
} as const;
export type StoredCode = keyof typeof STORED_SUMS;
export const COUNT_CODES: ReadonlySet<string> = new Set(['C0000']);

const SETTLE_DATE = 'COALESCE(settle_date, substr(setl_time, 1, 10))';

/** Seeded + stored figures (fen; counts for C codes) for a person in a year up to a month (01–12). */
export function personCum(db: SimDb, psnNo: string, year: number, month: string): Map<string, number> {
  const figures = new Map<string, number>();
  const base = db.prepare('SELECT cum_type_code, cum_fen FROM accumulator_base WHERE psn_no = ? AND year = ?').all(psnNo, year) as Array<{
    cum_type_code: string;
    cum_fen: number;
  }>;
  for (const r of base) figures.set(r.cum_type_code, r.cum_fen);
  const stored = db
    .prepare(
      `SELECT ${Object.entries(STORED_SUMS)
        .map(([code, sql]) => `COALESCE(${sql}, 0) AS ${code}`)
        .join(', ')} FROM settlement
       WHERE psn_no = ? AND substr(${SETTLE_DATE}, 1, 4) = ? AND substr(${SETTLE_DATE}, 6, 2) <= ?`,
    )
    .get(psnNo, String(year), month) as Record<StoredCode, number>;
  for (const [code, value] of Object.entries(stored)) figures.set(code, (figures.get(code) ?? 0) + value);
  return figures;
}

/** The engine ytd the simulator settles a bill of `date` with, for the hospital that sends it. */
export function simulatorYtd(db: SimDb, psnNo: string, hospital: string, date: string): Ytd {
  const year = Number(date.slice(0, 4));
  const cum = personCum(db, psnNo, year, date.slice(5, 7));
  const money = (fen: number | undefined) => formatMoney(fromFen(fen ?? 0));
  // 5206 has no code for the patient's cash or the month's chronic self-paid share: both sides
  // count them from this hospital's own settlements.
  const own = db
    .prepare(
      `SELECT COALESCE(SUM(psn_cash_pay), 0) AS personal,
              COALESCE(SUM(CASE WHEN med_type = '14' AND substr(${SETTLE_DATE}, 1, 7) = ? THEN fulamt_ownpay_amt + overlmt_selfpay ELSE 0 END), 0) AS month_self
       FROM settlement WHERE psn_no = ? AND fixmedins_code = ? AND substr(${SETTLE_DATE}, 1, 4) = ?`,
    )
    .get(date.slice(0, 7), psnNo, hospital, String(year)) as { personal: number; month_self: number };
  return {
    basicPaid: money(cum.get('D390101')),
    catastrophicBase: money(cum.get('TS390201')),
    catastrophicPaid: money(cum.get('D390201')),
    assistancePaid: money(cum.get('D610101')),
    chainDeductiblePaid: '0.00',
    personalPaid: money(own.personal),
    monthSelfPaid: money(own.month_self),
  };
}

/**
 * 5206 (national-platform.md §14): cuminfo rows {insutype, year, cum_ym, cum_type_code, cum} in
 * Hunan-style codes, from the simulator's own figures for the year of cum_ym up to its month.
 * Each fund also comes per med_type (`D390101_BIZ21`) beside its plain total, as PW's centres
 * answer, and policy self-paid as `Z0000_BIZ<m>_LAB101`: a reader must not count either twice.
 */
import { cumQueryInputSchema } from '../../../electron/bureau';
import { formatMoney, fromFen } from '../../../shared/money';
import { findPerson } from '../db';
import { COUNT_CODES, personCum } from '../person-ytd';
import { rawNumber } from '../raw-number';
import { parseInput, txFail, type TxContext, type TxOutcome } from './types';

export function accumulators(ctx: TxContext): TxOutcome {
  const input = parseInput(cumQueryInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const { psn_no, cum_ym } = input.value.data;
  const person = findPerson(ctx.db, { psnNo: psn_no });
  if (!person) return txFail(`人员编号 ${psn_no} 不存在`);
  const year = cum_ym.slice(0, 4);
  const month = cum_ym.slice(4, 6);
  const row = (code: string, value: number) => ({
    insutype: person.insutype,
    year,
    cum_ym,
    cum_type_code: code,
    cum: rawNumber(COUNT_CODES.has(code) ? String(value) : formatMoney(fromFen(value))),
  });
  const cuminfo = [...personCum(ctx.db, psn_no, Number(year), month)].map(([code, value]) => row(code, value));
  const byMedType = ctx.db
    .prepare(
      `SELECT med_type, SUM(hifp_pay) AS hifp, SUM(fulamt_ownpay_amt) AS ownpay FROM settlement
       WHERE psn_no = ? AND substr(COALESCE(settle_date, setl_time), 1, 4) = ? AND substr(COALESCE(settle_date, setl_time), 6, 2) <= ? GROUP BY med_type`,
    )
    .all(psn_no, year, month) as Array<{ med_type: string; hifp: number; ownpay: number }>;
  for (const r of byMedType) cuminfo.push(row(`D390101_BIZ${r.med_type}`, r.hifp), row(`Z0000_BIZ${r.med_type}_LAB101`, r.ownpay));
  return { ok: true, output: { cuminfo } };
}

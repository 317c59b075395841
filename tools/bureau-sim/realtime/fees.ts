/**
 * Fee details (national-platform.md §9.3–§9.4, §10.3): 2204 / 2301 upload lines and answer each
 * with the centre's class, self-pay ratio, price cap and four-way split; a 2301 refund line has a
 * negative cnt and names the line it refunds (init_feedetl_sn). 2205 / 2302 withdraw unsettled
 * lines ("0000": all of them).
 */
import { feeUploadInputSchema, inpatientFeesCancelInputSchema, outpatientFeesCancelInputSchema } from '../../../electron/realtime';
import { dec, formatMoney, roundFen, ZERO } from '../../../shared/money';
import { rawNumber } from '../raw-number';
import { parseInput, txFail, type TxContext, type TxOutcome } from '../transactions/types';
import { classify, CLASS_OF_LEVEL, LEVEL_OF_CLASS } from './catalogue';
import { changedClass } from './faults';
import { realtimeTables } from './tables';
import { findVisit } from './visits';

export interface LineSplit {
  amount: string;
  fulamt: string;
  overlmt: string;
  preselfpay: string;
  inscp: string;
}

/** §9.4's identity: amount = fulamt + overlmt + preselfpay + inscp, each part rounded as the engine rounds. */
export function splitLine(cls: 'A' | 'B' | 'C', pric: string, cnt: string, prop: string, cap: string | null): LineSplit {
  const amount = roundFen(dec(pric).times(cnt));
  if (cls === 'C') return { amount: formatMoney(amount), fulamt: formatMoney(amount), overlmt: '0.00', preselfpay: '0.00', inscp: '0.00' };
  const over = cap !== null && dec(pric).greaterThan(cap) ? roundFen(dec(pric).minus(cap).times(cnt)) : ZERO;
  const eligible = amount.minus(over);
  const pre = cls === 'B' ? roundFen(eligible.times(prop)) : ZERO;
  return { amount: formatMoney(amount), fulamt: '0.00', overlmt: formatMoney(over), preselfpay: formatMoney(pre), inscp: formatMoney(eligible.minus(pre)) };
}

const money = (text: string) => rawNumber(formatMoney(text));

export function uploadFees(ctx: TxContext): TxOutcome {
  const input = parseInput(feeUploadInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const db = realtimeTables(ctx.db);
  const hospital = ctx.envelope.fixmedins_code;
  const inpatient = ctx.envelope.infno === '2301';
  const insert = db.prepare(
    `INSERT INTO rt_fee (fixmedins_code, mdtrt_id, feedetl_sn, init_feedetl_sn, chrg_bchno, med_list_codg, cnt, pric, chrgitm_lv, selfpay_prop, pric_uplmt_amt, msgid)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const result: unknown[] = [];
  for (const [i, f] of input.value.feedetail.entries()) {
    const where = `feedetail[${i}]（${f.feedetl_sn}）`;
    const visit = findVisit(db, hospital, f.mdtrt_id, f.psn_no);
    if (typeof visit === 'string') return txFail(`${where}：${visit}`);
    if (visit.status !== 'open') return txFail(`${where}：就诊ID ${f.mdtrt_id} 已出院，不能再上传费用明细`);
    if (!inpatient && !f.chrg_bchno) return txFail(`${where}：收费批次号 chrg_bchno 必填`);
    if (db.prepare('SELECT 1 FROM rt_fee WHERE fixmedins_code = ? AND mdtrt_id = ? AND feedetl_sn = ?').get(hospital, f.mdtrt_id, f.feedetl_sn)) {
      return txFail(`${where}：费用明细流水号已上传`);
    }
    const refund = dec(f.cnt).isNegative();
    if (refund && (!inpatient || !f.init_feedetl_sn)) return txFail(`${where}：退费明细须为住院明细并填写原费用流水号 init_feedetl_sn`);
    let cls: 'A' | 'B' | 'C';
    let prop: string;
    let cap: string | null;
    if (refund) {
      const original = db
        .prepare(
          'SELECT chrgitm_lv, selfpay_prop, pric_uplmt_amt, cnt, med_list_codg FROM rt_fee WHERE fixmedins_code = ? AND mdtrt_id = ? AND feedetl_sn = ? AND withdrawn = 0',
        )
        .get(hospital, f.mdtrt_id, f.init_feedetl_sn) as
        { chrgitm_lv: string; selfpay_prop: string; pric_uplmt_amt: string | null; cnt: string; med_list_codg: string } | undefined;
      if (!original || original.med_list_codg !== f.med_list_codg) return txFail(`${where}：原费用流水号 ${f.init_feedetl_sn ?? ''} 不存在或项目不符`);
      ({ chrgitm_lv: cls, selfpay_prop: prop, pric_uplmt_amt: cap } = { ...original, chrgitm_lv: CLASS_OF_LEVEL[original.chrgitm_lv] ?? 'C' });
    } else {
      const changed = changedClass(db, f.med_list_codg);
      const listed = classify(db, f.med_list_codg);
      cls = changed?.class ?? CLASS_OF_LEVEL[listed.chrgitm_lv] ?? 'C';
      prop = changed ? (changed.class === 'A' ? '0' : changed.class === 'C' ? '1' : (changed.selfPayRatio ?? '0.1')) : listed.selfpay_prop;
      cap = listed.pric_uplmt_amt;
    }
    const split = splitLine(cls, f.pric, f.cnt, prop, cap);
    if (!dec(split.amount).eq(f.det_item_fee_sumamt)) return txFail(`${where}：明细项目费用总额 ${f.det_item_fee_sumamt} 与单价×数量 ${split.amount} 不符`);
    insert.run(
      hospital,
      f.mdtrt_id,
      f.feedetl_sn,
      f.init_feedetl_sn ?? null,
      f.chrg_bchno ?? null,
      f.med_list_codg,
      f.cnt,
      f.pric,
      LEVEL_OF_CLASS[cls],
      prop,
      cap,
      ctx.envelope.msgid,
    );
    result.push({
      feedetl_sn: f.feedetl_sn,
      det_item_fee_sumamt: money(split.amount),
      cnt: rawNumber(f.cnt),
      pric: rawNumber(f.pric),
      pric_uplmt_amt: rawNumber(cap ?? '999999'),
      selfpay_prop: rawNumber(prop),
      fulamt_ownpay_amt: money(split.fulamt),
      overlmt_amt: money(split.overlmt),
      preselfpay_amt: money(split.preselfpay),
      inscp_scp_amt: money(split.inscp),
      chrgitm_lv: LEVEL_OF_CLASS[cls],
      med_chrgitm_type: null,
      memo: classify(db, f.med_list_codg).listed ? null : '医保目录外项目，全自费',
    });
  }
  return { ok: true, output: { result } };
}

export function withdrawInpatientFees(ctx: TxContext): TxOutcome {
  const input = parseInput(inpatientFeesCancelInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const db = realtimeTables(ctx.db);
  for (const row of input.value.data) {
    const visit = findVisit(db, ctx.envelope.fixmedins_code, row.mdtrt_id, row.psn_no);
    if (typeof visit === 'string') return txFail(visit);
    if (row.feedetl_sn === '0000') {
      db.prepare('UPDATE rt_fee SET withdrawn = 1 WHERE mdtrt_id = ? AND setl_id IS NULL').run(row.mdtrt_id);
      continue;
    }
    const fee = db.prepare('SELECT setl_id, withdrawn FROM rt_fee WHERE mdtrt_id = ? AND feedetl_sn = ?').get(row.mdtrt_id, row.feedetl_sn) as
      { setl_id: string | null; withdrawn: number } | undefined;
    if (!fee || fee.withdrawn) return txFail(`费用明细 ${row.feedetl_sn} 不存在或已撤销`);
    if (fee.setl_id) return txFail(`费用明细 ${row.feedetl_sn} 已结算（结算ID ${fee.setl_id}），不能撤销`);
    db.prepare('UPDATE rt_fee SET withdrawn = 1 WHERE mdtrt_id = ? AND (feedetl_sn = ? OR init_feedetl_sn = ?)').run(row.mdtrt_id, row.feedetl_sn, row.feedetl_sn);
  }
  return { ok: true, output: {} };
}

export function withdrawOutpatientFees(ctx: TxContext): TxOutcome {
  const input = parseInput(outpatientFeesCancelInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const d = input.value.data;
  const db = realtimeTables(ctx.db);
  const visit = findVisit(db, ctx.envelope.fixmedins_code, d.mdtrt_id, d.psn_no);
  if (typeof visit === 'string') return txFail(visit);
  const batch = d.chrg_bchno === '0000' ? '' : 'AND chrg_bchno = ?';
  db.prepare(`UPDATE rt_fee SET withdrawn = 1 WHERE mdtrt_id = ? AND setl_id IS NULL ${batch}`).run(...(batch ? [d.mdtrt_id, d.chrg_bchno] : [d.mdtrt_id]));
  return { ok: true, output: {} };
}

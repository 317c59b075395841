/**
 * Settlement (national-platform.md §9.5–§9.6, §10.4, §11, §13): the centre settles the visit's
 * unsettled lines itself — its own line classes, the person's identities and year-to-date as it
 * holds them, the three national layers only (the engine's `national-only` mode: a centre knows no
 * regional fourth layer). 2206/2303 answer a quotation (no setl_id); 2207/2304 store the
 * settlement (medins_setl_id = the request msgid, §11.1 row 38) so 5203/5206/3201 see it;
 * 2208/2305 store it negated under a new setl_id. 2601 undoes any of them (`undoByReversal`).
 */
import { CLR_TYPE, FUND_PAY_TYPES, MED_TYPE, type SetlinfoAmountField } from '../../../electron/bureau';
import { compactTime, wallTime } from '../../../shared/time';
import { settleCancelInputSchema, settleInputSchema } from '../../../electron/realtime';
import { settle, traceLimitOf, traceParamOf, type SettlementResult, type Visit } from '../../../shared/engine';
import { dec, formatMoney, fromFen, sum, type Decimal } from '../../../shared/money';
import { findPerson, findSettlement, insertSettlement, nextCounter, type PersonRow, type SimDb } from '../db';
import { simulatorYtd } from '../person-ytd';
import { rawNumber } from '../raw-number';
import { centreIdentities, centreInsurance } from '../recompute';
import { parseInput, txFail, type TxContext, type TxOutcome } from '../transactions/types';
import { CLASS_OF_LEVEL } from './catalogue';
import { plantedFen } from './faults';
import { realtimeTables } from './tables';
import { activeSettlementOf, findVisit, type VisitRow } from './visits';

const VISIT_OF_MED_TYPE: Readonly<Record<string, Visit>> = Object.fromEntries(Object.entries(MED_TYPE).map(([visit, medType]) => [medType, visit as Visit]));
const INPATIENT_INFNOS = new Set(['2303', '2304']);
const BINDING_INFNOS = new Set(['2207', '2304']);

interface FeeRow {
  feedetl_sn: string;
  init_feedetl_sn: string | null;
  med_list_codg: string;
  cnt: string;
  pric: string;
  chrgitm_lv: string;
  selfpay_prop: string;
  pric_uplmt_amt: string | null;
}

interface Computed {
  result: SettlementResult;
  person: PersonRow;
  visit: VisitRow;
  visitKind: Visit;
  date: string;
  planted: boolean;
  fees: FeeRow[];
}

/** The unsettled lines of the visit (or of one outpatient batch), refunds netted into the lines they refund. */
function billLines(fees: readonly FeeRow[]) {
  const qty = new Map<string, Decimal>();
  for (const f of fees) {
    const key = f.init_feedetl_sn ?? f.feedetl_sn;
    qty.set(key, (qty.get(key) ?? dec(0)).plus(f.cnt));
  }
  return fees
    .filter((f) => !f.init_feedetl_sn && qty.get(f.feedetl_sn)!.greaterThan(0))
    .map((f) => {
      const cls = CLASS_OF_LEVEL[f.chrgitm_lv] ?? 'C';
      return {
        code: f.med_list_codg,
        class: cls,
        price: f.pric,
        qty: qty.get(f.feedetl_sn)!.toString(),
        ...(cls === 'B' ? { selfPayRatio: f.selfpay_prop } : {}),
        ...(f.pric_uplmt_amt && cls !== 'C' ? { priceCap: f.pric_uplmt_amt } : {}),
      };
    });
}

function compute(ctx: TxContext, data: ReturnType<typeof settleInputSchema.parse>['data']): Computed | string {
  const db = realtimeTables(ctx.db);
  const hospital = ctx.envelope.fixmedins_code;
  const visit = findVisit(db, hospital, data.mdtrt_id, data.psn_no);
  if (typeof visit === 'string') return visit;
  const inpatient = INPATIENT_INFNOS.has(ctx.envelope.infno);
  if (inpatient !== visit.med_type.startsWith('2')) return `就诊ID ${data.mdtrt_id} 的医疗类别 ${visit.med_type} 不能用交易 ${ctx.envelope.infno} 结算`;
  if (inpatient) {
    const settled = activeSettlementOf(db, data.mdtrt_id);
    if (settled) return `该次住院已结算（结算ID ${settled}），不能重复结算`;
  } else if (!data.chrg_bchno) return '收费批次号 chrg_bchno 必填';
  const person = findPerson(db, { psnNo: data.psn_no });
  if (!person) return `人员编号 ${data.psn_no} 不存在`;
  const fees = db
    .prepare(
      `SELECT * FROM rt_fee WHERE fixmedins_code = ? AND mdtrt_id = ? AND withdrawn = 0 AND setl_id IS NULL ${inpatient ? '' : 'AND chrg_bchno = ?'} ORDER BY rowid`,
    )
    .all(...(inpatient ? [hospital, data.mdtrt_id] : [hospital, data.mdtrt_id, data.chrg_bchno])) as FeeRow[];
  const lines = billLines(fees);
  if (lines.length === 0) return '没有待结算的费用明细，请先上传费用明细';
  // The person's pooling region: the same 区划, else the region of the same province (522600 → CN-GZ).
  const regions = ctx.library.regions();
  const region = (regions.find((r) => r.admdvs === person.insuplc_admdvs) ?? regions.find((r) => r.admdvs?.slice(0, 2) === person.insuplc_admdvs.slice(0, 2)))?.region;
  if (!region) return `参保地 ${person.insuplc_admdvs} 不在本中心的统筹区`;
  const date = (data.dscgTime ?? visit.endtime ?? visit.begntime ?? wallTime(ctx.now)).slice(0, 10);
  const visitKind = VISIT_OF_MED_TYPE[visit.med_type] ?? (inpatient ? 'inpatient' : 'outpatient');
  const input = {
    policy: region,
    date,
    visit: visitKind,
    hospital: { level: visit.hosp_lv, referral: visit.trt_refl },
    person: {
      insurance: centreInsurance(person),
      identities: centreIdentities(ctx, person, region, date).identities,
      conditions: JSON.parse(person.conditions) as string[],
    },
    ytd: simulatorYtd(db, person.psn_no, hospital, date),
    lines,
  };
  const outcome = settle(input, ctx.library, { kind: 'national-only' });
  if (!outcome.ok) return `费用无法结算（${outcome.error.code}）：${outcome.error.message}`;
  if (!dec(outcome.value.amounts.total).eq(data.medfee_sumamt)) return `医疗费总额 ${data.medfee_sumamt} 与已上传明细合计 ${outcome.value.amounts.total} 不符`;
  return { result: outcome.value, person, visit, visitKind, date, planted: plantedFen(db, visit.mdtrt_id, visit.planted_fen === 1), fees };
}

/** The §11.1 amounts of a result (negated for a cancellation), the planted fen included. */
function platformAmounts(c: Pick<Computed, 'result' | 'planted'>): Record<SetlinfoAmountField, Decimal> {
  const a = c.result.amounts;
  const hifp = dec(a.basic).plus(c.planted ? '0.01' : 0);
  const fund = sum([hifp, a.catastrophic, a.assistance]);
  const psn = dec(a.total).minus(fund);
  return {
    medfee_sumamt: dec(a.total),
    fulamt_ownpay_amt: dec(a.ownpay),
    overlmt_selfpay: dec(a.overlimit),
    preselfpay_amt: dec(a.preselfpay),
    inscp_scp_amt: dec(a.inscope),
    hifp_pay: hifp,
    hifmi_pay: dec(a.catastrophic),
    maf_pay: dec(a.assistance),
    oth_pay: dec(0),
    fund_pay_sumamt: fund,
    hosp_part_amt: dec(0),
    acct_pay: dec(0),
    psn_part_amt: psn,
    psn_cash_pay: psn,
  };
}

const FUND_ROWS = [
  { field: 'hifp_pay', code: '390100' },
  { field: 'hifmi_pay', code: '390200' },
  { field: 'maf_pay', code: '610100' },
] as const;

function setldetail(amounts: Record<SetlinfoAmountField, Decimal>) {
  const names = new Map(FUND_PAY_TYPES.map((f) => [f.code, f.name]));
  return FUND_ROWS.filter((r) => !amounts[r.field].isZero()).map((r) => ({
    fund_pay_type: r.code,
    fund_payamt: amounts[r.field],
    fund_pay_type_name: names.get(r.code) ?? null,
  }));
}

function setlinfo(ctx: TxContext, c: Computed, amounts: Record<SetlinfoAmountField, Decimal>, setlId: string | null, sign: 1 | -1) {
  const m = (d: Decimal) => rawNumber(formatMoney(d.times(sign)));
  const p = c.person;
  return {
    mdtrt_id: c.visit.mdtrt_id,
    setl_id: setlId,
    psn_no: p.psn_no,
    psn_name: p.psn_name,
    psn_cert_type: '01',
    certno: p.certno,
    gend: p.gend,
    naty: '01',
    brdy: p.brdy,
    insutype: p.insutype,
    psn_type: p.psn_type,
    cvlserv_flag: '0',
    setl_time: wallTime(ctx.now),
    mdtrt_cert_type: '02',
    med_type: c.visit.med_type,
    medfee_sumamt: m(amounts.medfee_sumamt),
    fulamt_ownpay_amt: m(amounts.fulamt_ownpay_amt),
    overlmt_selfpay: m(amounts.overlmt_selfpay),
    preselfpay_amt: m(amounts.preselfpay_amt),
    inscp_scp_amt: m(amounts.inscp_scp_amt),
    act_pay_dedc: m(dec(traceLimitOf(c.result.trace, 'basic.deductibleApplied') ?? '0')),
    hifp_pay: m(amounts.hifp_pay),
    pool_prop_selfpay: rawNumber(traceParamOf(c.result.trace, 'basic.ratio') ?? '0'),
    cvlserv_pay: m(dec(0)),
    hifes_pay: m(dec(0)),
    hifmi_pay: m(amounts.hifmi_pay),
    hifob_pay: m(dec(0)),
    maf_pay: m(amounts.maf_pay),
    hosp_part_amt: m(amounts.hosp_part_amt),
    oth_pay: m(amounts.oth_pay),
    fund_pay_sumamt: m(amounts.fund_pay_sumamt),
    psn_part_amt: m(amounts.psn_part_amt),
    acct_pay: m(amounts.acct_pay),
    psn_cash_pay: m(amounts.psn_cash_pay),
    balc: m(dec(0)),
    acct_mulaid_pay: m(dec(0)),
    medins_setl_id: ctx.envelope.msgid,
    clr_optins: ctx.envelope.mdtrtarea_admvs,
    clr_way: '1',
    clr_type: CLR_TYPE[c.visitKind],
  };
}

function newSetlId(ctx: TxContext): string {
  return `${ctx.envelope.mdtrtarea_admvs}${compactTime(ctx.now).slice(0, 8)}${String(nextCounter(ctx.db, 'rt_setl_id')).padStart(8, '0')}`;
}

function refusedAsReversed(db: SimDb, msgid: string): string | null {
  return realtimeTables(db).prepare('SELECT 1 FROM rt_reversed WHERE msgid = ?').get(msgid) ? `报文 ${msgid} 已冲正，不再处理` : null;
}

/** 2206 / 2207 / 2303 / 2304. */
export function settleVisit(ctx: TxContext): TxOutcome {
  const input = parseInput(settleInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const reversed = refusedAsReversed(ctx.db, ctx.envelope.msgid);
  if (reversed) return txFail(reversed);
  const c = compute(ctx, input.value.data);
  if (typeof c === 'string') return txFail(c);
  const amounts = platformAmounts(c);
  const binding = BINDING_INFNOS.has(ctx.envelope.infno);
  const setlId = binding ? newSetlId(ctx) : null;
  const info = setlinfo(ctx, c, amounts, setlId, 1);
  const detail = setldetail(amounts);
  if (setlId) {
    insertSettlement(ctx.db, {
      fixmedinsCode: ctx.envelope.fixmedins_code,
      setlId,
      setlListId: '',
      msgid: ctx.envelope.msgid,
      psnNo: c.person.psn_no,
      certno: c.person.certno,
      insutype: c.person.insutype,
      medType: c.visit.med_type,
      clrType: CLR_TYPE[c.visitKind],
      setlTime: wallTime(ctx.now),
      settleDate: c.date,
      refdSetlFlag: '0',
      initSetlId: null,
      amounts,
      fingerprint: 'realtime',
      record: { setlinfo: { mdtrt_id: c.visit.mdtrt_id }, payinfo: detail.map((d) => ({ fund_pay_type: d.fund_pay_type, fund_payamt: formatMoney(d.fund_payamt) })) },
      storedAt: wallTime(ctx.now),
    });
    // §11.1 row 38: a real-time settlement is known to the centre by the settling request's msgid too.
    ctx.db.prepare('UPDATE settlement SET medins_setl_id = ?, setl_list_id = NULL WHERE setl_id = ?').run(ctx.envelope.msgid, setlId);
    const mark = ctx.db.prepare('UPDATE rt_fee SET setl_id = ? WHERE mdtrt_id = ? AND feedetl_sn = ?');
    for (const f of c.fees) mark.run(setlId, c.visit.mdtrt_id, f.feedetl_sn);
  }
  return {
    ok: true,
    output: {
      setlinfo: info,
      setldetail: detail.map((d) => ({
        ...d,
        fund_payamt: rawNumber(formatMoney(d.fund_payamt)),
        inscp_scp_amt: info.inscp_scp_amt,
        crt_payb_lmt_amt: null,
        setl_proc_info: null,
      })),
    },
  };
}

/** 2208 / 2305: the settlement negated under a new setl_id; its lines are unsettled again. */
export function cancelSettlement(ctx: TxContext): TxOutcome {
  const input = parseInput(settleCancelInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const reversed = refusedAsReversed(ctx.db, ctx.envelope.msgid);
  if (reversed) return txFail(reversed);
  const d = input.value.data;
  const db = realtimeTables(ctx.db);
  const original = findSettlement(db, ctx.envelope.fixmedins_code, d.setl_id);
  if (!original || original.setl_id !== d.setl_id || original.fingerprint !== 'realtime' || original.psn_no !== d.psn_no) return txFail(`结算ID ${d.setl_id} 不存在`);
  if (original.refd_setl_flag !== '0') return txFail(`结算ID ${d.setl_id} 是一笔结算撤销，不能再撤销`);
  const cancelledBy = cancellationOf(db, original.setl_id);
  if (cancelledBy) return txFail(`结算ID ${d.setl_id} 已撤销（撤销结算ID ${cancelledBy}），不能重复撤销`);
  if (activeSettlementOf(db, d.mdtrt_id) !== d.setl_id) return txFail(`结算ID ${d.setl_id} 不属于就诊 ${d.mdtrt_id}`);
  const visit = findVisit(db, ctx.envelope.fixmedins_code, d.mdtrt_id, d.psn_no);
  if (typeof visit === 'string') return txFail(visit);
  const inpatient = ctx.envelope.infno === '2305';
  if (inpatient !== visit.med_type.startsWith('2')) return txFail(`就诊ID ${d.mdtrt_id} 的医疗类别 ${visit.med_type} 不能用交易 ${ctx.envelope.infno} 撤销结算`);
  const amounts = Object.fromEntries(
    Object.entries(original)
      .filter(([k]) => k in platformZero)
      .map(([k, v]) => [k, fromFen(v as number).negated()]),
  ) as Record<SetlinfoAmountField, Decimal>;
  const setlId = newSetlId(ctx);
  insertSettlement(db, {
    fixmedinsCode: ctx.envelope.fixmedins_code,
    setlId,
    setlListId: '',
    msgid: ctx.envelope.msgid,
    psnNo: original.psn_no,
    certno: original.certno,
    insutype: original.insutype,
    medType: original.med_type,
    clrType: original.clr_type,
    setlTime: wallTime(ctx.now),
    settleDate: original.settle_date ?? original.setl_time.slice(0, 10),
    refdSetlFlag: '1',
    initSetlId: original.setl_id,
    amounts,
    fingerprint: 'realtime',
    record: { setlinfo: { mdtrt_id: d.mdtrt_id }, payinfo: [] },
    storedAt: wallTime(ctx.now),
  });
  db.prepare('UPDATE settlement SET medins_setl_id = ?, setl_list_id = NULL WHERE setl_id = ?').run(ctx.envelope.msgid, setlId);
  db.prepare('UPDATE rt_fee SET setl_id = NULL WHERE setl_id = ?').run(original.setl_id);
  const m = (f: SetlinfoAmountField) => rawNumber(formatMoney(amounts[f]));
  return {
    ok: true,
    output: {
      setlinfo: {
        mdtrt_id: d.mdtrt_id,
        setl_id: setlId,
        psn_no: original.psn_no,
        insutype: original.insutype,
        med_type: original.med_type,
        clr_type: original.clr_type,
        setl_time: wallTime(ctx.now),
        clr_optins: ctx.envelope.mdtrtarea_admvs,
        medfee_sumamt: m('medfee_sumamt'),
        fulamt_ownpay_amt: m('fulamt_ownpay_amt'),
        overlmt_selfpay: m('overlmt_selfpay'),
        preselfpay_amt: m('preselfpay_amt'),
        inscp_scp_amt: m('inscp_scp_amt'),
        hifp_pay: m('hifp_pay'),
        hifmi_pay: m('hifmi_pay'),
        maf_pay: m('maf_pay'),
        oth_pay: m('oth_pay'),
        fund_pay_sumamt: m('fund_pay_sumamt'),
        psn_part_amt: m('psn_part_amt'),
        acct_pay: m('acct_pay'),
        psn_cash_pay: m('psn_cash_pay'),
        hosp_part_amt: m('hosp_part_amt'),
        medins_setl_id: ctx.envelope.msgid,
      },
      setldetail: FUND_ROWS.filter((r) => !amounts[r.field].isZero()).map((r) => ({ fund_pay_type: r.code, fund_payamt: m(r.field) })),
    },
  };
}

/** The setl_id of the cancellation (2208/2305) of a settlement, if it was cancelled. */
export function cancellationOf(db: SimDb, setlId: string): string | null {
  const row = db.prepare("SELECT setl_id FROM settlement WHERE refd_setl_flag = '1' AND init_setl_id = ?").get(setlId) as { setl_id: string } | undefined;
  return row?.setl_id ?? null;
}

const platformZero: Record<SetlinfoAmountField, 0> = {
  medfee_sumamt: 0,
  fulamt_ownpay_amt: 0,
  overlmt_selfpay: 0,
  preselfpay_amt: 0,
  inscp_scp_amt: 0,
  hifp_pay: 0,
  hifmi_pay: 0,
  maf_pay: 0,
  oth_pay: 0,
  fund_pay_sumamt: 0,
  hosp_part_amt: 0,
  acct_pay: 0,
  psn_part_amt: 0,
  psn_cash_pay: 0,
};

/**
 * 2601 of a real-time transaction (§13): the settlement (or cancellation, or admission) the
 * message made is undone as if it never happened; the msgid is remembered, so the same message
 * arriving late (it was still in flight when the hospital gave up on it) is refused.
 */
export function undoByReversal(ctx: TxContext, omsgid: string, oinfno: string): void {
  const db = realtimeTables(ctx.db);
  db.prepare('INSERT OR IGNORE INTO rt_reversed VALUES (?, ?, ?)').run(omsgid, oinfno, wallTime(ctx.now));
  const made = db.prepare('SELECT setl_id, init_setl_id FROM settlement WHERE fixmedins_code = ? AND msgid = ?').get(ctx.envelope.fixmedins_code, omsgid) as
    { setl_id: string; init_setl_id: string | null } | undefined;
  if (made) {
    db.prepare('DELETE FROM settlement WHERE setl_id = ?').run(made.setl_id);
    if (made.init_setl_id) {
      // A cancellation undone: the original's lines are settled by it again.
      const visit = db.prepare("SELECT json_extract(record, '$.setlinfo.mdtrt_id') AS mdtrt_id FROM settlement WHERE setl_id = ?").get(made.init_setl_id) as
        { mdtrt_id: string } | undefined;
      if (visit) db.prepare('UPDATE rt_fee SET setl_id = ? WHERE mdtrt_id = ? AND setl_id IS NULL AND withdrawn = 0').run(made.init_setl_id, visit.mdtrt_id);
    } else {
      db.prepare('UPDATE rt_fee SET setl_id = NULL WHERE setl_id = ?').run(made.setl_id);
    }
  }
  if (oinfno === '2401') db.prepare("UPDATE rt_visit SET status = 'cancelled' WHERE msgid = ?").run(omsgid);
}

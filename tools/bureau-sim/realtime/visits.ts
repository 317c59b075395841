/**
 * Visits (national-platform.md §9.1–§9.2, §10.1–§10.2): 2201 registration and 2203 visit data,
 * 2401 admission and 2402 discharge, their cancellations 2202, 2404, 2405. The centre answers the
 * visit key `mdtrt_id`; the hospital level and referral it would know from its own registries
 * travel in `exp_content` (`hosp_lv`, `trt_refl`: ours).
 */
import { admissionInputSchema, dischargeInputSchema, outpatientVisitInputSchema, registerInputSchema, visitCancelInputSchema } from '../../../electron/realtime';
import { findPerson, nextCounter, type SimDb } from '../db';
import { parseInput, txFail, type TxContext, type TxOutcome } from '../transactions/types';
import { realtimeTables } from './tables';

export interface VisitRow {
  mdtrt_id: string;
  fixmedins_code: string;
  psn_no: string;
  insutype: string;
  med_type: string;
  ipt_otp_no: string;
  begntime: string;
  endtime: string | null;
  hosp_lv: number;
  trt_refl: string;
  status: 'open' | 'discharged' | 'cancelled';
  msgid: string;
  planted_fen: number;
}

export function findVisit(db: SimDb, hospital: string, mdtrtId: string, psnNo: string): VisitRow | string {
  const visit = realtimeTables(db).prepare('SELECT * FROM rt_visit WHERE mdtrt_id = ? AND fixmedins_code = ?').get(mdtrtId, hospital) as VisitRow | undefined;
  if (!visit) return `就诊ID ${mdtrtId} 不存在`;
  if (visit.psn_no !== psnNo) return `就诊ID ${mdtrtId} 不属于人员 ${psnNo}`;
  if (visit.status === 'cancelled') return `就诊ID ${mdtrtId} 已撤销`;
  return visit;
}

/** An active (not cancelled, not reversed) settlement of the visit, if any. */
export function activeSettlementOf(db: SimDb, mdtrtId: string): string | null {
  const row = realtimeTables(db)
    .prepare(
      `SELECT s.setl_id FROM settlement s WHERE s.refd_setl_flag = '0' AND json_extract(s.record, '$.setlinfo.mdtrt_id') = ?
         AND NOT EXISTS (SELECT 1 FROM settlement r WHERE r.init_setl_id = s.setl_id)`,
    )
    .get(mdtrtId) as { setl_id: string } | undefined;
  return row?.setl_id ?? null;
}

function openVisit(
  ctx: TxContext,
  v: { psnNo: string; insutype: string; medType: string; iptOtpNo: string; begntime: string; exp?: { hosp_lv?: string; trt_refl?: string } | null },
): string | { mdtrtId: string } {
  const db = realtimeTables(ctx.db);
  const person = findPerson(db, { psnNo: v.psnNo });
  if (!person) return `人员编号 ${v.psnNo} 不存在`;
  if (person.insutype !== v.insutype) return `人员 ${v.psnNo} 未参加险种 ${v.insutype}`;
  // One visit in progress per 住院/门诊号: a number whose visit was settled (or cancelled) may come again.
  const taken = db
    .prepare("SELECT mdtrt_id FROM rt_visit WHERE fixmedins_code = ? AND ipt_otp_no = ? AND status != 'cancelled'")
    .all(ctx.envelope.fixmedins_code, v.iptOtpNo)
    .map((r) => (r as { mdtrt_id: string }).mdtrt_id)
    .find((id) => activeSettlementOf(db, id) === null);
  if (taken) return `住院/门诊号 ${v.iptOtpNo} 已登记且尚未结算（就诊ID ${taken}）`;
  const level = Number(v.exp?.hosp_lv ?? '1');
  const mdtrtId = `${ctx.envelope.mdtrtarea_admvs}${String(nextCounter(db, 'mdtrt_id')).padStart(10, '0')}`;
  db.prepare(
    'INSERT INTO rt_visit (mdtrt_id, fixmedins_code, psn_no, insutype, med_type, ipt_otp_no, begntime, hosp_lv, trt_refl, status, msgid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    mdtrtId,
    ctx.envelope.fixmedins_code,
    v.psnNo,
    v.insutype,
    v.medType,
    v.iptOtpNo,
    v.begntime,
    [1, 2, 3].includes(level) ? level : 1,
    v.exp?.trt_refl ?? 'local',
    'open',
    ctx.envelope.msgid,
  );
  return { mdtrtId };
}

export function register(ctx: TxContext): TxOutcome {
  const input = parseInput(registerInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const d = input.value.data;
  const opened = openVisit(ctx, { psnNo: d.psn_no, insutype: d.insutype, medType: '11', iptOtpNo: d.ipt_otp_no, begntime: d.begntime, exp: d.exp_content });
  if (typeof opened === 'string') return txFail(opened);
  return { ok: true, output: { data: { mdtrt_id: opened.mdtrtId, psn_no: d.psn_no, ipt_otp_no: d.ipt_otp_no } } };
}

export function outpatientVisit(ctx: TxContext): TxOutcome {
  const input = parseInput(outpatientVisitInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const m = input.value.mdtrtinfo;
  const visit = findVisit(ctx.db, ctx.envelope.fixmedins_code, m.mdtrt_id, m.psn_no);
  if (typeof visit === 'string') return txFail(visit);
  ctx.db.prepare('UPDATE rt_visit SET med_type = ? WHERE mdtrt_id = ?').run(m.med_type, m.mdtrt_id);
  return { ok: true, output: {} };
}

export function admission(ctx: TxContext): TxOutcome {
  const input = parseInput(admissionInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const m = input.value.mdtrtinfo;
  const opened = openVisit(ctx, { psnNo: m.psn_no, insutype: m.insutype, medType: m.med_type, iptOtpNo: m.ipt_no, begntime: m.begntime, exp: m.exp_content });
  if (typeof opened === 'string') return txFail(opened);
  return { ok: true, output: { result: { mdtrt_id: opened.mdtrtId } } };
}

export function discharge(ctx: TxContext): TxOutcome {
  const input = parseInput(dischargeInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const d = input.value.dscginfo;
  const visit = findVisit(ctx.db, ctx.envelope.fixmedins_code, d.mdtrt_id, d.psn_no);
  if (typeof visit === 'string') return txFail(visit);
  ctx.db.prepare("UPDATE rt_visit SET endtime = ?, status = 'discharged' WHERE mdtrt_id = ?").run(d.endtime, d.mdtrt_id);
  return { ok: true, output: {} };
}

/** 2202 / 2404: the visit is cancelled, only while nothing of it is settled. */
export function cancelVisit(ctx: TxContext): TxOutcome {
  const input = parseInput(visitCancelInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const d = input.value.data;
  const visit = findVisit(ctx.db, ctx.envelope.fixmedins_code, d.mdtrt_id, d.psn_no);
  if (typeof visit === 'string') return txFail(visit);
  const settled = activeSettlementOf(ctx.db, d.mdtrt_id);
  if (settled) return txFail(`就诊ID ${d.mdtrt_id} 已结算（结算ID ${settled}），请先撤销结算`);
  ctx.db.prepare("UPDATE rt_visit SET status = 'cancelled' WHERE mdtrt_id = ?").run(d.mdtrt_id);
  ctx.db.prepare('UPDATE rt_fee SET withdrawn = 1 WHERE mdtrt_id = ? AND setl_id IS NULL').run(d.mdtrt_id);
  return { ok: true, output: {} };
}

/** 2405: discharge undone (after 2305, before more lines or a new settlement). */
export function cancelDischarge(ctx: TxContext): TxOutcome {
  const input = parseInput(visitCancelInputSchema, ctx.envelope.input);
  if (!input.ok) return txFail(input.errMsg);
  const d = input.value.data;
  const visit = findVisit(ctx.db, ctx.envelope.fixmedins_code, d.mdtrt_id, d.psn_no);
  if (typeof visit === 'string') return txFail(visit);
  if (visit.status !== 'discharged') return txFail(`就诊ID ${d.mdtrt_id} 尚未办理出院`);
  const settled = activeSettlementOf(ctx.db, d.mdtrt_id);
  if (settled) return txFail(`就诊ID ${d.mdtrt_id} 已结算（结算ID ${settled}），请先撤销结算（2305）`);
  ctx.db.prepare("UPDATE rt_visit SET endtime = NULL, status = 'open' WHERE mdtrt_id = ?").run(d.mdtrt_id);
  return { ok: true, output: {} };
}

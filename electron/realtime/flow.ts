/**
 * One bill settled at the centre in real time (national-platform.md §9, §10, §13):
 *   inpatient  — 2401 admission (or the HIS's mdtrt_id), 2301 lines (2302 withdraws a changed
 *                bill's, 2405 reopens a discharge first), 2402 discharge, 2303 quote, 2304 settle;
 *   outpatient, chronic outpatient, pharmacy (med_type 11 / 14 / 41) — 2201 + 2203, 2204 lines
 *                (2205 withdraws), 2206 quote, 2207 settle.
 * Exactly once: each settling msgid is stored before it is sent; an answer that never came leaves
 * the outcome unknown, so the message is looked up (5203, setl_id = that msgid, which the centre
 * keeps as medins_setl_id) and reversed (2601) before anything is sent again. An attempt already
 * settled answers the centre's stored answer; a bill is never settled twice at the centre.
 */
import { type BureauClient, bureauError, err, ok, type BureauError, type Result, INFNO, MED_TYPE, reversalOutputSchema, settlementQueryOutputSchema } from '../bureau';
import { lineAmount, type SettlementInputRaw, type Visit } from '../../shared/engine';
import { formatMoney, sum } from '../../shared/money';
import { centreLines, feeDetails, linesDigest, type CentreLine, type Staff } from './lines';
import { admissionOutputSchema, feeUploadOutputSchema, registerOutputSchema, RT_INFNO, settleOutputSchema, type SettleAnswer } from './schemas';
import type { AttemptState, RealtimeStateStore } from './state-store';
import { z } from 'zod';

export interface RealtimePerson {
  psnNo: string;
  certno: string;
  name: string;
  insutype: string;
  insuplcAdmdvs: string;
}

/** What the flow needs of a bill; `admission` is the HIS bill file's context (optional). */
export interface RealtimeBill {
  attemptId: string;
  visit: Visit;
  /** Settlement date (discharge / sale). */
  date: string;
  person: RealtimePerson;
  lines: SettlementInputRaw['lines'];
  hospitalLevel: number;
  referral: string;
  /** 住院号/门诊号 (ipt_no / ipt_otp_no): the HIS's, else the attempt's. */
  hisBillNo?: string;
  admission?: {
    mdtrtId?: string;
    department?: { code: string; name?: string };
    attendingDoctor?: { code: string; name: string };
    diagnoses?: Array<{ code: string; name: string; main?: boolean }>;
    admittedAt?: string;
    dischargedAt?: string;
    dischargeWay?: string;
  } | null;
}

export interface Quotation {
  mdtrtId: string;
  lines: CentreLine[];
  answer: SettleAnswer;
}

export interface SettledAtCentre extends Quotation {
  setlId: string;
  /** The msgid of the settling request the centre answered (its medins_setl_id). */
  msgid: string;
  /** True when the attempt had been settled before (a repeated F9, a restart): nothing new was settled. */
  replayed: boolean;
  /** What recovery found and did before this settlement (5203 / 2601 after an unknown outcome). */
  recovered: string[];
}

const PLACEHOLDER = '无';
const isInpatient = (visit: Visit) => visit === 'inpatient';

export class RealtimeFlow {
  constructor(
    private readonly client: BureauClient,
    private readonly store: RealtimeStateStore,
  ) {}

  /** F4: the visit opened, the lines uploaded, the centre's quotation (2303 / 2206). */
  async preSettle(bill: RealtimeBill): Promise<Result<Quotation>> {
    // Settled already (its F9 answer came, the local commit did not — a restart): the centre's settlement is the quotation.
    const known = this.store.get(bill.attemptId);
    if (known?.setlId && known.answer) return ok({ mdtrtId: known.mdtrtId, lines: known.lines, answer: known.answer });
    const prepared = await this.prepare(bill);
    if (!prepared.ok) return prepared;
    const { state, lines } = prepared.value;
    const infno = isInpatient(bill.visit) ? RT_INFNO.inpatientPreSettle : RT_INFNO.outpatientPreSettle;
    const answer = await this.client.call(infno, this.settleInput(bill, state), settleOutputSchema, { insuplcAdmdvs: bill.person.insuplcAdmdvs });
    if (!answer.ok) return answer;
    return ok({ mdtrtId: state.mdtrtId, lines, answer: answer.value.output });
  }

  /**
   * F9: the binding settlement (2304 / 2207), exactly once. `isLeftover` names the person's other
   * attempts whose work at the centre nobody will finish (see `undoLeftovers`).
   */
  async settle(bill: RealtimeBill, isLeftover?: (state: AttemptState) => Promise<boolean>): Promise<Result<SettledAtCentre>> {
    const known = this.store.get(bill.attemptId);
    if (known?.setlId && known.answer) {
      return ok({
        mdtrtId: known.mdtrtId,
        lines: known.lines,
        answer: known.answer,
        setlId: known.setlId,
        msgid: known.answer.setlinfo.medins_setl_id ?? '',
        replayed: true,
        recovered: [],
      });
    }
    const recovered: string[] = [];
    if (isLeftover) {
      const undone = await this.undoLeftovers(bill, isLeftover, recovered);
      if (!undone.ok) return undone;
    }
    if (known && known.pending.length > 0) {
      const undone = await this.recover(bill, known, recovered);
      if (!undone.ok) return undone;
    }
    const prepared = await this.prepare(bill);
    if (!prepared.ok) return prepared;
    let { state } = prepared.value;
    const infno = isInpatient(bill.visit) ? RT_INFNO.inpatientSettle : RT_INFNO.outpatientSettle;
    // One automatic retry, and only after the unknown first outcome was reversed.
    for (let round = 1; round <= 2; round++) {
      const reply = await this.client.call(infno, this.settleInput(bill, state), settleOutputSchema, {
        insuplcAdmdvs: bill.person.insuplcAdmdvs,
        onMsgid: (msgid) => {
          state = { ...state, pending: [...state.pending, { msgid, infno }] };
          this.store.save(state);
        },
      });
      if (reply.ok) {
        const answer = reply.value.output;
        if (!answer.setlinfo.setl_id) return err(bureauError('bureau-invalid-response', '医保中心结算应答缺少结算ID（setl_id）'));
        state = { ...state, pending: [], setlId: answer.setlinfo.setl_id, answer };
        this.store.save(state);
        return ok({ mdtrtId: state.mdtrtId, lines: prepared.value.lines, answer, setlId: answer.setlinfo.setl_id, msgid: reply.value.msgid, replayed: false, recovered });
      }
      if (reply.error.code === 'bureau-rejected') {
        // infcode -1: the centre refused it, nothing was settled.
        state = { ...state, pending: [] };
        this.store.save(state);
        return reply;
      }
      const undone = await this.recover(bill, state, recovered);
      if (!undone.ok) return undone;
      state = this.store.get(bill.attemptId)!;
      if (round === 2) return err(outcomeReversed(reply.error, recovered));
    }
    return err(bureauError('bureau-timeout', '医保中心未应答'));
  }

  /** 2305 / 2208: the centre's settlement of this attempt cancelled (the centre answers it negated). */
  async cancelSettled(bill: RealtimeBill): Promise<Result<SettleAnswer>> {
    const state = this.store.get(bill.attemptId);
    if (!state?.setlId) return err(bureauError('bureau-invalid-request', '该次结算在医保中心没有已结算记录，无需撤销'));
    return this.cancelAttempt(bill.person, { ...state, setlId: state.setlId }, isInpatient(bill.visit));
  }

  private async cancelAttempt(person: RealtimePerson, state: AttemptState & { setlId: string }, inpatient: boolean): Promise<Result<SettleAnswer>> {
    const infno = inpatient ? RT_INFNO.inpatientSettleCancel : RT_INFNO.outpatientSettleCancel;
    const cancelled = await this.client.call(infno, { data: { setl_id: state.setlId, mdtrt_id: state.mdtrtId, psn_no: person.psnNo } }, settleOutputSchema, {
      insuplcAdmdvs: person.insuplcAdmdvs,
    });
    if (!cancelled.ok) return cancelled;
    this.store.save({ ...state, setlId: null, answer: null });
    return ok(cancelled.value.output);
  }

  /**
   * Before a person is settled: what another attempt of theirs left at the centre and nobody will
   * finish — the backend was killed, or the cashier moved on (下一位) after an unknown outcome, and
   * the window settles the bill again under a new attempt — is undone first, so the centre never
   * holds two settlements of one bill. A settling message without answer is looked up and reversed
   * (5203 + 2601, as after a timeout); a settlement the ledger never stored (killed between the
   * centre's answer and the local commit) is cancelled (2305 / 2208; an outpatient attempt is the one
   * with a charge batch). Until that succeeds the new attempt is not sent.
   */
  private async undoLeftovers(bill: RealtimeBill, isLeftover: (state: AttemptState) => Promise<boolean>, notes: string[]): Promise<Result<void>> {
    for (const earlier of this.store.unfinishedOf(bill.person.psnNo)) {
      if (earlier.attemptId === bill.attemptId || !(await isLeftover(earlier))) continue;
      if (earlier.pending.length > 0) {
        const undone = await this.recover(bill, earlier, notes);
        if (!undone.ok) return undone;
      }
      const state = this.store.get(earlier.attemptId)!;
      if (!state.setlId) continue;
      const cancelled = await this.cancelAttempt(bill.person, { ...state, setlId: state.setlId }, state.chrgBchno === null);
      if (!cancelled.ok)
        return err({
          ...cancelled.error,
          code: cancelled.error.code === 'bureau-rejected' ? 'bureau-rejected' : 'bureau-outcome-unknown',
          message: `医保中心有一笔该患者未入本地台账的结算（结算ID ${state.setlId}），须先撤销，撤销未成功：${cancelled.error.message}。本单未重复结算，请稍后再按 F9`,
        });
      notes.push(`${state.chrgBchno === null ? '2305' : '2208'}：已撤销未入本地台账的医保中心结算 ${state.setlId}`);
    }
    return ok(undefined);
  }

  /**
   * After a settling request without an answer: 5203 says whether the centre holds it, 2601
   * reverses it either way (a message still in flight is refused when it arrives). Only then is the
   * msgid dropped from the pending list; a reversal without answer keeps it for the next try.
   */
  private async recover(bill: RealtimeBill, state: AttemptState, notes: string[]): Promise<Result<void>> {
    const options = { insuplcAdmdvs: bill.person.insuplcAdmdvs };
    let left = [...state.pending];
    for (const p of state.pending) {
      const query = await this.client.call(
        INFNO.settlementQuery,
        { data: { psn_no: bill.person.psnNo, setl_id: p.msgid, mdtrt_id: state.mdtrtId } },
        settlementQueryOutputSchema,
        options,
      );
      notes.push(
        query.ok
          ? `5203：医保中心已保存报文 ${p.msgid} 的结算（结算ID ${query.value.output.setlinfo.setl_id}），冲正后重新结算`
          : query.error.code === 'bureau-rejected'
            ? `5203：医保中心未保存报文 ${p.msgid} 的结算`
            : `5203：查询报文 ${p.msgid} 未获应答`,
      );
      const reversed = await this.client.call(INFNO.reversal, { data: { psn_no: bill.person.psnNo, omsgid: p.msgid, oinfno: p.infno } }, reversalOutputSchema, options);
      if (!reversed.ok) {
        return err({
          ...reversed.error,
          code: 'bureau-outcome-unknown',
          message: `医保中心对结算报文 ${p.msgid} 的处理结果未明，冲正（2601）未成功：${reversed.error.message}。本单未重复结算，请稍后再按 F9`,
        });
      }
      notes.push(`2601：已冲正报文 ${p.msgid}`);
      left = left.filter((x) => x.msgid !== p.msgid);
      this.store.save({ ...state, pending: left });
    }
    return ok(undefined);
  }

  /** The visit opened and the bill's lines uploaded, once per bill content. */
  private async prepare(bill: RealtimeBill): Promise<Result<{ state: AttemptState; lines: CentreLine[] }>> {
    const options = { insuplcAdmdvs: bill.person.insuplcAdmdvs };
    let state = this.store.get(bill.attemptId);
    if (!state) {
      const opened = await this.openVisit(bill);
      if (!opened.ok) return opened;
      this.store.openVisit(bill.attemptId, opened.value, bill.person.psnNo);
      state = this.store.get(bill.attemptId)!;
    }
    const digest = linesDigest(bill.lines);
    if (state.linesDigest === digest) return ok({ state, lines: state.lines });
    const inpatient = isInpatient(bill.visit);
    const psn = bill.person.psnNo;
    if (state.feedetlSns.length > 0) {
      if (inpatient && state.discharged) {
        const reopened = await this.client.call(RT_INFNO.dischargeCancel, { data: { mdtrt_id: state.mdtrtId, psn_no: psn } }, z.unknown(), options);
        if (!reopened.ok) return reopened;
        state = { ...state, discharged: false };
        this.store.save(state);
      }
      const withdrawn = inpatient
        ? await this.client.call(RT_INFNO.inpatientFeesCancel, { data: [{ feedetl_sn: '0000', mdtrt_id: state.mdtrtId, psn_no: psn }] }, z.unknown(), options)
        : await this.client.call(
            RT_INFNO.outpatientFeesCancel,
            { data: { mdtrt_id: state.mdtrtId, chrg_bchno: state.chrgBchno ?? '0000', psn_no: psn } },
            z.unknown(),
            options,
          );
      if (!withdrawn.ok) return withdrawn;
    }
    // Serial numbers unique within the visit: a re-upload takes a new prefix.
    const round = state.linesDigest ? Number(state.feedetlSns[0]?.slice(1, 3) ?? '0') + 1 : 1;
    const prefix = `F${String(round).padStart(2, '0')}`;
    const chrgBchno = inpatient ? undefined : `${bill.attemptId.replace(/-/g, '').slice(0, 24)}${String(round).padStart(2, '0')}`;
    const details = feeDetails(bill.lines, {
      mdtrtId: state.mdtrtId,
      psnNo: psn,
      time: `${bill.date} 08:00:00`,
      staff: staffOf(bill),
      prefix,
      chrgBchno,
      medType: MED_TYPE[bill.visit],
    });
    const uploaded = await this.client.call(inpatient ? RT_INFNO.inpatientFees : RT_INFNO.outpatientFees, { feedetail: details }, feeUploadOutputSchema, options);
    if (!uploaded.ok) return uploaded;
    const sns = details.map((d) => String(d.feedetl_sn));
    const lines = centreLines(bill.lines, sns, uploaded.value.output.result);
    if (typeof lines === 'string') return err(bureauError('bureau-invalid-response', lines));
    state = { ...state, linesDigest: digest, feedetlSns: sns, lines, chrgBchno: chrgBchno ?? null, answer: null };
    this.store.save(state);
    if (inpatient && !state.discharged) {
      const dept = staffOf(bill);
      const endtime = bill.admission?.dischargedAt ? withSeconds(bill.admission.dischargedAt) : `${bill.date} 10:00:00`;
      const discharged = await this.client.call(
        RT_INFNO.discharge,
        {
          dscginfo: {
            mdtrt_id: state.mdtrtId,
            psn_no: psn,
            insutype: bill.person.insutype,
            endtime,
            dscg_dept_codg: dept.deptCode,
            dscg_dept_name: dept.deptName,
            dscg_way: bill.admission?.dischargeWay ?? '1',
          },
          diseinfo: [],
        },
        z.unknown(),
        options,
      );
      if (!discharged.ok) return discharged;
      state = { ...state, discharged: true };
      this.store.save(state);
    }
    return ok({ state, lines });
  }

  private async openVisit(bill: RealtimeBill): Promise<Result<string>> {
    if (bill.admission?.mdtrtId) return ok(bill.admission.mdtrtId);
    const p = bill.person;
    const options = { insuplcAdmdvs: p.insuplcAdmdvs };
    const staff = staffOf(bill);
    // Unique per attempt (a bill loaded again is a new attempt and a new visit at the centre), with the HIS number first.
    const number = `${bill.hisBillNo ? `${bill.hisBillNo.slice(0, 21)}-` : 'OB'}${bill.attemptId.replace(/-/g, '').slice(0, 8)}`;
    const exp_content = { hosp_lv: String(bill.hospitalLevel), trt_refl: bill.referral };
    const begntime = bill.admission?.admittedAt ? withSeconds(bill.admission.admittedAt) : `${bill.date} 08:00:00`;
    if (isInpatient(bill.visit)) {
      const main = bill.admission?.diagnoses?.find((d) => d.main) ?? bill.admission?.diagnoses?.[0];
      const admitted = await this.client.call(
        RT_INFNO.admission,
        {
          mdtrtinfo: {
            psn_no: p.psnNo,
            insutype: p.insutype,
            begntime,
            mdtrt_cert_type: '02',
            mdtrt_cert_no: p.certno,
            med_type: MED_TYPE.inpatient,
            ipt_no: number,
            atddr_no: staff.doctorCode,
            chfpdr_name: staff.doctorName,
            adm_diag_dscr: main?.name ?? PLACEHOLDER,
            adm_dept_codg: staff.deptCode,
            adm_dept_name: staff.deptName,
            adm_bed: PLACEHOLDER,
            dscg_maindiag_code: main?.code ?? PLACEHOLDER,
            dscg_maindiag_name: main?.name ?? PLACEHOLDER,
            exp_content,
          },
          diseinfo: [],
        },
        admissionOutputSchema,
        options,
      );
      return admitted.ok ? ok(admitted.value.output.result.mdtrt_id) : admitted;
    }
    const registered = await this.client.call(
      RT_INFNO.outpatientRegister,
      {
        data: {
          psn_no: p.psnNo,
          insutype: p.insutype,
          begntime,
          mdtrt_cert_type: '02',
          mdtrt_cert_no: p.certno,
          ipt_otp_no: number,
          atddr_no: staff.doctorCode,
          dr_name: staff.doctorName,
          dept_code: staff.deptCode,
          dept_name: staff.deptName,
          caty: staff.deptCode,
          exp_content,
        },
      },
      registerOutputSchema,
      options,
    );
    if (!registered.ok) return registered;
    const mdtrtId = registered.value.output.data.mdtrt_id;
    const visitInfo = await this.client.call(
      RT_INFNO.outpatientVisit,
      { mdtrtinfo: { mdtrt_id: mdtrtId, psn_no: p.psnNo, med_type: MED_TYPE[bill.visit], begntime }, diseinfo: [] },
      z.unknown(),
      options,
    );
    return visitInfo.ok ? ok(mdtrtId) : visitInfo;
  }

  private settleInput(bill: RealtimeBill, state: AttemptState) {
    const total = sum(bill.lines.map((l) => lineAmount({ price: String(l.price), qty: String(l.qty) })));
    return {
      data: {
        psn_no: bill.person.psnNo,
        mdtrt_cert_type: '02',
        mdtrt_cert_no: bill.person.certno,
        med_type: MED_TYPE[bill.visit],
        medfee_sumamt: formatMoney(total),
        psn_setlway: '01',
        mdtrt_id: state.mdtrtId,
        insutype: bill.person.insutype,
        acct_used_flag: '0',
        ...(isInpatient(bill.visit) ? { mid_setl_flag: '0', dscgTime: bill.date } : { chrg_bchno: state.chrgBchno ?? '' }),
      },
    };
  }
}

function staffOf(bill: RealtimeBill): Staff {
  const a = bill.admission;
  return {
    deptCode: a?.department?.code ?? '00',
    deptName: a?.department?.name ?? PLACEHOLDER,
    doctorCode: a?.attendingDoctor?.code ?? '000',
    doctorName: a?.attendingDoctor?.name ?? PLACEHOLDER,
  };
}

const withSeconds = (t: string) => (t.length === 16 ? `${t}:00` : t.length === 10 ? `${t} 00:00:00` : t);

function outcomeReversed(error: BureauError, notes: string[]): BureauError {
  return { ...error, message: `${error.message}。医保中心两次未应答，已查询并冲正（${notes.filter((n) => n.startsWith('2601')).length} 笔），本单未结算，请稍后再按 F9` };
}

/**
 * A real-time settlement cancelled at the centre for a supervisor's 冲销 (national-platform.md §3,
 * §9.6, §10.2–§10.3, §13): 2305 (inpatient) or 2208 (outpatient, chronic outpatient, pharmacy) with
 * the centre's setl_id / mdtrt_id / psn_no, then the visit closed the way the spec undoes one.
 * Exactly once: the cancelling msgid is stored (by the caller's ledger) before it is sent; a
 * request without an answer is looked up (5203, setl_id = the msgid, kept as medins_setl_id) and
 * reversed (2601) before a new one is sent, so the centre never cancels twice.
 */
import { z } from 'zod';
import { type BureauClient, INFNO, reversalOutputSchema, settlementQueryOutputSchema } from '../bureau';
import type { Visit } from '../../shared/engine';
import type { Result } from '../../shared/result';
import { RT_INFNO, settleOutputSchema, type SettleAnswer } from './schemas';

export interface CancelTarget {
  visit: Visit;
  psnNo: string;
  insuplcAdmdvs: string;
  /** The centre's ids of the settlement (the stored real-time record). */
  setlId: string;
  mdtrtId: string;
  /** The HIS registered the admission (its mdtrt_id): the visit is the HIS's, it stays open. */
  hisAdmission: boolean;
}

type Problem = { code: string; message: string };

/** Where the cancelling requests are kept (the ledger, so every window sees them). */
export interface CancelLedger {
  /** This settlement's cancelling requests without a known outcome. */
  pending(): Promise<Array<{ msgid: string; infno: string }>>;
  /** Before the request goes; a refusal stops it unsent. */
  sent(msgid: string, infno: string): Promise<Result<void, Problem>>;
  outcome(msgid: string, outcome: 'refused' | 'reversed', note: string): Promise<void>;
}

export interface CancelledAtCentre {
  msgid: string;
  /** The cancellation's own setl_id. */
  setlId: string;
  answer: SettleAnswer;
  /** What recovery found and did before (5203 / 2601), Chinese. */
  recovered: string[];
}

const fail = (code: string, message: string): { ok: false; error: Problem } => ({ ok: false, error: { code, message } });

class NotSent extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

export const cancelInfno = (visit: Visit) => (visit === 'inpatient' ? RT_INFNO.inpatientSettleCancel : RT_INFNO.outpatientSettleCancel);

export async function cancelAtCentre(client: BureauClient, target: CancelTarget, ledger: CancelLedger): Promise<Result<CancelledAtCentre, Problem>> {
  const recovered: string[] = [];
  const options = { insuplcAdmdvs: target.insuplcAdmdvs };
  for (const p of await ledger.pending()) {
    const undone = await undoUnknown(client, target, ledger, p, recovered);
    if (!undone.ok) return undone;
  }
  const infno = cancelInfno(target.visit);
  for (let round = 1; round <= 2; round++) {
    let msgid = '';
    let reply;
    try {
      reply = await client.call(infno, { data: { setl_id: target.setlId, mdtrt_id: target.mdtrtId, psn_no: target.psnNo } }, settleOutputSchema, {
        ...options,
        onMsgid: async (m) => {
          const stored = await ledger.sent(m, infno);
          if (!stored.ok) throw new NotSent(stored.error);
          msgid = m;
        },
      });
    } catch (error) {
      if (error instanceof NotSent) return { ok: false, error: error.problem };
      throw error;
    }
    if (reply.ok) {
      const answer = reply.value.output;
      if (!answer.setlinfo.setl_id) return fail('bureau-invalid-response', `医保中心撤销应答缺少撤销结算ID（setl_id），报文 ${msgid} 待查询冲正后重新冲销`);
      return { ok: true, value: { msgid, setlId: answer.setlinfo.setl_id, answer, recovered } };
    }
    const error = reply.error;
    if (error.code === 'bureau-rejected') {
      if (msgid) await ledger.outcome(msgid, 'refused', error.message);
      return fail('realtime-cancel-refused', `医保中心拒绝撤销结算 ${target.setlId}：${error.message}。本地未冲销`);
    }
    // Offline (also at sign-in, before anything went): refused, never queued; a msgid sent stays pending for the next 冲销.
    if (error.code === 'bureau-unreachable') {
      return fail('realtime-cancel-offline', `${error.message}。实时结算须先在医保中心撤销才能冲销：本地未冲销，请联网后重新冲销`);
    }
    if (!msgid) return fail(error.code, error.message);
    const undone = await undoUnknown(client, target, ledger, { msgid, infno }, recovered);
    if (!undone.ok) return undone;
    if (round === 2) return fail('realtime-cancel-no-answer', `${error.message}。医保中心两次未应答，已查询并冲正，结算未撤销、本地未冲销，请稍后重新冲销`);
  }
  return fail('realtime-cancel-no-answer', '医保中心未应答');
}

/** A cancelling request without an answer: 5203 says whether the centre holds it, 2601 reverses it either way. */
async function undoUnknown(
  client: BureauClient,
  target: CancelTarget,
  ledger: CancelLedger,
  p: { msgid: string; infno: string },
  notes: string[],
): Promise<Result<void, Problem>> {
  const options = { insuplcAdmdvs: target.insuplcAdmdvs };
  const query = await client.call(
    INFNO.settlementQuery,
    { data: { psn_no: target.psnNo, setl_id: p.msgid, mdtrt_id: target.mdtrtId } },
    settlementQueryOutputSchema,
    options,
  );
  notes.push(
    query.ok
      ? `5203：医保中心已保存撤销报文 ${p.msgid}（撤销结算ID ${query.value.output.setlinfo.setl_id}），冲正后重新撤销`
      : query.error.code === 'bureau-rejected'
        ? `5203：医保中心未保存撤销报文 ${p.msgid}`
        : `5203：查询撤销报文 ${p.msgid} 未获应答`,
  );
  const reversed = await client.call(INFNO.reversal, { data: { psn_no: target.psnNo, omsgid: p.msgid, oinfno: p.infno } }, reversalOutputSchema, options);
  if (!reversed.ok) {
    return fail(
      'bureau-outcome-unknown',
      `医保中心对撤销报文 ${p.msgid} 的处理结果未明，冲正（2601）未成功：${reversed.error.message}。本地未冲销，医保中心未重复撤销，请稍后重新冲销`,
    );
  }
  notes.push(`2601：已冲正撤销报文 ${p.msgid}`);
  await ledger.outcome(p.msgid, 'reversed', notes.at(-2) ?? '');
  return { ok: true, value: undefined };
}

/**
 * After the cancellation, the visit closed in the spec's undo order (§9: 2205 lines, 2202
 * registration; §10: 2405 discharge, 2302 lines, 2404 admission — not for a visit the HIS
 * registered, which stays the HIS's). Best effort: the settlement is cancelled either way; what
 * could not be closed is said, and a visit left open holds nothing settled.
 */
export async function closeVisitAtCentre(client: BureauClient, target: CancelTarget): Promise<string[]> {
  const options = { insuplcAdmdvs: target.insuplcAdmdvs };
  const visit = { mdtrt_id: target.mdtrtId, psn_no: target.psnNo };
  const steps: Array<[string, Record<string, unknown>, string]> =
    target.visit === 'inpatient'
      ? [
          [RT_INFNO.dischargeCancel, { data: visit }, '已撤销出院'],
          [RT_INFNO.inpatientFeesCancel, { data: [{ feedetl_sn: '0000', ...visit }] }, '已撤销费用明细'],
          ...(target.hisAdmission ? [] : [[RT_INFNO.admissionCancel, { data: visit }, '已撤销入院'] as [string, Record<string, unknown>, string]]),
        ]
      : [
          [RT_INFNO.outpatientFeesCancel, { data: { ...visit, chrg_bchno: '0000' } }, '已撤销费用明细'],
          [RT_INFNO.outpatientRegisterCancel, { data: visit }, '已撤销挂号'],
        ];
  const notes: string[] = [];
  for (const [infno, input, done] of steps) {
    const reply = await client.call(infno, input, z.unknown(), options);
    if (!reply.ok) {
      notes.push(`${infno}：未能关闭医保中心的就诊 ${target.mdtrtId}（${reply.error.message}），该就诊已无结算`);
      break;
    }
    notes.push(`${infno}：${done}`);
  }
  return notes;
}

/**
 * settlement.reverse of a real-time settlement (issue #14): cancelled at the centre first
 * (2305 / 2208, exactly once: electron/realtime/cancel.ts with the cancelling msgids kept in the
 * ledger), then reversed here with the centre's negated answer in one transaction, then the visit
 * closed at the centre. A centre that refuses, cannot be reached or whose answer is lost leaves
 * nothing reversed locally; the hospital and the centre never disagree silently.
 */
import type { Visit } from '../../shared/engine';
import type { RealtimeRecord, ReverseArgs, Reversed } from '../ledger';
import { cancelAtCentre, cancelInfno, closeVisitAtCentre, type CancelTarget, type SettleAnswer } from '../realtime';
import { BackendError, unwrap } from './errors';
import { bureauOperator, type Runtime } from './runtime';

export interface CentreCancelView {
  /** The cancelled settlement's setl_id at the centre. */
  setlId: string;
  /** The cancellation's own setl_id (the centre's negated answer). */
  cancelSetlId: string;
  mdtrtId: string;
  infno: string;
  /** The negated totals as the centre answered them. */
  medfeeSumamt: string;
  fundPaySumamt: string;
  /** Recovery (5203 / 2601) before, and closing the visit after, Chinese. */
  notes: string[];
}

async function targetOf(runtime: Runtime, originalId: string, record: RealtimeRecord): Promise<CancelTarget> {
  const original = await runtime.ledger.getSettlement(originalId);
  if (!original) throw new BackendError('not-found', `找不到结算单：${originalId}`);
  const centre = record.centre as SettleAnswer;
  const psnNo = centre.setlinfo.psn_no || original.patient.psnNo;
  if (!psnNo) throw new BackendError('invalid-argument', `结算单 ${originalId} 没有人员编号，无法在医保中心撤销`);
  // Where the person is insured as the centre answered at eligibility (kept with the settlement), as the settle path sent it.
  const insuplcAdmdvs = (await runtime.ledger.settlementSources.sourceOf(originalId))?.insuplcAdmdvs ?? runtime.library.region(original.policy.region)?.admdvs;
  if (!insuplcAdmdvs) throw new BackendError('invalid-argument', `统筹区 ${original.policy.region} 没有医保区划代码`);
  const admission = (original.input as { admission?: { mdtrtId?: string } }).admission;
  return {
    visit: original.visit as Visit,
    psnNo,
    insuplcAdmdvs,
    setlId: record.setlId,
    mdtrtId: record.mdtrtId,
    hisAdmission: Boolean(admission?.mdtrtId),
  };
}

/** Cancels at the centre, then reverses here; answers the reversal and what the centre did. */
export async function reverseRealtime(
  runtime: Runtime,
  originalId: string,
  record: RealtimeRecord,
  args: ReverseArgs,
): Promise<{ reversed: Reversed; centre: CentreCancelView }> {
  const target = await targetOf(runtime, originalId, record);
  const client = runtime.bureau.client(bureauOperator(runtime));
  const cancels = runtime.ledger.realtimeCancels;
  const cancelled = await cancelAtCentre(client, target, {
    pending: async () => (await cancels.pending(originalId)).filter((p) => p.terminalId === runtime.ledger.terminalId),
    sent: (msgid, infno) => cancels.recordSent(originalId, msgid, infno, args),
    outcome: (msgid, outcome, note) => cancels.recordOutcome(msgid, outcome, note),
  });
  if (!cancelled.ok) throw new BackendError(cancelled.error.code, cancelled.error.message);
  const { msgid, setlId, answer, recovered } = cancelled.value;
  const reversed = unwrap(await cancels.reverseWithCentre(originalId, args, { msgid, setlId, mdtrtId: target.mdtrtId, answer }));
  const closed = await closeVisitAtCentre(client, target);
  return {
    reversed,
    centre: {
      setlId: target.setlId,
      cancelSetlId: setlId,
      mdtrtId: target.mdtrtId,
      infno: cancelInfno(target.visit),
      medfeeSumamt: answer.setlinfo.medfee_sumamt,
      fundPaySumamt: answer.setlinfo.fund_pay_sumamt,
      notes: [...recovered, ...closed],
    },
  };
}

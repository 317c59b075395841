/**
 * settlement.recordReview: the outcome of Jiangmen's expert review (专家审核) of a pending-review
 * settlement. Nothing disallowed: the settlement stands, approved. A partial or negative outcome:
 * the pending settlement is reversed and re-made with `review.disallowed` (rule book §4.4), in one
 * ledger transaction; the refund voucher and the re-made settlement's receipt are printed, and both
 * records go to the bureau with the next upload like any other.
 */
import type { OpOutput, OpParsedInput } from '../../shared/contract';
import { settle } from '../../shared/engine';
import { dec, formatMoney } from '../../shared/money';
import { BackendError, unwrap } from './errors';
import type { Runtime } from './runtime';
import { requireSession } from './session';
import { approvingSupervisor } from './supervisor-approval';
import type { HandlerContext } from './handlers/types';

type ReviewRequest = OpParsedInput<'settlement.recordReview'>;

async function recordOf(runtime: Runtime, id: string) {
  const record = await runtime.ledger.getSettlement(id);
  if (!record) throw new BackendError('not-found', `找不到结算单：${id}`);
  return record;
}

/** A stored record with the review outcome it is part of, for settlement.get. */
export async function withReviewOutcome<T extends { id: string }>(runtime: Runtime, record: T) {
  return { ...record, reviewOutcome: (await runtime.ledger.reviewOutcomes.outcomeOf(record.id)) ?? null };
}

function summary({ input: _i, trace: _t, events: _e, reversal: _r, billSource: _b, outbox: _o, printCount: _p, ...rest }: Awaited<ReturnType<typeof recordOf>>) {
  return rest;
}

export async function recordReviewOutcome(request: ReviewRequest, { runtime, session }: HandlerContext): Promise<OpOutput<'settlement.recordReview'>> {
  const me = requireSession(session);
  const approver = await approvingSupervisor(runtime, request.supervisor, '登记专家审核结论');
  const original = await recordOf(runtime, request.id);
  if (original.reversedBy) throw new BackendError('settlement-already-reversed', '该结算单已被冲销，不能再登记审核结论');
  if (original.status !== 'pending-review') throw new BackendError('review-not-pending', '该结算单不在待专家审核状态');
  const disallowed = dec(request.disallowed);
  if (disallowed.greaterThan(original.selfPaid)) {
    throw new BackendError('invalid-input', `不予支付金额 ${formatMoney(disallowed)} 超过本单个人自费 ${original.selfPaid}`);
  }

  let remade: Parameters<Runtime['ledger']['reviewOutcomes']['recordOutcome']>[0]['remade'];
  if (disallowed.greaterThan(0)) {
    // Re-making a settlement the centre made would need the centre's 2305/2208 and a new 2304/2207: not done here.
    if (await runtime.ledger.realtime.recordOf(original.id)) {
      throw new BackendError('review-realtime-settlement', '该结算为医保中心实时结算：请先在结算查询中冲销（医保中心撤销），再按审核结论重新结算');
    }
    const input = { ...original.input, review: { disallowed: formatMoney(disallowed) } };
    const outcome = settle(input, runtime.library);
    if (!outcome.ok) throw new BackendError(outcome.error.code, outcome.error.message);
    remade = {
      input,
      result: outcome.value,
      operator: me.operator.id,
      patient: { certno: original.patient.certno, name: original.patient.name, psnNo: original.patient.psnNo ?? undefined, region: original.policy.region },
      billSource: original.billSource ?? undefined,
    };
  }
  const recorded = unwrap(
    await runtime.ledger.reviewOutcomes.recordOutcome({
      originalId: original.id,
      reviewer: request.reviewer,
      opinion: request.opinion,
      disallowed: formatMoney(disallowed),
      operatorId: me.operator.id,
      supervisorId: approver.id,
      remade,
    }),
  );
  runtime.visits.forgetPerson(original.patient.certno);

  const operator = { id: me.operator.id, name: me.operator.name };
  const receipts = [];
  for (const id of [recorded.reversalId, recorded.remadeId]) {
    if (id) receipts.push(await runtime.printReceipt(id, operator, runtime.settings));
  }
  return {
    outcome: recorded,
    original: summary(await recordOf(runtime, original.id)),
    remade: recorded.remadeId ? summary(await recordOf(runtime, recorded.remadeId)) : null,
    receipts,
  };
}

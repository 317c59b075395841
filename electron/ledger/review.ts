import { appendAudit } from './audit';
import type { LedgerDeps } from './deps';
import type { Queryable } from './engine/types';
import { operatorById } from './operators';
import { coverRows } from './row-digest';
import { fail, ok, type Result } from './result';
import type { SettlementStatus } from './settlement-record';

export interface ReviewArgs {
  outcome: 'approved' | 'rejected';
  operatorId: string;
  /** The expert panel's opinion or reference number. */
  note?: string;
}

/**
 * Records the outcome of Jiangmen's expert review (专家审核) of a settlement committed as
 * pending-review. The outcome is a new event row; the settlement itself is never changed. A
 * rejected outcome changes no amounts: correcting them is a reversal plus a new settlement.
 */
export function createReview(deps: LedgerDeps) {
  /** The review event inside a transaction the caller holds (a review outcome). */
  async function reviewIn(tx: Queryable, settlementId: string, args: ReviewArgs): Promise<Result<{ settlementId: string; status: SettlementStatus }>> {
    if (args.outcome !== 'approved' && args.outcome !== 'rejected') return fail('review-bad-outcome', '审核结论只能是通过或不通过');
    if (!(await operatorById(tx, args.operatorId))?.active) return fail('ledger-unknown-operator', `操作员工号无效或已停用：${args.operatorId}`);
    const found = await tx.get<{ id: string; status: SettlementStatus; reversed_by: string | null }>(
      `SELECT s.id, (SELECT e.status FROM settlement_events e WHERE e.settlement_id = s.id ORDER BY e.id DESC LIMIT 1) AS status,
         (SELECT r.id FROM settlements r WHERE r.reverses_id = s.id) AS reversed_by
       FROM settlements s WHERE s.id = ?`,
      [settlementId],
    );
    if (!found) return fail('settlement-not-found', `找不到结算单：${settlementId}`);
    if (found.reversed_by) return fail('settlement-already-reversed', '该结算单已被冲销，不能再登记审核结论');
    if (found.status !== 'pending-review') return fail('review-not-pending', '该结算单不在待专家审核状态');
    const status: SettlementStatus = args.outcome === 'approved' ? 'reviewed-approved' : 'reviewed-rejected';
    const eventId = await deps.writer.recordEvent(tx, settlementId, status, args.operatorId, args.note ?? null);
    await appendAudit(tx, deps.chain, {
      actor: args.operatorId,
      action: 'settlement.review',
      subject: settlementId,
      detail: { outcome: args.outcome, note: args.note, rows: await coverRows(tx, [['settlement_events', eventId]]) },
    });
    return ok({ settlementId, status });
  }

  return {
    reviewIn,
    recordReview: (settlementId: string, args: ReviewArgs) => deps.db.transaction((tx) => reviewIn(tx, settlementId, args)),
  };
}

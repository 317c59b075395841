import { dec, formatMoney, fromFen, toFen } from '../../shared/money';
import { appendAudit, type AuditChain } from './audit';
import { ledgerStamp, type Clock } from '../../shared/time';
import type { Engine, Queryable } from './engine/types';
import type { CommitArgs, CommitOptions, Committed } from './commit';
import { fail, ok, type AppError, type Result } from './result';
import type { Reversed, ReverseArgs } from './reverse';
import type { ReviewArgs } from './review';
import type { SettlementStatus } from './settlement-record';

export interface ReviewOutcome {
  originalId: string;
  reviewer: string;
  opinion: string;
  /** The part of 个人自费 the experts found not reasonable, "0.00" when all of it was. */
  disallowed: string;
  reversalId: string | null;
  remadeId: string | null;
  operatorId: string;
  supervisorId: string;
  at: string;
}

export interface RecordOutcomeArgs {
  originalId: string;
  reviewer: string;
  opinion: string;
  disallowed: string;
  operatorId: string;
  supervisorId: string;
  /** The settlement re-made with `review.disallowed` (a partial or negative outcome); absent when nothing was disallowed. */
  remade?: CommitArgs;
}

/** The ledger's write paths inside a transaction the outcome holds. */
interface Deps {
  now: Clock;
  chain: AuditChain;
  commit: (tx: Queryable, args: CommitArgs, options: CommitOptions) => Promise<Result<Committed>>;
  reverse: (tx: Queryable, id: string, args: ReverseArgs) => Promise<Result<Reversed>>;
  review: (tx: Queryable, id: string, args: ReviewArgs) => Promise<Result<{ settlementId: string; status: SettlementStatus }>>;
}

class Rollback extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Rollback(result.error);
  return result.value;
}

type Row = {
  original_id: string;
  reviewer: string;
  opinion: string;
  disallowed_fen: number;
  reversal_id: string | null;
  remade_id: string | null;
  operator_id: string;
  supervisor_id: string;
  at: string;
};

/**
 * The expert review outcome of a pending-review settlement. With nothing disallowed it is an
 * approval event; otherwise — in ONE transaction — the review event, the reversal of the pending
 * settlement, the re-made settlement (own outbox row, uploaded like any other) and the link row.
 */
export function createReviewOutcomes(db: Engine, deps: Deps) {
  const view = (row: Row): ReviewOutcome => ({
    originalId: row.original_id,
    reviewer: row.reviewer,
    opinion: row.opinion,
    disallowed: formatMoney(fromFen(Number(row.disallowed_fen))),
    reversalId: row.reversal_id,
    remadeId: row.remade_id,
    operatorId: row.operator_id,
    supervisorId: row.supervisor_id,
    at: row.at,
  });

  async function recordOutcome(args: RecordOutcomeArgs): Promise<Result<ReviewOutcome>> {
    const reviewer = args.reviewer.trim();
    const opinion = args.opinion.trim();
    if (!reviewer) return fail('review-reviewer-required', '请填写审核专家姓名');
    if (!opinion) return fail('review-opinion-required', '请填写专家审核意见');
    const disallowed = dec(args.disallowed);
    if (disallowed.isNegative()) return fail('review-disallowed-invalid', '不予支付金额不能为负数');
    if (disallowed.greaterThan(0) !== (args.remade !== undefined)) {
      return fail('review-remade-mismatch', '有不予支付金额时须同时给出重新结算的结果');
    }
    const note = `审核专家：${reviewer}；意见：${opinion}；不予支付 ${formatMoney(disallowed)}`;
    try {
      const row = await db.transaction(async (tx): Promise<Row> => {
        must(await deps.review(tx, args.originalId, { outcome: args.remade ? 'rejected' : 'approved', operatorId: args.operatorId, note }));
        let reversalId: string | null = null;
        let remadeId: string | null = null;
        if (args.remade) {
          reversalId = must(
            await deps.reverse(tx, args.originalId, { supervisorId: args.supervisorId, operatorId: args.operatorId, reason: `专家审核核减后重新结算：${note}` }),
          ).settlementId;
          remadeId = must(await deps.commit(tx, args.remade, { remakes: args.originalId })).settlementId;
          // The re-made settlement rests on the original's person context: its receipt says the same (离线结算 …).
          await tx.run(
            'INSERT INTO settlement_sources (settlement_id, online, roster_date) SELECT ?, online, roster_date FROM settlement_sources WHERE settlement_id = ?',
            [remadeId, args.originalId],
          );
        }
        const row: Row = {
          original_id: args.originalId,
          reviewer,
          opinion,
          disallowed_fen: toFen(disallowed),
          reversal_id: reversalId,
          remade_id: remadeId,
          operator_id: args.operatorId,
          supervisor_id: args.supervisorId,
          at: ledgerStamp(deps.now()),
        };
        await tx.run(
          `INSERT INTO review_outcomes (original_id, reviewer, opinion, disallowed_fen, reversal_id, remade_id, operator_id, supervisor_id, at)
             VALUES (@original_id, @reviewer, @opinion, @disallowed_fen, @reversal_id, @remade_id, @operator_id, @supervisor_id, @at)`,
          row,
        );
        await appendAudit(tx, deps.chain, { actor: args.operatorId, action: 'settlement.reviewOutcome', subject: args.originalId, detail: { ...row } });
        return row;
      });
      return ok(view(row));
    } catch (error) {
      if (error instanceof Rollback) return fail(error.error.code, error.error.message);
      throw error;
    }
  }

  /** The outcome a settlement is part of: as the reviewed original, its reversal or the re-made one. */
  async function outcomeOf(settlementId: string): Promise<ReviewOutcome | undefined> {
    const row = await db.get<Row>('SELECT * FROM review_outcomes WHERE original_id = ? OR remade_id = ? OR reversal_id = ?', [settlementId, settlementId, settlementId]);
    return row ? view(row) : undefined;
  }

  return { recordOutcome, outcomeOf };
}

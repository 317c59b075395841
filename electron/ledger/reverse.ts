import { ALL_AMOUNT_COLUMNS, FLAG_COLUMNS } from './amount-columns';
import { appendAudit } from './audit';
import { businessDate, ledgerStamp } from '../../shared/time';
import type { LedgerDeps } from './deps';
import type { Queryable } from './engine/types';
import { lockPerson } from './locks';
import { operatorById } from './operators';
import { coverRows } from './row-digest';
import { fail, ok, type Result } from './result';

export interface ReverseArgs {
  /** 主管 who authorised the reversal (the caller has checked their password). */
  supervisorId: string;
  reason: string;
  /** The cashier at the till; defaults to the supervisor. */
  operatorId?: string;
}

export interface Reversed {
  settlementId: string;
  originalId: string;
  committedAt: string;
}

// Copied from the original: who and what; negated: every amount; cleared: the flags.
const COPIED = ['patient_certno', 'patient_name', 'psn_no', 'policy_region', 'policy_version', 'settle_date', 'visit', 'insurance', 'input_json'];

const INSERT_REVERSAL = `INSERT INTO settlements (id, kind, reverses_id, terminal_id, committed_at, committed_on, operator_id,
     ${COPIED.join(', ')}, ${ALL_AMOUNT_COLUMNS.join(', ')}, ${Object.values(FLAG_COLUMNS).join(', ')}, trace_json)
   SELECT @id, 'reversal', id, @terminal, @at, @on, @operator,
     ${COPIED.join(', ')}, ${ALL_AMOUNT_COLUMNS.map((c) => `-${c}`).join(', ')}, ${Object.values(FLAG_COLUMNS)
       .map(() => '0')
       .join(', ')}, '[]'
   FROM settlements WHERE id = @original`;

/** Rows written in the reversal's transaction (a real-time cancellation): `check` runs before anything is written and may refuse. */
export interface AlsoWrite {
  check(tx: Queryable): Promise<Result<void>>;
  write(tx: Queryable, reversalId: string): Promise<void>;
}

/**
 * Whether `originalId` may be reversed with these credentials, under the person's lock (the caller
 * holds the transaction): the reason, an active supervisor and cashier, a settlement not yet reversed.
 */
export async function checkReversible(
  tx: Queryable,
  originalId: string,
  args: ReverseArgs,
): Promise<Result<{ supervisor: { id: string }; operatorId: string; reason: string }>> {
  const reason = args.reason?.trim() ?? '';
  if (!reason) return fail('reversal-reason-required', '冲销必须填写原因');
  const supervisor = await operatorById(tx, args.supervisorId);
  if (!supervisor || supervisor.role !== 'supervisor' || !supervisor.active) {
    return fail('reversal-needs-supervisor', '冲销须由在职主管授权');
  }
  const operatorId = args.operatorId ?? supervisor.id;
  if (!(await operatorById(tx, operatorId))?.active) return fail('ledger-unknown-operator', `收费员工号无效或已停用：${operatorId}`);

  const certno = await tx.value<string>('SELECT patient_certno FROM settlements WHERE id = ?', [originalId]);
  if (certno === undefined) return fail('settlement-not-found', `找不到结算单：${originalId}`);
  // The reversal changes the person's year-to-date: it takes their lock like a commit.
  await lockPerson(tx, certno);
  const found = await tx.get<{ kind: string; reversed_by: string | null }>(
    'SELECT s.kind, (SELECT r.id FROM settlements r WHERE r.reverses_id = s.id) AS reversed_by FROM settlements s WHERE s.id = ?',
    [originalId],
  );
  if (found!.kind !== 'settlement') return fail('reversal-of-reversal', '冲销单不能再冲销');
  if (found!.reversed_by) return fail('settlement-already-reversed', `该结算单已被冲销（${found!.reversed_by}），不能重复冲销`);
  return ok({ supervisor, operatorId, reason });
}

/**
 * A reversal (冲销) is a new settlement record negating every amount of the original, dated on the
 * original's settlement date so that year-to-date sums net to zero in the right year. The original
 * stays untouched. One reversal per original (UNIQUE reverses_id backs the check below).
 */
export function createReverse(deps: LedgerDeps) {
  /** The reversal inside a transaction the caller holds (a review outcome). `also` writes beside it (a real-time cancellation). */
  async function reverseIn(tx: Queryable, originalId: string, args: ReverseArgs, also?: AlsoWrite): Promise<Result<Reversed>> {
    const checked = await checkReversible(tx, originalId, args);
    if (!checked.ok) return checked;
    const { supervisor, operatorId, reason } = checked.value;
    const allowed = await also?.check(tx);
    if (allowed && !allowed.ok) return allowed;
    const at = deps.now();
    const committedAt = ledgerStamp(at);
    const settlementId = await deps.writer.nextSettlementId(tx, at);
    await tx.run(INSERT_REVERSAL, { id: settlementId, terminal: deps.terminalId, at: committedAt, on: businessDate(at), operator: operatorId, original: originalId });
    await tx.run('INSERT INTO reversals (settlement_id, original_id, supervisor_id, reason, at) VALUES (?, ?, ?, ?, ?)', [
      settlementId,
      originalId,
      supervisor.id,
      reason,
      committedAt,
    ]);
    await also?.write(tx, settlementId);
    const eventId = await deps.writer.recordEvent(tx, settlementId, 'settled', operatorId);
    await deps.writer.enqueueUpload(tx, settlementId, committedAt);
    await appendAudit(tx, deps.chain, {
      actor: operatorId,
      action: 'settlement.reverse',
      subject: settlementId,
      detail: {
        originalId,
        supervisorId: supervisor.id,
        reason,
        rows: await coverRows(tx, [
          ['settlements', settlementId],
          ['reversals', settlementId],
          ['settlement_events', eventId],
        ]),
      },
    });
    return ok({ settlementId, originalId, committedAt });
  }

  return {
    reverseIn,
    reverseSettlement: (originalId: string, args: ReverseArgs, also?: AlsoWrite): Promise<Result<Reversed>> =>
      deps.db.transaction((tx) => reverseIn(tx, originalId, args, also)),
  };
}

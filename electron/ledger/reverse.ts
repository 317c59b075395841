import type Database from 'better-sqlite3';
import { ALL_AMOUNT_COLUMNS, FLAG_COLUMNS } from './amount-columns';
import type { AuditLog } from './audit';
import type { RowDigests } from './row-digest';
import { localDate, localTimestamp, type Clock } from './clock';
import type { Operators } from './operators';
import { fail, ok, type Result } from './result';
import type { SettlementWriter } from './settlement-writer';

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

/**
 * A reversal (冲销) is a new settlement record negating every amount of the original, dated on the
 * original's settlement date so that year-to-date sums net to zero in the right year. The original
 * stays untouched. One reversal per original (UNIQUE reverses_id backs the check below).
 */
export function createReverse(db: Database.Database, deps: { audit: AuditLog; operators: Operators; writer: SettlementWriter; digests: RowDigests; now: Clock; terminalId: string }) {
  const original = db.prepare(
    `SELECT s.id, s.kind, s.total_fen, (SELECT r.id FROM settlements r WHERE r.reverses_id = s.id) AS reversed_by
     FROM settlements s WHERE s.id = ?`,
  );
  const insertReversal = db.prepare(
    `INSERT INTO settlements (id, kind, reverses_id, terminal_id, committed_at, committed_on, operator_id,
       ${COPIED.join(', ')}, ${ALL_AMOUNT_COLUMNS.join(', ')}, ${Object.values(FLAG_COLUMNS).join(', ')}, trace_json)
     SELECT @id, 'reversal', id, @terminal, @at, @on, @operator,
       ${COPIED.join(', ')}, ${ALL_AMOUNT_COLUMNS.map((c) => `-${c}`).join(', ')}, ${Object.values(FLAG_COLUMNS).map(() => '0').join(', ')}, '[]'
     FROM settlements WHERE id = @original`,
  );
  const insertDetails = db.prepare('INSERT INTO reversals (settlement_id, original_id, supervisor_id, reason, at) VALUES (?, ?, ?, ?, ?)');

  return function reverseSettlement(originalId: string, args: ReverseArgs): Result<Reversed> {
    const reason = args.reason?.trim() ?? '';
    if (!reason) return fail('reversal-reason-required', '冲销必须填写原因');
    const supervisor = deps.operators.get(args.supervisorId);
    if (!supervisor || supervisor.role !== 'supervisor' || !supervisor.active) {
      return fail('reversal-needs-supervisor', '冲销须由在职主管授权');
    }
    const operatorId = args.operatorId ?? supervisor.id;
    if (!deps.operators.get(operatorId)?.active) return fail('ledger-unknown-operator', `收费员工号无效或已停用：${operatorId}`);

    return db
      .transaction((): Result<Reversed> => {
        const found = original.get(originalId) as { id: string; kind: string; total_fen: number; reversed_by: string | null } | undefined;
        if (!found) return fail('settlement-not-found', `找不到结算单：${originalId}`);
        if (found.kind !== 'settlement') return fail('reversal-of-reversal', '冲销单不能再冲销');
        if (found.reversed_by) return fail('settlement-already-reversed', `该结算单已被冲销（${found.reversed_by}），不能重复冲销`);

        const at = deps.now();
        const committedAt = localTimestamp(at);
        const settlementId = deps.writer.nextSettlementId(at);
        insertReversal.run({ id: settlementId, terminal: deps.terminalId, at: committedAt, on: localDate(at), operator: operatorId, original: originalId });
        insertDetails.run(settlementId, originalId, supervisor.id, reason, committedAt);
        const eventId = deps.writer.recordEvent(settlementId, 'settled', operatorId);
        deps.writer.enqueueUpload(settlementId, committedAt);
        deps.audit.append({
          actor: operatorId,
          action: 'settlement.reverse',
          subject: settlementId,
          detail: {
            originalId,
            supervisorId: supervisor.id,
            reason,
            rows: deps.digests.cover([['settlements', settlementId], ['reversals', settlementId], ['settlement_events', eventId]]),
          },
        });
        return ok({ settlementId, originalId, committedAt });
      })
      .immediate();
  };
}

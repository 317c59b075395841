/**
 * A real-time settlement cancelled at the centre (2305 / 2208) and reversed here (migration 15).
 * The order that keeps the hospital and the centre from disagreeing silently:
 *   1. `recordSent`: the cancelling request's msgid, written (under the person's lock, after the
 *      reversal checks) before the request is sent;
 *   2. the centre answers: `reverseWithCentre` commits the local reversal and the centre's negated
 *      answer in one transaction, only while that msgid is still pending; or it refuses:
 *      `recordOutcome(…, 'refused')`, nothing reversed;
 *   3. no answer: the msgid stays pending; the next attempt looks it up (5203), reverses it (2601,
 *      then `recordOutcome(…, 'reversed')`) and only then sends a new cancellation.
 */
import { ledgerStamp } from '../../shared/time';
import type { LedgerDeps } from './deps';
import type { Queryable } from './engine/types';
import { fail, ok, type Result } from './result';
import { checkReversible, type createReverse, type Reversed, type ReverseArgs } from './reverse';

export interface PendingCancel {
  msgid: string;
  infno: string;
  terminalId: string;
  sentAt: string;
}

/** The centre's answer to a cancellation, stored with the reversal. */
export interface CentreCancellation {
  msgid: string;
  /** The cancellation's own setl_id (national-platform.md §9.6). */
  setlId: string;
  mdtrtId: string;
  /** setlinfo + setldetail, negated, as received. */
  answer: unknown;
}

/** What the centre holds of a settlement of ours: its setl_id, and its cancellation once cancelled. */
export interface CentreState {
  setlId: string;
  mdtrtId: string;
  cancelSetlId: string | null;
  cancelAnswer: unknown;
}

const PENDING = `SELECT c.msgid, c.infno, c.terminal_id, c.sent_at FROM realtime_cancels c
  WHERE c.original_id = ? AND NOT EXISTS (SELECT 1 FROM realtime_cancel_outcomes o WHERE o.msgid = c.msgid)
    AND NOT EXISTS (SELECT 1 FROM realtime_reversals r WHERE r.msgid = c.msgid) ORDER BY c.sent_at, c.msgid`;

async function pendingIn(tx: Queryable, originalId: string): Promise<PendingCancel[]> {
  const rows = await tx.all<{ msgid: string; infno: string; terminal_id: string; sent_at: string }>(PENDING, [originalId]);
  return rows.map((r) => ({ msgid: r.msgid, infno: r.infno, terminalId: r.terminal_id, sentAt: r.sent_at }));
}

export function createRealtimeCancels(deps: LedgerDeps, reverse: ReturnType<typeof createReverse>) {
  const { db } = deps;

  /** Cancelling requests of this settlement whose outcome is not known. */
  const pending = (originalId: string) => pendingIn(db, originalId);

  /**
   * Before 2305/2208 goes: the reversal would be allowed, nothing is pending (another window's
   * request still unresolved refuses; this terminal resolves its own first), and the msgid stored.
   */
  function recordSent(originalId: string, msgid: string, infno: string, args: ReverseArgs): Promise<Result<void>> {
    return db.transaction(async (tx): Promise<Result<void>> => {
      const checked = await checkReversible(tx, originalId, args);
      if (!checked.ok) return checked;
      const open = await pendingIn(tx, originalId);
      const elsewhere = open.find((p) => p.terminalId !== deps.terminalId);
      if (elsewhere) {
        return fail(
          'realtime-cancel-elsewhere',
          `该结算正在收费窗口 ${elsewhere.terminalId} 撤销（报文 ${elsewhere.msgid}，${elsewhere.sentAt}），医保中心的处理结果未明：请在该窗口重新冲销`,
        );
      }
      if (open.length > 0) return fail('realtime-cancel-pending', `本窗口对该结算的撤销报文 ${open[0]!.msgid} 结果未明，须先查询并冲正`);
      await tx.run('INSERT INTO realtime_cancels (msgid, original_id, infno, terminal_id, sent_at) VALUES (?, ?, ?, ?, ?)', [
        msgid,
        originalId,
        infno,
        deps.terminalId,
        ledgerStamp(deps.now()),
      ]);
      return ok(undefined);
    });
  }

  async function recordOutcome(msgid: string, outcome: 'refused' | 'reversed', note: string): Promise<void> {
    await db.run('INSERT INTO realtime_cancel_outcomes (msgid, outcome, note, at) VALUES (?, ?, ?, ?)', [msgid, outcome, note, ledgerStamp(deps.now())]);
  }

  /** The local reversal with the centre's answer, in one transaction, while the cancelling msgid is pending. */
  function reverseWithCentre(originalId: string, args: ReverseArgs, centre: CentreCancellation): Promise<Result<Reversed>> {
    return reverse.reverseSettlement(originalId, args, {
      async check(tx) {
        const open = await pendingIn(tx, originalId);
        return open.some((p) => p.msgid === centre.msgid)
          ? ok(undefined)
          : fail('realtime-cancel-not-pending', `撤销报文 ${centre.msgid} 已冲正或已处理，本地未冲销：请重新冲销`);
      },
      async write(tx, reversalId) {
        await tx.run('INSERT INTO realtime_reversals (settlement_id, original_id, msgid, setl_id, mdtrt_id, centre_json) VALUES (?, ?, ?, ?, ?, ?)', [
          reversalId,
          originalId,
          centre.msgid,
          centre.setlId,
          centre.mdtrtId,
          JSON.stringify(centre.answer),
        ]);
      },
    });
  }

  /** For a real-time settlement or its reversal: the centre's setl_id and its cancellation; null for any other. */
  async function centreStateOf(settlementId: string): Promise<CentreState | null> {
    const row = await db.get<{ setl_id: string; mdtrt_id: string; cancel_setl_id: string | null; centre_json: string | null }>(
      `SELECT rt.setl_id, rt.mdtrt_id, rr.setl_id AS cancel_setl_id, rr.centre_json FROM settlements s
         JOIN realtime_settlements rt ON rt.settlement_id = COALESCE(s.reverses_id, s.id)
         LEFT JOIN realtime_reversals rr ON rr.original_id = rt.settlement_id
       WHERE s.id = ?`,
      [settlementId],
    );
    if (!row) return null;
    return { setlId: row.setl_id, mdtrtId: row.mdtrt_id, cancelSetlId: row.cancel_setl_id, cancelAnswer: row.centre_json ? JSON.parse(row.centre_json) : null };
  }

  /**
   * Settlements that need no 4101 list, with the centre's setl_id to acknowledge them by: a
   * cancellation (the centre made it itself, 2305/2208 are not settlements a list describes) and a
   * real-time settlement cancelled at the centre (its list would describe a settlement that is void).
   */
  async function listNotNeeded(settlementIds: readonly string[]): Promise<Map<string, string>> {
    if (settlementIds.length === 0) return new Map();
    const marks = settlementIds.map(() => '?').join(', ');
    const rows = await db.all<{ id: string; setl_id: string }>(
      `SELECT settlement_id AS id, setl_id FROM realtime_reversals WHERE settlement_id IN (${marks})
       UNION ALL
       SELECT rr.original_id AS id, rt.setl_id FROM realtime_reversals rr JOIN realtime_settlements rt ON rt.settlement_id = rr.original_id
         WHERE rr.original_id IN (${marks})`,
      [...settlementIds, ...settlementIds],
    );
    return new Map(rows.map((r) => [r.id, r.setl_id]));
  }

  return { pending, recordSent, recordOutcome, reverseWithCentre, centreStateOf, listNotNeeded };
}

export type RealtimeCancels = ReturnType<typeof createRealtimeCancels>;

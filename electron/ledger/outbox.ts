import type { SettlementInput } from '../../shared/engine';
import { ledgerStamp, type Clock } from '../../shared/time';
import type { Engine } from './engine/types';
import type { Queries } from './queries';
import { seqColumn } from './report-queries';
import { fail, ok, type Result } from './result';
import { SUMMARY_SELECT, toSummary, type OutboxState, type SettlementRecord, type SettlementSummary, type SummaryRow } from './settlement-record';

export type OutboxStatus = OutboxState['status'];

export interface OutboxItem {
  settlementId: string;
  attempts: number;
  lastError: string | null;
  settlement: SettlementRecord;
}

export interface OutboxUpdate {
  settlementId: string;
  /** `sent` counts an attempt; `pending` puts a failed send back in the queue. */
  status: OutboxStatus;
  error?: string;
  /** The bureau's settlement id (setl_id) from a 4101 acknowledgement. */
  bureauSetlId?: string;
}

export interface OutboxClaim {
  /** Who sends (the terminal id): its own earlier claims are its again at once (a restart after a crash). */
  claimant: string;
  limit: number;
  /** How long the claim holds off other uploaders; an uploader that died lets it lapse. */
  leaseMs?: number;
}

/** Long enough for a batch of 500 lists with back-off; a dead uploader's rows wait this long. */
export const DEFAULT_CLAIM_LEASE_MS = 10 * 60_000;

/** A settlement as the uploader sends it: its summary and its engine input. */
/** `insuplcAdmdvs`: the person's 参保地 as the bureau answered at eligibility; null offline or before migration 13. */
export type UploadSettlement = SettlementSummary & { input: SettlementInput; insuplcAdmdvs: string | null };

export interface RejectedUpload {
  id: string;
  error: string | null;
  attempts: number;
  at: string;
  name: string;
  totalFen: number;
}

const STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'acked', 'rejected'];

// Not under someone else's claim that is still running.
const CLAIMABLE = `AND (o.claimed_by IS NULL OR o.claimed_by = @claimant OR o.claim_until_ms IS NULL OR o.claim_until_ms < @now)`;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The upload queue. Unlike the settlement record, its rows change status as uploads progress. */
export function createOutbox(db: Engine, queries: Queries, now: Clock) {
  async function outboxPending(limit = 500): Promise<OutboxItem[]> {
    const ids = await db.all<{ settlement_id: string }>(`SELECT settlement_id FROM outbox WHERE status = 'pending' ORDER BY created_at, settlement_id LIMIT ?`, [limit]);
    return Promise.all(
      ids.map(async ({ settlement_id: id }) => {
        const settlement = (await queries.getSettlement(id))!;
        return { settlementId: id, attempts: settlement.outbox!.attempts, lastError: settlement.outbox!.lastError, settlement };
      }),
    );
  }

  /** Applies all updates in one transaction; an acknowledged record stays acknowledged. */
  async function markOutbox(updates: OutboxUpdate | OutboxUpdate[]): Promise<Result<number>> {
    const list = Array.isArray(updates) ? updates : [updates];
    const bad = list.find((u) => !STATUSES.includes(u.status));
    if (bad) return fail('outbox-bad-status', `上传队列状态未知：${String(bad.status)}`);
    return db.transaction(async (tx): Promise<Result<number>> => {
      for (const u of list) {
        const was = await tx.value<OutboxStatus>('SELECT status FROM outbox WHERE settlement_id = ?', [u.settlementId]);
        if (!was) return fail('outbox-not-found', `上传队列中没有该结算单：${u.settlementId}`);
        if (was === 'acked' && u.status !== 'acked') return fail('outbox-already-acked', `该结算单医保已确认，不能改回：${u.settlementId}`);
      }
      const at = ledgerStamp(now());
      for (const u of list) {
        // An answer (or a requeue) ends the claim; 'sent' keeps it.
        await tx.run(
          `UPDATE outbox SET status = @status, attempts = attempts + @attempt, last_error = @error,
             bureau_setl_id = coalesce(@setlId, bureau_setl_id), updated_at = @at,
             claimed_by = CASE WHEN @status = 'sent' THEN claimed_by END, claim_until_ms = CASE WHEN @status = 'sent' THEN claim_until_ms END
           WHERE settlement_id = @id`,
          { id: u.settlementId, status: u.status, attempt: u.status === 'sent' ? 1 : 0, error: u.error ?? null, setlId: u.bureauSetlId ?? null, at },
        );
      }
      return ok(list.length);
    });
  }

  async function outboxCounts(): Promise<Record<OutboxStatus, number> & { total: number }> {
    const result = { pending: 0, sent: 0, acked: 0, rejected: 0, total: 0 };
    for (const row of await db.all<{ status: OutboxStatus; n: number }>('SELECT status, count(*) AS n FROM outbox GROUP BY status')) {
      result[row.status] = Number(row.n);
      result.total += Number(row.n);
    }
    return result;
  }

  /**
   * Ids waiting to go up, oldest first (so an original always precedes its reversal): 'pending',
   * and 'sent' too — a row left in 'sent' by a crash must be sent again. With `claimant`, rows
   * another uploader is sending right now (its claim not lapsed) are left out.
   */
  async function outboxDueIds(claimant?: string): Promise<string[]> {
    const rows = await db.all<{ settlement_id: string }>(
      `SELECT o.settlement_id FROM outbox o JOIN settlements s ON s.id = o.settlement_id
       WHERE o.status IN ('pending', 'sent') ${claimant === undefined ? '' : CLAIMABLE} ORDER BY ${seqColumn(db.dialect)}`,
      claimant === undefined ? [] : { claimant, now: now().getTime() },
    );
    return rows.map((r) => r.settlement_id);
  }

  /**
   * Claims up to `limit` due rows for one uploader, in commit order, marked 'sent' (an attempt).
   * On PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED`, so two uploaders claiming at the
   * same moment take different rows; on SQLite the single writer does the same. A row claimed by
   * someone else stays theirs until the claim lapses (`leaseMs`). Per person the centre settles
   * each list on top of the earlier ones (its year-to-date): a row is only claimed when every
   * earlier due row of the same person is claimed with it — a person's lists never race.
   */
  async function claimOutbox(claim: OutboxClaim): Promise<string[]> {
    const at = now();
    const until = at.getTime() + (claim.leaseMs ?? DEFAULT_CLAIM_LEASE_MS);
    return db.transaction(async (tx) => {
      const candidates = await tx.all<{ settlement_id: string; certno: string }>(
        `SELECT o.settlement_id, s.patient_certno AS certno FROM outbox o JOIN settlements s ON s.id = o.settlement_id
         WHERE o.status IN ('pending', 'sent') ${CLAIMABLE}
         ORDER BY ${seqColumn(db.dialect)} LIMIT @limit ${db.dialect === 'postgres' ? 'FOR UPDATE OF o SKIP LOCKED' : ''}`,
        { claimant: claim.claimant, now: at.getTime(), limit: Math.max(1, claim.limit) },
      );
      if (candidates.length === 0) return [];
      const people = [...new Set(candidates.map((c) => c.certno))];
      const due = await tx.all<{ settlement_id: string; certno: string }>(
        `SELECT o.settlement_id, s.patient_certno AS certno FROM outbox o JOIN settlements s ON s.id = o.settlement_id
         WHERE o.status IN ('pending', 'sent') AND s.patient_certno IN (${placeholders(people.length)}) ORDER BY ${seqColumn(db.dialect)}`,
        people,
      );
      const picked = new Set(candidates.map((c) => c.settlement_id));
      // A person is blocked from their first due row this claim did not get; rows before it are fine.
      const claimed: string[] = [];
      const stopped = new Set<string>();
      for (const row of due) {
        if (!picked.has(row.settlement_id)) stopped.add(row.certno);
        else if (!stopped.has(row.certno)) claimed.push(row.settlement_id);
      }
      const stamp = ledgerStamp(at);
      for (let i = 0; i < claimed.length; i += 500) {
        const part = claimed.slice(i, i + 500);
        await tx.run(
          `UPDATE outbox SET status = 'sent', attempts = attempts + 1, claimed_by = ?, claim_until_ms = ?, updated_at = ? WHERE settlement_id IN (${placeholders(part.length)})`,
          [claim.claimant, until, stamp, ...part],
        );
      }
      const order = new Map(candidates.map((c, i) => [c.settlement_id, i]));
      return claimed.sort((a, b) => order.get(a)! - order.get(b)!);
    });
  }

  /** The commit days of the settlements waiting to go up (the days to reconcile after an upload). */
  async function outboxDueDays(): Promise<string[]> {
    const rows = await db.all<{ day: string }>(
      `SELECT DISTINCT s.committed_on AS day FROM outbox o JOIN settlements s ON s.id = o.settlement_id WHERE o.status IN ('pending', 'sent') ORDER BY 1`,
    );
    return rows.map((r) => r.day);
  }

  /** Records the bureau refused: they wait for a person, with the bureau's message. */
  async function outboxRejected(): Promise<RejectedUpload[]> {
    const rows = await db.all<RejectedUpload>(
      `SELECT o.settlement_id AS id, o.last_error AS error, o.attempts, o.updated_at AS at, s.patient_name AS name, s.total_fen AS "totalFen"
       FROM outbox o JOIN settlements s ON s.id = o.settlement_id WHERE o.status = 'rejected' ORDER BY o.created_at, o.settlement_id`,
    );
    return rows.map((r) => ({ ...r, attempts: Number(r.attempts), totalFen: Number(r.totalFen) }));
  }

  /** One query per batch instead of the full record per id (events, trace, prints are not uploaded). */
  async function uploadSources(ids: readonly string[]): Promise<UploadSettlement[]> {
    if (ids.length === 0) return [];
    const rows = await db.all<SummaryRow & { input_json: string; insuplc_admdvs: string | null }>(
      `SELECT ${SUMMARY_SELECT}, s.input_json, ss.insuplc_admdvs FROM settlements s LEFT JOIN settlement_sources ss ON ss.settlement_id = s.id
       WHERE s.id IN (${placeholders(ids.length)})`,
      ids,
    );
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) throw new Error(`outbox names a settlement the ledger does not hold: ${id}`);
      return { ...toSummary(row), input: JSON.parse(row.input_json) as SettlementInput, insuplcAdmdvs: row.insuplc_admdvs ?? null };
    });
  }

  return { outboxPending, markOutbox, outboxCounts, outboxDueIds, claimOutbox, outboxDueDays, outboxRejected, uploadSources };
}

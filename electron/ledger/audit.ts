import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { localTimestamp, type Clock } from './clock';
import type { Engine, Queryable } from './engine/types';
import { lockKey } from './locks';

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail: Record<string, unknown>;
}

export type AuditVerdict =
  | { ok: true; rows: number }
  | { ok: false; brokenAt: number; reason: string };

export interface StoredAuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  detail_json: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** The hashed form of a row: every stored column except the hashes, in a fixed order. */
function rowHash(prevHash: string, row: Omit<StoredAuditRow, 'prev_hash' | 'hash'>): string {
  const canonical = canonicalJson([row.id, row.at, row.actor, row.action, row.subject, row.detail_json]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/**
 * Appends to the hash-chained audit log inside the caller's write transaction. The chain is one
 * sequence for the whole ledger, so on a shared server the appenders take turns (a
 * transaction-scoped lock) before reading the previous hash.
 */
export async function appendAudit(tx: Queryable, now: Clock, entry: AuditEntry): Promise<number> {
  if (tx.dialect === 'postgres') await tx.value('SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))', [lockKey('audit-chain')]);
  const previous = await tx.get<{ id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const row = {
    id: (previous?.id ?? 0) + 1,
    at: localTimestamp(now()),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject ?? null,
    detail_json: canonicalJson(entry.detail ?? {}),
  };
  const prevHash = previous?.hash ?? GENESIS;
  await tx.run(
    'INSERT INTO audit_log (id, at, actor, action, subject, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [row.id, row.at, row.actor, row.action, row.subject, row.detail_json, prevHash, rowHash(prevHash, row)],
  );
  return row.id;
}

const VERIFY_PAGE = 5000;

/**
 * The append-only audit log. Each row carries sha256(prev_hash + canonical row), so an edited,
 * inserted or removed row breaks the chain from there on.
 */
export function createAuditLog(db: Engine, now: Clock) {
  /** Appends in a transaction of its own (for changes that write nothing else). */
  const append = (entry: AuditEntry): Promise<number> => db.transaction((tx) => appendAudit(tx, now, entry));

  async function verifyAuditChain(): Promise<AuditVerdict> {
    let prevHash = GENESIS;
    let expectedId = 1;
    let rows = 0;
    let after = 0;
    for (;;) {
      const page = await db.all<StoredAuditRow>('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?', [after, VERIFY_PAGE]);
      for (const row of page) {
        if (row.id !== expectedId) return { ok: false, brokenAt: row.id, reason: `审计记录缺号：应为 ${expectedId}，实为 ${row.id}` };
        if (row.prev_hash !== prevHash) return { ok: false, brokenAt: row.id, reason: '审计记录的前序哈希与上一条不符' };
        if (row.hash !== rowHash(prevHash, row)) return { ok: false, brokenAt: row.id, reason: '审计记录内容与其哈希不符（记录被改动）' };
        prevHash = row.hash;
        expectedId++;
        rows++;
        after = row.id;
      }
      if (page.length < VERIFY_PAGE) return { ok: true, rows };
    }
  }

  async function list(options: { limit?: number; action?: string } = {}): Promise<AuditRow[]> {
    const rows = await db.all<StoredAuditRow>(
      `SELECT id, at, actor, action, subject, detail_json FROM audit_log
       WHERE (CAST(@action AS TEXT) IS NULL OR action = @action) ORDER BY id DESC LIMIT @limit`,
      { action: options.action ?? null, limit: options.limit ?? 100 },
    );
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, subject: r.subject, detail: JSON.parse(r.detail_json) }));
  }

  return { append, verifyAuditChain, list };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

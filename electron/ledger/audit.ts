import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from './canonical-json';
import { localTimestamp, type Clock } from './clock';

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

interface StoredRow {
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
function rowHash(prevHash: string, row: Omit<StoredRow, 'prev_hash' | 'hash'>): string {
  const canonical = canonicalJson([row.id, row.at, row.actor, row.action, row.subject, row.detail_json]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/**
 * The append-only audit log. Each row carries sha256(prev_hash + canonical row), so an edited,
 * inserted or removed row breaks the chain from there on. Call `append` inside the write
 * transaction of the change it records (the previous hash is read under the write lock).
 */
export function createAuditLog(db: Database.Database, now: Clock) {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO audit_log (id, at, actor, action, subject, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  function append(entry: AuditEntry): number {
    const previous = last.get() as { id: number; hash: string } | undefined;
    const row = {
      id: (previous?.id ?? 0) + 1,
      at: localTimestamp(now()),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      detail_json: canonicalJson(entry.detail ?? {}),
    };
    const prevHash = previous?.hash ?? GENESIS;
    insert.run(row.id, row.at, row.actor, row.action, row.subject, row.detail_json, prevHash, rowHash(prevHash, row));
    return row.id;
  }

  function verifyAuditChain(): AuditVerdict {
    let prevHash = GENESIS;
    let expectedId = 1;
    let rows = 0;
    for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<StoredRow>) {
      if (row.id !== expectedId) return { ok: false, brokenAt: row.id, reason: `审计记录缺号：应为 ${expectedId}，实为 ${row.id}` };
      if (row.prev_hash !== prevHash) return { ok: false, brokenAt: row.id, reason: '审计记录的前序哈希与上一条不符' };
      if (row.hash !== rowHash(prevHash, row)) return { ok: false, brokenAt: row.id, reason: '审计记录内容与其哈希不符（记录被改动）' };
      prevHash = row.hash;
      expectedId++;
      rows++;
    }
    return { ok: true, rows };
  }

  function list(options: { limit?: number; action?: string } = {}): AuditRow[] {
    const rows = db
      .prepare(
        `SELECT id, at, actor, action, subject, detail_json FROM audit_log
         WHERE (@action IS NULL OR action = @action) ORDER BY id DESC LIMIT @limit`,
      )
      .all({ action: options.action ?? null, limit: options.limit ?? 100 }) as StoredRow[];
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, subject: r.subject, detail: JSON.parse(r.detail_json) }));
  }

  return { append, verifyAuditChain, list };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

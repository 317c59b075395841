import { createHash, createHmac } from 'node:crypto';
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
/** The row from which the chain is keyed (HMAC); rows before it (ledgers older than the key) are plain sha256. */
export const KEYED_MARKER = 'audit.keyed';

/** The hashed form of a row: every stored column except the hashes, in a fixed order; HMAC-SHA256 with the installation's key. */
function rowHash(prevHash: string, row: Omit<StoredRow, 'prev_hash' | 'hash'>, key: Buffer | null): string {
  const canonical = canonicalJson([row.id, row.at, row.actor, row.action, row.subject, row.detail_json]);
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(prevHash).update(canonical).digest('hex');
}

/**
 * The append-only audit log. Each row carries HMAC(key, prev_hash + canonical row) — sha256 without
 * a key — so an edited, inserted or removed row breaks the chain from there on, and without the key
 * (kept outside the ledger) nobody can write a chain that verifies. Call `append` inside the write
 * transaction of the change it records (the previous hash is read under the write lock).
 */
export function createAuditLog(db: Database.Database, now: Clock, key: Buffer | null = null) {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO audit_log (id, at, actor, action, subject, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const marker = db.prepare(`SELECT id FROM audit_log WHERE action = '${KEYED_MARKER}' ORDER BY id LIMIT 1`).pluck();
  let keyedFrom = key ? ((marker.get() as number | undefined) ?? null) : null;

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
    const keyed = key !== null && (keyedFrom !== null || entry.action === KEYED_MARKER);
    insert.run(row.id, row.at, row.actor, row.action, row.subject, row.detail_json, prevHash, rowHash(prevHash, row, keyed ? key : null));
    if (keyed && keyedFrom === null) keyedFrom = row.id;
    return row.id;
  }

  /** Starts keying the chain (once per ledger): the marker row records where uncovered history ends. */
  function ensureKeyed(detail: Record<string, unknown>): void {
    if (!key || keyedFrom !== null) return;
    db.transaction(() => {
      if ((keyedFrom = (marker.get() as number | undefined) ?? null) === null) append({ actor: 'system', action: KEYED_MARKER, detail });
    }).immediate();
  }

  /** The latest row: anchor it elsewhere (the day-close report) so removing the last rows shows. */
  function head(): { id: number; hash: string } | null {
    return (last.get() as { id: number; hash: string } | undefined) ?? null;
  }

  function verifyAuditChain(): AuditVerdict {
    let prevHash = GENESIS;
    let expectedId = 1;
    let rows = 0;
    let keyed = false;
    for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<StoredRow>) {
      if (row.id !== expectedId) return { ok: false, brokenAt: row.id, reason: `审计记录缺号：应为 ${expectedId}，实为 ${row.id}` };
      if (row.prev_hash !== prevHash) return { ok: false, brokenAt: row.id, reason: '审计记录的前序哈希与上一条不符' };
      if (row.action === KEYED_MARKER && !keyed) {
        if (!key) return { ok: false, brokenAt: row.id, reason: '审计链已用本机密钥签名，但未提供密钥（audit.key 丢失？）' };
        keyed = true;
      }
      if (row.hash !== rowHash(prevHash, row, keyed ? key : null)) return { ok: false, brokenAt: row.id, reason: '审计记录内容与其哈希不符（记录被改动，或本机密钥不符）' };
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

  return { append, verifyAuditChain, list, head, ensureKeyed, keyed: () => keyedFrom !== null };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

import { createHash, createHmac } from 'node:crypto';
import type { LoadedKey } from './audit-key';
import { canonicalJson } from './canonical-json';
import { ledgerStamp, type Clock } from '../../shared/time';
import type { Engine, Queryable } from './engine/types';
import { lockKey } from './locks';
import { LedgerError } from './result';

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

export type AuditVerdict = { ok: true; rows: number } | { ok: false; brokenAt: number; reason: string };

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

/** The chain's latest row: written into every day-close report, so removing the last rows shows. */
export interface AuditHead {
  id: number;
  hash: string;
}

/** The row from which the chain is keyed (HMAC); rows before it (a ledger older than the key) are plain sha256. */
export const KEYED_MARKER = 'audit.keyed';

/** How one open ledger signs its chain. */
export interface AuditChain {
  now: Clock;
  key: Buffer | null;
  /** Id of the marker row from which the chain is keyed; null while it is not keyed. */
  keyedFrom: number | null;
  /** Why this ledger cannot sign its chain (key missing, or not this chain's), in Chinese: appends are refused. */
  unusable: string | null;
}

const GENESIS = '0'.repeat(64);

/** The hashed form of a row: every stored column except the hashes, in a fixed order; HMAC-SHA256 with the key from the marker on. */
function rowHash(prevHash: string, row: Omit<StoredAuditRow, 'prev_hash' | 'hash'>, key: Buffer | null): string {
  const canonical = canonicalJson([row.id, row.at, row.actor, row.action, row.subject, row.detail_json]);
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(prevHash).update(canonical).digest('hex');
}

const lockChain = async (tx: Queryable) => {
  if (tx.dialect === 'postgres') await tx.value('SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))', [lockKey('audit-chain')]);
};

const firstMarker = (q: Queryable) => q.get<StoredAuditRow>('SELECT * FROM audit_log WHERE action = ? ORDER BY id LIMIT 1', [KEYED_MARKER]);

/**
 * Appends to the hash-chained audit log inside the caller's write transaction. The chain is one
 * sequence for the whole ledger, so on a shared server the appenders take turns (a
 * transaction-scoped lock) before reading the previous hash. A ledger that cannot sign its chain
 * refuses to write rather than break the chain every window shares.
 */
export async function appendAudit(tx: Queryable, chain: AuditChain, entry: AuditEntry): Promise<AuditHead> {
  if (chain.unusable) throw new LedgerError('audit-key-unusable', `${chain.unusable}。台账暂停写入，请联系信息科`);
  await lockChain(tx);
  const previous = await tx.get<{ id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const row = {
    id: Number(previous?.id ?? 0) + 1,
    at: ledgerStamp(chain.now()),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject ?? null,
    detail_json: canonicalJson(entry.detail ?? {}),
  };
  const prevHash = previous?.hash ?? GENESIS;
  const keyed = chain.key !== null && (chain.keyedFrom !== null || entry.action === KEYED_MARKER);
  const hash = rowHash(prevHash, row, keyed ? chain.key : null);
  await tx.run('INSERT INTO audit_log (id, at, actor, action, subject, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    row.id,
    row.at,
    row.actor,
    row.action,
    row.subject,
    row.detail_json,
    prevHash,
    hash,
  ]);
  return { id: row.id, hash };
}

/**
 * The chain's state at open. `loadKey(create)` answers the installation's key (`create`: the chain is
 * not keyed yet, a new key may be made) or null when none is configured (the chain stays sha256). A
 * chain not yet keyed gets its marker now: `coveredFrom` is where the rows the chain covers begin.
 */
export async function openAuditChain(
  db: Engine,
  now: Clock,
  loadKey: (create: boolean) => LoadedKey | null,
  coveredFrom: (tx: Queryable) => Promise<Record<string, number>>,
): Promise<AuditChain> {
  const marker = await firstMarker(db);
  const loaded = loadKey(!marker);
  const chain: AuditChain = { now, key: loaded?.key ?? null, keyedFrom: marker ? Number(marker.id) : null, unusable: null };
  if (!loaded) {
    if (marker) chain.unusable = '审计链已用审计密钥签名，但本机未配置审计密钥（站点配置 ledger.auditKeyFile）';
    return chain;
  }
  if (!loaded.key) {
    chain.unusable = loaded.problem;
    return chain;
  }
  if (marker) {
    if (rowHash(marker.prev_hash, marker, loaded.key) !== marker.hash) chain.unusable = '审计密钥与台账不符（不是写入本台账审计链的那把密钥）';
    return chain;
  }
  await db.transaction(async (tx) => {
    await lockChain(tx);
    const already = await firstMarker(tx);
    chain.keyedFrom = already
      ? Number(already.id)
      : (await appendAudit(tx, chain, { actor: 'system', action: KEYED_MARKER, detail: { coveredFrom: await coveredFrom(tx) } })).id;
  });
  return chain;
}

const VERIFY_PAGE = 5000;

/** The append-only audit log. Each row carries its chained hash, so an edited, inserted or removed row breaks the chain from there on. */
export function createAuditLog(db: Engine, chain: AuditChain) {
  /** Appends in a transaction of its own (for changes that write nothing else). */
  const append = (entry: AuditEntry): Promise<AuditHead> => db.transaction((tx) => appendAudit(tx, chain, entry));

  /** Walks the whole chain (ids, links, hashes); `visit` sees every row that passed. */
  async function verifyAuditChain(visit?: (row: StoredAuditRow) => void): Promise<AuditVerdict> {
    let prevHash = GENESIS;
    let expectedId = 1;
    let keyed = false;
    for (;;) {
      const page = await db.all<StoredAuditRow>('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?', [expectedId - 1, VERIFY_PAGE]);
      for (const row of page) {
        const id = Number(row.id);
        if (id !== expectedId) return { ok: false, brokenAt: id, reason: `审计记录缺号：应为 ${expectedId}，实为 ${id}` };
        if (row.prev_hash !== prevHash) return { ok: false, brokenAt: id, reason: '审计记录的前序哈希与上一条不符' };
        if (row.action === KEYED_MARKER && !keyed) {
          if (!chain.key) return { ok: false, brokenAt: id, reason: '审计链自此条起用审计密钥签名，但未找到审计密钥（audit.key）' };
          keyed = true;
        }
        if (row.hash !== rowHash(prevHash, { ...row, id }, keyed ? chain.key : null))
          return { ok: false, brokenAt: id, reason: '审计记录内容与其哈希不符（记录被改动）' };
        visit?.(row);
        prevHash = row.hash;
        expectedId++;
      }
      if (page.length < VERIFY_PAGE) return { ok: true, rows: expectedId - 1 };
    }
  }

  async function head(): Promise<AuditHead | null> {
    const row = await db.get<AuditHead>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    return row ? { id: Number(row.id), hash: row.hash } : null;
  }

  async function list(options: { limit?: number; action?: string } = {}): Promise<AuditRow[]> {
    const rows = await db.all<StoredAuditRow>(
      `SELECT id, at, actor, action, subject, detail_json FROM audit_log
       WHERE (CAST(@action AS TEXT) IS NULL OR action = @action) ORDER BY id DESC LIMIT @limit`,
      { action: options.action ?? null, limit: options.limit ?? 100 },
    );
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, subject: r.subject, detail: JSON.parse(r.detail_json) }));
  }

  return { append, verifyAuditChain, head, list, keyed: () => chain.keyedFrom !== null && chain.key !== null, unusable: () => chain.unusable };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

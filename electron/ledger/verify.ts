import type { AuditLog } from './audit';
import type { Engine } from './engine/types';

export interface LedgerVerdict {
  ok: boolean;
  /** Audit rows checked. */
  auditRows: number;
  /** Stored rows checked against their audit row (not yet on the async engine: 0). */
  coveredRows: number;
  /** The chain's latest row. */
  head: { id: number; hash: string } | null;
  /** Whether the chain is keyed with an installation secret (not yet on the async engine). */
  keyed: boolean;
  /** Chinese, one line per problem found. */
  problems: string[];
}

/** 核验台账: the audit chain (ids, links, hashes) from the first row to the head. */
export function createVerifier(db: Engine, audit: AuditLog) {
  return async function verifyLedger(): Promise<LedgerVerdict> {
    const chain = await audit.verifyAuditChain();
    const problems = chain.ok ? [] : [`审计链第 ${chain.brokenAt} 条：${chain.reason}`];
    const head = (await db.get<{ id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1')) ?? null;
    return { ok: chain.ok, auditRows: chain.ok ? chain.rows : chain.brokenAt - 1, coveredRows: 0, head, keyed: false, problems };
  };
}

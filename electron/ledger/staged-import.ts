import { appendAudit, type AuditChain, type AuditEntry } from './audit';
import type { Engine } from './engine/types';

/** An import writing an unpublished version in short batches (rosters.ts, catalogue.ts). */
export interface StagedImport<S> {
  session: S;
  versionId(): number | undefined;
  counts(): { rowCount: number; rejectedCount: number };
  auditEntry(): AuditEntry | undefined;
}

/**
 * Runs `fn` on the staged session; when it resolves, publishes the version (its counts,
 * `staged_by = NULL`) together with its audit row in one short transaction; when it throws,
 * `discard` takes the staged version out of the way and the error goes on.
 */
export async function publishStagedImport<S, T>(
  db: Engine,
  chain: AuditChain,
  table: 'roster_versions' | 'catalogue_versions',
  staged: StagedImport<S>,
  fn: (session: S) => Promise<T>,
  discard: (versionId: number) => Promise<unknown>,
): Promise<T> {
  let result: T;
  try {
    result = await fn(staged.session);
    const versionId = staged.versionId();
    if (versionId !== undefined) {
      await db.transaction(async (tx) => {
        const { rowCount, rejectedCount } = staged.counts();
        await tx.run(`UPDATE ${table} SET row_count = ?, rejected_count = ?, staged_by = NULL WHERE id = ?`, [rowCount, rejectedCount, versionId]);
        const entry = staged.auditEntry();
        if (entry) await appendAudit(tx, chain, entry);
      });
    }
  } catch (error) {
    const versionId = staged.versionId();
    if (versionId !== undefined) await discard(versionId);
    throw error;
  }
  return result;
}

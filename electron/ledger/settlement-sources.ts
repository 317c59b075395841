import type { CommitArgs, CommitOptions, Committed } from './commit';
import type { Engine, Queryable } from './engine/types';
import type { Result } from './result';

export interface SettlementSource {
  /** False when the bureau was unreachable and the local roster answered. */
  online: boolean;
  /** The roster (month or day) the offline identities came from. */
  rosterDate: string | null;
  /** The person's 参保地医保区划 as the bureau answered (1101); null offline. */
  insuplcAdmdvs?: string | null;
}

/**
 * Commits a settlement together with where its person context came from, in one transaction,
 * so an offline receipt can always say so.
 */
export function createSettlementSources(db: Engine, commitIn: (tx: Queryable, args: CommitArgs, options?: CommitOptions) => Promise<Result<Committed>>) {
  /** `also` writes more about a new settlement in the same transaction (a real-time settlement's record). */
  async function commitWithSource(
    args: CommitArgs,
    source: SettlementSource,
    options: CommitOptions = {},
    also?: (tx: Queryable, settlementId: string) => Promise<unknown>,
  ): Promise<Result<Committed>> {
    return db.transaction(async (tx) => {
      const committed = await commitIn(tx, args, options);
      if (committed.ok && !committed.value.replayed) {
        await tx.run('INSERT INTO settlement_sources (settlement_id, online, roster_date, insuplc_admdvs) VALUES (?, ?, ?, ?)', [
          committed.value.settlementId,
          source.online ? 1 : 0,
          source.rosterDate,
          source.insuplcAdmdvs ?? null,
        ]);
        await also?.(tx, committed.value.settlementId);
      }
      return committed;
    });
  }

  async function sourceOf(settlementId: string): Promise<SettlementSource | null> {
    const row = await db.get<{ online: number; roster_date: string | null; insuplc_admdvs: string | null }>(
      'SELECT online, roster_date, insuplc_admdvs FROM settlement_sources WHERE settlement_id = ?',
      [settlementId],
    );
    return row ? { online: Number(row.online) === 1, rosterDate: row.roster_date, insuplcAdmdvs: row.insuplc_admdvs } : null;
  }

  return { commitWithSource, sourceOf };
}

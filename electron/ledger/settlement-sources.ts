import type Database from 'better-sqlite3';
import type { CommitArgs, Committed } from './commit';
import type { Result } from './result';

export interface SettlementSource {
  /** False when the bureau was unreachable and the local roster answered. */
  online: boolean;
  /** The roster (month or day) the offline identities came from. */
  rosterDate: string | null;
}

/**
 * Commits a settlement together with where its person context came from, in one transaction
 * (the commit runs as a savepoint inside it), so an offline receipt can always say so.
 */
export function createSettlementSources(db: Database.Database, commit: (args: CommitArgs) => Result<Committed & { replayed?: boolean }>) {
  // Prepared on first use: a ledger opened with fewer migrations (tests) has no settlement_sources table.
  let statements: { insert: Database.Statement; get: Database.Statement } | undefined;
  const prepared = () =>
    (statements ??= {
      insert: db.prepare('INSERT INTO settlement_sources (settlement_id, online, roster_date) VALUES (?, ?, ?)'),
      get: db.prepare('SELECT online, roster_date FROM settlement_sources WHERE settlement_id = ?'),
    });

  async function commitWithSource(args: CommitArgs, source: SettlementSource): Promise<Result<Committed & { replayed?: boolean }>> {
    return db
      .transaction(() => {
        const committed = commit(args);
        if (committed.ok && !committed.value.replayed) prepared().insert.run(committed.value.settlementId, source.online ? 1 : 0, source.rosterDate);
        return committed;
      })
      .immediate();
  }

  async function sourceOf(settlementId: string): Promise<SettlementSource | null> {
    const row = prepared().get.get(settlementId) as { online: number; roster_date: string | null } | undefined;
    return row ? { online: row.online === 1, rosterDate: row.roster_date } : null;
  }

  return { commitWithSource, sourceOf };
}

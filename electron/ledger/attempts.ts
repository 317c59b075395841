import type Database from 'better-sqlite3';

/**
 * Settlement attempts (the window's attemptId per bill): `record` runs inside the commit transaction,
 * so an attempt is stored if and only if its settlement is.
 */
export function createAttempts(db: Database.Database) {
  // Prepared on first use: a ledger opened with fewer migrations (tests) has no such table.
  let statements: { find: Database.Statement; insert: Database.Statement } | undefined;
  const prepared = () =>
    (statements ??= {
      find: db.prepare('SELECT settlement_id FROM settlement_attempts WHERE attempt_id = ?').pluck(),
      insert: db.prepare('INSERT INTO settlement_attempts (attempt_id, settlement_id, operator_id, at) VALUES (?, ?, ?, ?)'),
    });

  return {
    /** Call inside the write transaction (the commit's). */
    findSync: (attemptId: string): string | null => (prepared().find.get(attemptId) as string | undefined) ?? null,
    record(attemptId: string, settlementId: string, operatorId: string, at: string): void {
      prepared().insert.run(attemptId, settlementId, operatorId, at);
    },
    /** The settlement stored for an attempt, or null. */
    async settlementOfAttempt(attemptId: string): Promise<string | null> {
      return (prepared().find.get(attemptId) as string | undefined) ?? null;
    },
  };
}

export type Attempts = ReturnType<typeof createAttempts>;

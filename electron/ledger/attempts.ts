import type { Engine, Queryable } from './engine/types';

/**
 * Settlement attempts (the window's attemptId per bill): recorded inside the commit transaction,
 * so an attempt is stored if and only if its settlement is.
 */
export async function findAttempt(q: Queryable, attemptId: string): Promise<string | null> {
  return (await q.value<string>('SELECT settlement_id FROM settlement_attempts WHERE attempt_id = ?', [attemptId])) ?? null;
}

/** Call inside the commit's write transaction. */
export async function recordAttempt(tx: Queryable, attemptId: string, settlementId: string, operatorId: string, at: string): Promise<void> {
  await tx.run('INSERT INTO settlement_attempts (attempt_id, settlement_id, operator_id, at) VALUES (?, ?, ?, ?)', [attemptId, settlementId, operatorId, at]);
}

export function createAttempts(db: Engine) {
  return {
    /** The settlement stored for an attempt, or null. */
    settlementOfAttempt: (attemptId: string): Promise<string | null> => findAttempt(db, attemptId),
  };
}

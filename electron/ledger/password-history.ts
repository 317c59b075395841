import type { Queryable } from './engine/types';
import { verifyPassword } from './password';

/** The passwords an operator had (hashes), so a new one cannot be one of the last few. */
export const passwordHistory = {
  /** Call inside the transaction that sets the password. */
  async record(tx: Queryable, operatorId: string, hash: string, at: string): Promise<void> {
    await tx.run('INSERT INTO password_history (operator_id, password_hash, at) VALUES (?, ?, ?)', [operatorId, hash, at]);
  },
  /** Whether `password` is the current one or one of the `last` passwords before. */
  async reused(q: Queryable, operatorId: string, password: string, currentHash: string, last = 3): Promise<boolean> {
    const recent = await q.all<{ password_hash: string }>('SELECT password_hash FROM password_history WHERE operator_id = ? ORDER BY id DESC LIMIT ?', [
      operatorId,
      last,
    ]);
    const hashes = new Set([currentHash, ...recent.map((r) => r.password_hash)]);
    return [...hashes].some((hash) => verifyPassword(password, hash));
  },
};

import type Database from 'better-sqlite3';
import { verifyPassword } from './password';

/** The passwords an operator had (hashes), so a new one cannot be one of the last few. */
export function createPasswordHistory(db: Database.Database) {
  let statements: { insert: Database.Statement; recent: Database.Statement } | undefined;
  const prepared = () =>
    (statements ??= {
      insert: db.prepare('INSERT INTO password_history (operator_id, password_hash, at) VALUES (?, ?, ?)'),
      recent: db.prepare('SELECT password_hash FROM password_history WHERE operator_id = ? ORDER BY id DESC LIMIT ?').pluck(),
    });

  return {
    /** Call inside the transaction that sets the password. */
    record(operatorId: string, hash: string, at: string): void {
      prepared().insert.run(operatorId, hash, at);
    },
    /** Whether `password` is the current one or one of the `last` passwords before. */
    reused(operatorId: string, password: string, currentHash: string, last = 3): boolean {
      const hashes = new Set([currentHash, ...(prepared().recent.all(operatorId, last) as string[])]);
      return [...hashes].some((hash) => verifyPassword(password, hash));
    },
  };
}

export type PasswordHistory = ReturnType<typeof createPasswordHistory>;

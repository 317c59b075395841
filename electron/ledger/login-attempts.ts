import type Database from 'better-sqlite3';
import type { AuditLog } from './audit';

export type AuthKind = 'login' | 'approval' | 'unlock' | 'reset';

export interface LockoutPolicy {
  /** Wrong passwords in a row that lock the account. */
  maxFailures: number;
  /** How long the lock lasts. */
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60 * 1000 };

/**
 * Every password check of an account (login, a supervisor's approval at a cashier's till, unlocking
 * the idle lock), kept for the lockout; each refused one also writes an audit row. A password reset
 * by a supervisor counts as a success (it ends a lock).
 */
export function createLoginAttempts(db: Database.Database, audit: AuditLog) {
  let statements: { insert: Database.Statement; since: Database.Statement } | undefined;
  const prepared = () =>
    (statements ??= {
      insert: db.prepare('INSERT INTO auth_attempts (username, kind, ok, at_ms) VALUES (?, ?, ?, ?)'),
      since: db.prepare(
        `SELECT ok, at_ms FROM auth_attempts WHERE username = ?
           AND id > coalesce((SELECT max(id) FROM auth_attempts WHERE username = ? AND ok = 1), 0) ORDER BY id`,
      ),
    });

  /** Until when (epoch ms) the account is locked, or null. Attempts made while locked do not count. */
  async function lockedUntil(username: string, policy: LockoutPolicy, nowMs: number): Promise<number | null> {
    let count = 0;
    let until = 0;
    for (const row of prepared().since.all(username, username) as Array<{ ok: number; at_ms: number }>) {
      if (row.at_ms < until) continue;
      count++;
      if (count >= policy.maxFailures) {
        until = row.at_ms + policy.lockMs;
        count = 0;
      }
    }
    return until > nowMs ? until : null;
  }

  /** Records one check; a refused one (`reason`) with an audit row in the same transaction. */
  async function record(args: { username: string; kind: AuthKind; ok: boolean; atMs: number; actor?: string; reason?: string }): Promise<void> {
    db.transaction(() => {
      prepared().insert.run(args.username, args.kind, args.ok ? 1 : 0, args.atMs);
      if (!args.ok) {
        audit.append({ actor: args.actor ?? args.username, action: `auth.${args.kind}-refused`, subject: args.username, detail: { reason: args.reason ?? 'bad-credentials' } });
      } else if (args.kind !== 'unlock') {
        audit.append({ actor: args.actor ?? args.username, action: `auth.${args.kind}`, subject: args.username });
      }
    }).immediate();
  }

  return { lockedUntil, record };
}

export type LoginAttempts = ReturnType<typeof createLoginAttempts>;

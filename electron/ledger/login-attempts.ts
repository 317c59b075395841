import { appendAudit, type AuditChain } from './audit';
import type { Engine } from './engine/types';

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
 * by a supervisor counts as a success (it ends a lock). One lockout for the whole ledger (every window).
 */
export function createLoginAttempts(db: Engine, chain: AuditChain) {
  /** Until when (epoch ms) the account is locked, or null. Attempts made while locked do not count. */
  async function lockedUntil(username: string, policy: LockoutPolicy, nowMs: number): Promise<number | null> {
    let count = 0;
    let until = 0;
    const rows = await db.all<{ ok: number; at_ms: number }>(
      `SELECT ok, at_ms FROM auth_attempts WHERE username = ?
         AND id > coalesce((SELECT max(id) FROM auth_attempts WHERE username = ? AND ok = 1), 0) ORDER BY id`,
      [username, username],
    );
    for (const row of rows) {
      const at = Number(row.at_ms);
      if (at < until) continue;
      count++;
      if (count >= policy.maxFailures) {
        until = at + policy.lockMs;
        count = 0;
      }
    }
    return until > nowMs ? until : null;
  }

  /** Records one check; a refused one (`reason`) with an audit row in the same transaction. */
  async function record(args: { username: string; kind: AuthKind; ok: boolean; atMs: number; actor?: string; reason?: string }): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO auth_attempts (username, kind, ok, at_ms) VALUES (?, ?, ?, ?)', [args.username, args.kind, args.ok ? 1 : 0, args.atMs]);
      if (!args.ok) {
        await appendAudit(tx, chain, {
          actor: args.actor ?? args.username,
          action: `auth.${args.kind}-refused`,
          subject: args.username,
          detail: { reason: args.reason ?? 'bad-credentials' },
        });
      } else if (args.kind !== 'unlock') {
        await appendAudit(tx, chain, { actor: args.actor ?? args.username, action: `auth.${args.kind}`, subject: args.username });
      }
    });
  }

  return { lockedUntil, record };
}

export type LoginAttempts = ReturnType<typeof createLoginAttempts>;

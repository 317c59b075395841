import { clockTime } from '../../shared/time';
import { DEFAULT_LOCKOUT, type AuthKind, type LockoutPolicy, type Operator } from '../ledger';
import { isDemoMode } from './demo-mode';
import { BackendError } from './errors';
import type { Runtime } from './runtime';

export function lockoutPolicy(runtime: Pick<Runtime, 'settings'>): LockoutPolicy {
  const { lockoutAttempts, lockoutMinutes } = runtime.settings;
  return {
    maxFailures: lockoutAttempts ?? DEFAULT_LOCKOUT.maxFailures,
    lockMs: lockoutMinutes !== undefined ? lockoutMinutes * 60_000 : DEFAULT_LOCKOUT.lockMs,
  };
}

/**
 * Every password check of an account — login, a supervisor's approval typed at a cashier's till,
 * unlocking the idle lock — goes through here: a locked account is refused without checking, a
 * demo account outside demo mode is refused, each refusal is recorded (lockout) and audited.
 */
export async function checkPassword(runtime: Runtime, username: string, password: string, kind: AuthKind, actor?: string): Promise<Operator> {
  const { ledger } = runtime;
  const policy = lockoutPolicy(runtime);
  const nowMs = ledger.now().getTime();
  const refuse = async (code: string, message: string, reason: string): Promise<never> => {
    await ledger.loginAttempts.record({ username, kind, ok: false, atMs: nowMs, actor, reason });
    throw new BackendError(code, message);
  };

  const lockedUntil = await ledger.loginAttempts.lockedUntil(username, policy, nowMs);
  if (lockedUntil !== null) {
    return refuse('account-locked', `连续 ${policy.maxFailures} 次密码错误，工号已锁定至 ${clockTime(new Date(lockedUntil))}；请稍后再试，或请主管重置密码`, 'locked');
  }
  const checked = await ledger.operators.authenticate(username, password);
  if (!checked.ok) return refuse(checked.error.code, checked.error.message, checked.error.code);
  if (checked.value.demo && !isDemoMode(runtime)) {
    return refuse('demo-account-disabled', '演示账号只能在演示模式下使用；请使用本人工号登录', 'demo-account');
  }
  await ledger.loginAttempts.record({ username, kind, ok: true, atMs: nowMs, actor });
  return checked.value;
}

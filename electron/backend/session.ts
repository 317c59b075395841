import { OPS_BEFORE_PASSWORD_CHANGE, OPS_WHILE_LOCKED, PUBLIC_OPS, SUPERVISOR_OPS, type OpName } from '../../shared/contract';
import type { Operator } from '../ledger';
import { BackendError } from './errors';

export interface Session {
  operator: Operator;
  mustChangePassword: boolean;
  loggedInAt: string;
  /** Idle lock: set after `idleMs` without activity; the session (and what it kept) stays for the same operator. */
  locked?: boolean;
}

export const DEFAULT_IDLE_LOCK_MINUTES = 10;

/**
 * The terminal's one logged-in operator (a cashier PC has one person at the till). Every op the
 * session runs, and the window's `auth.activity`, count as activity; after `idleMs()` without any
 * the session locks until the same operator unlocks it (auth.unlock) or logs out.
 */
export function createSessionHolder(options: { idleMs: () => number; now?: () => number }) {
  const now = options.now ?? Date.now;
  let current: Session | null = null;
  let lastActivity = now();

  /** Locks the session when it has been idle too long; answers it. */
  function checkIdle(): Session | null {
    if (current && !current.locked && now() - lastActivity > options.idleMs()) current = { ...current, locked: true };
    return current;
  }

  return {
    get: (): Session | null => checkIdle(),
    set: (session: Session | null): void => {
      current = session;
      lastActivity = now();
    },
    touch: (): void => {
      if (current && !checkIdle()?.locked) lastActivity = now();
    },
    /** Throws unless `op` may run now. */
    authorize(op: OpName): Session | null {
      const session = checkIdle();
      if (PUBLIC_OPS.includes(op)) return session;
      if (!session) throw new BackendError('not-logged-in', '请先登录');
      if (session.locked && !OPS_WHILE_LOCKED.includes(op)) throw new BackendError('session-locked', '已锁屏：请输入本人密码解锁');
      if (session.mustChangePassword && !OPS_BEFORE_PASSWORD_CHANGE.includes(op)) {
        throw new BackendError('password-change-required', '首次登录须先修改密码');
      }
      if (SUPERVISOR_OPS.includes(op) && session.operator.role !== 'supervisor') {
        throw new BackendError('forbidden', '此操作须由主管登录后进行');
      }
      if (!session.locked) lastActivity = now();
      return session;
    },
  };
}

export type SessionHolder = ReturnType<typeof createSessionHolder>;

/** Identifies one login: what the backend keeps for a session (resolved person contexts) is bound to it. */
export const sessionKeyOf = (session: Session): string => `${session.operator.id}@${session.loggedInAt}`;

/** A session's operator; call only after `authorize` let a non-public op through. */
export function requireSession(session: Session | null): Session {
  if (!session) throw new BackendError('not-logged-in', '请先登录');
  return session;
}

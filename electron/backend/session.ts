import { OPS_BEFORE_PASSWORD_CHANGE, PUBLIC_OPS, SUPERVISOR_OPS, type OpName } from '../../shared/contract';
import type { Operator } from '../ledger';
import { BackendError } from './errors';

export interface Session {
  operator: Operator;
  mustChangePassword: boolean;
  loggedInAt: string;
}

/** The terminal's one logged-in operator (a cashier PC has one person at the till). */
export function createSessionHolder() {
  let current: Session | null = null;

  return {
    get: (): Session | null => current,
    set: (session: Session | null): void => {
      current = session;
    },
    /** Throws unless `op` may run now. */
    authorize(op: OpName): Session | null {
      if (PUBLIC_OPS.includes(op)) return current;
      if (!current) throw new BackendError('not-logged-in', '请先登录');
      if (current.mustChangePassword && !OPS_BEFORE_PASSWORD_CHANGE.includes(op)) {
        throw new BackendError('password-change-required', '首次登录须先修改密码');
      }
      if (SUPERVISOR_OPS.includes(op) && current.operator.role !== 'supervisor') {
        throw new BackendError('forbidden', '此操作须由主管登录后进行');
      }
      return current;
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

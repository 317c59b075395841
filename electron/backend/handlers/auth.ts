import { ledgerStamp } from '../../../shared/time';
import type { OpOutput } from '../../../shared/contract';
import { BackendError, unwrap } from '../errors';
import { checkPassword } from '../password-check';
import type { Runtime } from '../runtime';
import { DEFAULT_IDLE_LOCK_MINUTES, requireSession, type Session } from '../session';
import type { Handlers } from './types';

export function sessionView(session: Session, runtime: Pick<Runtime, 'settings'>): OpOutput<'auth.session'>['session'] & object {
  const { operator } = session;
  return {
    operator: { id: operator.id, username: operator.id, displayName: operator.name, role: operator.role },
    mustChangePassword: session.mustChangePassword,
    terminalId: runtime.settings.terminalId,
    loggedInAt: session.loggedInAt,
    locked: session.locked === true,
    idleLockMinutes: runtime.settings.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES,
  };
}

const bureauOperatorOf = (operator: { id: string; name: string }) => ({ code: operator.id, name: operator.name });

export const authHandlers = {
  'auth.login': async ({ username, password }, { runtime }) => {
    const operator = await checkPassword(runtime, username, password, 'login');
    const session: Session = { operator, mustChangePassword: operator.mustChangePassword, loggedInAt: ledgerStamp(runtime.ledger.now()) };
    // A new login never inherits what the previous session kept.
    runtime.visits.clear();
    runtime.session.set(session);
    runtime.logger.info(`login ${operator.id}`);
    // 9001 for this operator in the background: the cashier works even while the bureau is away.
    void runtime.bureau.signInOperator(bureauOperatorOf(operator)).then(
      (signed) => {
        if (!signed.ok) runtime.logger.warn(`bureau sign-in ${operator.id}: ${signed.error.code}`);
      },
      // E.g. the backend closed (its bureau state store with it) while the sign-in was under way.
      (error: unknown) => runtime.logger.error(`bureau sign-in ${operator.id}`, error),
    );
    return sessionView(session, runtime);
  },
  'auth.logout': (_input, { runtime, session }) => {
    // 9002 with the sign_no kept for the operator who leaves.
    if (session) void runtime.bureau.signOutOperator(bureauOperatorOf(session.operator)).catch(() => undefined);
    runtime.session.set(null);
    runtime.visits.clear();
    runtime.bills.clear();
    return {};
  },
  'auth.changePassword': async ({ oldPassword, newPassword }, { runtime, session }) => {
    const current = requireSession(session);
    const changed = await runtime.ledger.operators.changePassword(current.operator.id, oldPassword, newPassword);
    // The operator is known here: a wrong password can only be the old one, said beside its field.
    if (!changed.ok && changed.error.code === 'operator-bad-credentials') {
      throw new BackendError('bad-old-password', '原密码不正确', [{ path: 'oldPassword', message: '原密码不正确' }]);
    }
    const operator = unwrap(changed);
    const updated: Session = { ...current, operator, mustChangePassword: false };
    runtime.session.set(updated);
    return sessionView(updated, runtime);
  },
  'auth.session': (_input, { runtime, session }) => ({ session: session ? sessionView(session, runtime) : null }),
  'auth.unlock': async ({ password }, { runtime, session }) => {
    const current = requireSession(session);
    if (!current.locked) return sessionView(current, runtime);
    try {
      await checkPassword(runtime, current.operator.id, password, 'unlock');
    } catch (error) {
      // Locked out while unlocking: the session ends (the next person logs in afresh).
      if (error instanceof BackendError && error.code === 'account-locked') {
        runtime.session.set(null);
        runtime.visits.clear();
      }
      throw error;
    }
    const unlocked: Session = { ...current, locked: false };
    runtime.session.set(unlocked);
    return sessionView(unlocked, runtime);
  },
  'auth.activity': (_input, { runtime }) => {
    runtime.session.touch();
    return {};
  },
} satisfies Partial<Handlers>;

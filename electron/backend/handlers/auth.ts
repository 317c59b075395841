import type { OpOutput } from '../../../shared/contract';
import { unwrap } from '../errors';
import { requireSession, type Session } from '../session';
import type { Handlers } from './types';

export function sessionView(session: Session, terminalId: string): OpOutput<'auth.session'>['session'] & object {
  const { operator } = session;
  return {
    operator: { id: operator.id, username: operator.id, displayName: operator.name, role: operator.role },
    mustChangePassword: session.mustChangePassword,
    terminalId,
    loggedInAt: session.loggedInAt,
  };
}

export const authHandlers = {
  'auth.login': ({ username, password }, { runtime }) => {
    const operator = unwrap(runtime.ledger.operators.authenticate(username, password));
    const session: Session = { operator, mustChangePassword: operator.mustChangePassword, loggedInAt: new Date().toISOString() };
    runtime.session.set(session);
    runtime.logger.info(`login ${operator.id}`);
    return sessionView(session, runtime.settings.terminalId);
  },
  'auth.logout': (_input, { runtime }) => {
    runtime.session.set(null);
    runtime.visits.clear();
    runtime.bills.clear();
    return {};
  },
  'auth.changePassword': ({ oldPassword, newPassword }, { runtime, session }) => {
    const current = requireSession(session);
    const operator = unwrap(runtime.ledger.operators.changePassword(current.operator.id, oldPassword, newPassword));
    const updated: Session = { ...current, operator, mustChangePassword: false };
    runtime.session.set(updated);
    return sessionView(updated, runtime.settings.terminalId);
  },
  'auth.session': (_input, { runtime, session }) => ({ session: session ? sessionView(session, runtime.settings.terminalId) : null }),
} satisfies Partial<Handlers>;

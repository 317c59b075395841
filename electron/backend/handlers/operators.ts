import { ledgerStamp } from '../../../shared/time';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem, type OpOutput } from '../../../shared/contract';
import type { Operator } from '../../ledger';
import { unwrap } from '../errors';
import { lockoutPolicy } from '../password-check';
import type { Runtime } from '../runtime';
import { requireSession } from '../session';
import type { Handlers } from './types';

async function operatorView(runtime: Runtime, operator: Operator): Promise<OpOutput<'operators.add'>> {
  const lockedUntil = await runtime.ledger.loginAttempts.lockedUntil(operator.id, lockoutPolicy(runtime), runtime.ledger.now().getTime());
  return {
    id: operator.id,
    name: operator.name,
    role: operator.role,
    active: operator.active,
    mustChangePassword: operator.mustChangePassword,
    demo: operator.demo,
    lockedUntil: lockedUntil === null ? null : ledgerStamp(new Date(lockedUntil)),
  };
}

/** A supervisor manages the terminal's accounts (工号, name, role): add, disable, re-enable, reset a password. */
export const operatorHandlers = {
  'operators.list': async (_input, { runtime }) => Promise.all((await runtime.ledger.operators.list()).map((o) => operatorView(runtime, o))),
  'operators.add': async ({ id, name, role, password }, { runtime, session }) => {
    const actor = requireSession(session).operator.id;
    const problem = passwordProblem(password, id);
    if (problem) unwrap({ ok: false, error: { code: 'operator-weak-password', message: PASSWORD_PROBLEM_MESSAGES[problem].replace('新密码', '临时密码') } });
    return operatorView(runtime, unwrap(await runtime.ledger.operators.create({ id, name, role, password, mustChangePassword: true, actor })));
  },
  'operators.setActive': async ({ id, active }, { runtime, session }) =>
    operatorView(runtime, unwrap(await runtime.ledger.operatorAdmin.setActive(id, active, requireSession(session).operator.id))),
  'operators.resetPassword': async ({ id, password }, { runtime, session }) =>
    operatorView(runtime, unwrap(await runtime.ledger.operatorAdmin.resetPassword(id, password, requireSession(session).operator.id))),
} satisfies Partial<Handlers>;

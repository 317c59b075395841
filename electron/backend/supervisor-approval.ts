import type { Operator } from '../ledger';
import { BackendError } from './errors';
import { checkPassword } from './password-check';
import type { Runtime } from './runtime';

/**
 * A supervisor standing at the till types their own username and password to approve one action
 * (冲销, 重新上传) for the logged-in cashier: right password (lockout and audit as for a login),
 * supervisor role, initial password already changed. Every refusal is audited, the right password
 * of an account that may not approve too.
 */
export async function approvingSupervisor(runtime: Runtime, credentials: { username: string; password: string }, action: string): Promise<Operator> {
  const actor = runtime.session.get()?.operator.id;
  const approver = await checkPassword(runtime, credentials.username, credentials.password, 'approval', actor);
  const refuse = async (code: string, message: string, reason: string): Promise<never> => {
    await runtime.ledger.audit.append({
      actor: actor ?? credentials.username,
      action: 'auth.approval-refused',
      subject: credentials.username,
      detail: { reason, action },
    });
    throw new BackendError(code, message);
  };
  if (approver.role !== 'supervisor') return refuse('forbidden', `${action}须由主管输入自己的工号和密码授权`, 'not-supervisor');
  if (approver.mustChangePassword) return refuse('password-change-required', `主管须先登录并修改初始密码，才能授权${action}`, 'must-change-password');
  return approver;
}

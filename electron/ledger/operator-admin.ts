import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/contract';
import { appendAudit, type AuditChain } from './audit';
import { ledgerStamp, type Clock } from '../../shared/time';
import type { Engine } from './engine/types';
import type { LoginAttempts } from './login-attempts';
import type { Operator, Operators } from './operators';
import { hashPassword } from './password';
import { passwordHistory } from './password-history';
import { fail, ok, type Result } from './result';

/**
 * A supervisor's operator management: disable / re-enable an account, reset a password (the
 * operator must choose their own at the next login; a reset ends a lockout). Each change is audited.
 * New accounts go through `operators.create` (must change the initial password).
 */
export function createOperatorAdmin(db: Engine, deps: { operators: Operators; attempts: LoginAttempts; now: Clock; chain: AuditChain }) {
  const activeSupervisors = async () => (await deps.operators.list()).filter((o) => o.role === 'supervisor' && o.active && !o.demo);

  async function setActive(id: string, active: boolean, actor: string): Promise<Result<Operator>> {
    const target = await deps.operators.get(id);
    if (!target) return fail('operator-not-found', `工号不存在：${id}`);
    if (!active && id === actor) return fail('operator-self-disable', '不能停用自己正在使用的工号');
    if (!active && target.role === 'supervisor' && !target.demo && (await activeSupervisors()).length <= 1 && target.active) {
      return fail('operator-last-supervisor', '这是最后一个启用的主管工号，不能停用');
    }
    if (target.active === active) return ok(target);
    await db.transaction(async (tx) => {
      await tx.run('UPDATE operators SET active = ? WHERE id = ?', [active ? 1 : 0, id]);
      await appendAudit(tx, deps.chain, { actor, action: active ? 'operator.enable' : 'operator.disable', subject: id });
    });
    return ok((await deps.operators.get(id))!);
  }

  async function resetPassword(id: string, password: string, actor: string): Promise<Result<Operator>> {
    const target = await deps.operators.get(id);
    if (!target) return fail('operator-not-found', `工号不存在：${id}`);
    const problem = passwordProblem(password, id);
    if (problem) return fail('operator-weak-password', PASSWORD_PROBLEM_MESSAGES[problem].replace('新密码', '临时密码'));
    const hash = hashPassword(password);
    await db.transaction(async (tx) => {
      const at = ledgerStamp(deps.now());
      await tx.run('UPDATE operators SET password_hash = ?, must_change_password = 1, password_changed_at = ? WHERE id = ?', [hash, at, id]);
      await passwordHistory.record(tx, id, hash, at);
      await appendAudit(tx, deps.chain, { actor, action: 'operator.reset-password', subject: id });
    });
    await deps.attempts.record({ username: id, kind: 'reset', ok: true, atMs: deps.now().getTime(), actor });
    return ok((await deps.operators.get(id))!);
  }

  return { setActive, resetPassword, activeSupervisors };
}

export type OperatorAdmin = ReturnType<typeof createOperatorAdmin>;

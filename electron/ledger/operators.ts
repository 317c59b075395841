import { DEMO_PASSWORD, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/contract';
import { appendAudit, type AuditChain } from './audit';
import { ledgerStamp, type Clock } from '../../shared/time';
import type { Engine, Queryable } from './engine/types';
import { hashPassword, verifyPassword } from './password';
import { passwordHistory } from './password-history';
import { fail, ok, type Result } from './result';

export const OPERATOR_ROLES = ['cashier', 'supervisor'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export interface Operator {
  id: string;
  name: string;
  role: OperatorRole;
  mustChangePassword: boolean;
  active: boolean;
  /** One of the two demo accounts: usable only in demo mode. */
  demo: boolean;
}

interface OperatorRow {
  id: string;
  name: string;
  role: OperatorRole;
  password_hash: string;
  must_change_password: number;
  active: number;
  demo?: number;
}

const toOperator = (row: OperatorRow): Operator => ({
  id: row.id,
  name: row.name,
  role: row.role,
  mustChangePassword: row.must_change_password === 1,
  active: row.active === 1,
  demo: row.demo === 1,
});

/** One operator as seen by `q` (the engine, or a transaction that must see its own writes). */
export async function operatorById(q: Queryable, id: string): Promise<Operator | undefined> {
  const found = await q.get<OperatorRow>('SELECT * FROM operators WHERE id = ?', [id]);
  return found && toOperator(found);
}

/** Operators and their passwords: one set for the whole ledger (every window of a hospital). */
export function createOperators(db: Engine, now: Clock, chain: AuditChain) {
  const row = (id: string) => db.get<OperatorRow>('SELECT * FROM operators WHERE id = ?', [id]);
  const get = (id: string) => operatorById(db, id);

  async function list(): Promise<Operator[]> {
    return (await db.all<OperatorRow>('SELECT * FROM operators ORDER BY id')).map(toOperator);
  }

  async function create(args: {
    id: string;
    name: string;
    role: OperatorRole;
    password: string;
    mustChangePassword?: boolean;
    actor?: string;
    demo?: boolean;
  }): Promise<Result<Operator>> {
    if (!/^[A-Za-z0-9_.-]{1,32}$/.test(args.id)) return fail('operator-bad-id', `工号只能由字母、数字、下划线组成：${args.id}`);
    if (!OPERATOR_ROLES.includes(args.role)) return fail('operator-bad-role', `岗位未知：${String(args.role)}`);
    // An initial password is handed over by a supervisor (or is the demo one); the rule applies when the operator chooses theirs.
    if (args.password.length === 0) return fail('operator-weak-password', '请设置初始密码');
    const hash = hashPassword(args.password);
    return db.transaction(async (tx): Promise<Result<Operator>> => {
      if (await operatorById(tx, args.id)) return fail('operator-exists', `工号已存在：${args.id}`);
      const at = ledgerStamp(now());
      await tx.run(
        `INSERT INTO operators (id, name, role, password_hash, must_change_password, active, created_at)
         VALUES (@id, @name, @role, @hash, @mustChange, 1, @at)`,
        { id: args.id, name: args.name, role: args.role, hash, mustChange: args.mustChangePassword === false ? 0 : 1, at },
      );
      if (args.demo) await tx.run('UPDATE operators SET demo = 1 WHERE id = ?', [args.id]);
      await passwordHistory.record(tx, args.id, hash, at);
      await appendAudit(tx, chain, { actor: args.actor ?? 'system', action: 'operator.create', subject: args.id, detail: { name: args.name, role: args.role } });
      return ok((await operatorById(tx, args.id))!);
    });
  }

  /** 收费员 cashier / 主管 supervisor with password 123456, both obliged to change it at first login. */
  async function ensureDemoOperators(): Promise<Operator[]> {
    const demo = [
      { id: 'cashier', name: '收费员', role: 'cashier' as const },
      { id: 'supervisor', name: '主管', role: 'supervisor' as const },
    ];
    for (const op of demo) {
      // Another window may create it at the same moment: operator-exists is as good as created.
      if (!(await row(op.id))) await create({ ...op, password: DEMO_PASSWORD, mustChangePassword: true, demo: true });
    }
    return Promise.all(demo.map(async (op) => (await get(op.id))!));
  }

  async function authenticate(id: string, password: string): Promise<Result<Operator>> {
    const found = await row(id);
    // Same message for unknown id and wrong password: do not tell a guesser which one was right.
    if (!found || !verifyPassword(password, found.password_hash)) return fail('operator-bad-credentials', '工号或密码错误');
    if (found.active !== 1) return fail('operator-inactive', '该工号已停用，请联系主管');
    return ok(toOperator(found));
  }

  async function changePassword(id: string, oldPassword: string, newPassword: string): Promise<Result<Operator>> {
    const current = await authenticate(id, oldPassword);
    if (!current.ok) return current;
    if (newPassword === oldPassword) return fail('operator-same-password', '新密码不能与原密码相同');
    const problem = passwordProblem(newPassword, id);
    if (problem) return fail('operator-weak-password', PASSWORD_PROBLEM_MESSAGES[problem]);
    if (await passwordHistory.reused(db, id, newPassword, (await row(id))!.password_hash)) return fail('operator-password-reused', PASSWORD_PROBLEM_MESSAGES.reused);
    const hash = hashPassword(newPassword);
    await db.transaction(async (tx) => {
      const at = ledgerStamp(now());
      await tx.run('UPDATE operators SET password_hash = ?, must_change_password = 0, password_changed_at = ? WHERE id = ?', [hash, at, id]);
      await passwordHistory.record(tx, id, hash, at);
      await appendAudit(tx, chain, { actor: id, action: 'operator.change-password', subject: id });
    });
    return ok((await get(id))!);
  }

  return { get, list, create, ensureDemoOperators, authenticate, changePassword };
}

export type Operators = ReturnType<typeof createOperators>;

import type Database from 'better-sqlite3';
import { DEMO_PASSWORD, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/contract/password-rule';
import type { AuditLog } from './audit';
import { localTimestamp, type Clock } from './clock';
import { hashPassword, verifyPassword } from './password';
import { createPasswordHistory } from './password-history';
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

export function createOperators(db: Database.Database, audit: AuditLog, now: Clock) {
  const byId = db.prepare('SELECT * FROM operators WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO operators (id, name, role, password_hash, must_change_password, active, created_at)
     VALUES (@id, @name, @role, @hash, @mustChange, 1, @at)`,
  );

  const history = createPasswordHistory(db);

  function row(id: string): OperatorRow | undefined {
    return byId.get(id) as OperatorRow | undefined;
  }

  function get(id: string): Operator | undefined {
    const found = row(id);
    return found && toOperator(found);
  }

  function list(): Operator[] {
    return (db.prepare('SELECT * FROM operators ORDER BY id').all() as OperatorRow[]).map(toOperator);
  }

  function create(args: { id: string; name: string; role: OperatorRole; password: string; mustChangePassword?: boolean; actor?: string; demo?: boolean }): Result<Operator> {
    if (!/^[A-Za-z0-9_.-]{1,32}$/.test(args.id)) return fail('operator-bad-id', `工号只能由字母、数字、下划线组成：${args.id}`);
    if (!OPERATOR_ROLES.includes(args.role)) return fail('operator-bad-role', `岗位未知：${String(args.role)}`);
    // An initial password is handed over by a supervisor (or is the demo one); the rule applies when the operator chooses theirs.
    if (args.password.length === 0) return fail('operator-weak-password', '请设置初始密码');
    if (row(args.id)) return fail('operator-exists', `工号已存在：${args.id}`);
    const hash = hashPassword(args.password);
    db.transaction(() => {
      const at = localTimestamp(now());
      insert.run({ id: args.id, name: args.name, role: args.role, hash, mustChange: args.mustChangePassword === false ? 0 : 1, at });
      if (args.demo) db.prepare('UPDATE operators SET demo = 1 WHERE id = ?').run(args.id);
      history.record(args.id, hash, at);
      audit.append({ actor: args.actor ?? 'system', action: 'operator.create', subject: args.id, detail: { name: args.name, role: args.role } });
    }).immediate();
    return ok(get(args.id)!);
  }

  /** 收费员 cashier / 主管 supervisor with password 123456, both obliged to change it at first login. */
  function ensureDemoOperators(): Operator[] {
    const demo = [
      { id: 'cashier', name: '收费员', role: 'cashier' as const },
      { id: 'supervisor', name: '主管', role: 'supervisor' as const },
    ];
    for (const op of demo) {
      if (!row(op.id)) create({ ...op, password: DEMO_PASSWORD, mustChangePassword: true, demo: true });
    }
    return demo.map((op) => get(op.id)!);
  }

  function authenticate(id: string, password: string): Result<Operator> {
    const found = row(id);
    // Same message for unknown id and wrong password: do not tell a guesser which one was right.
    if (!found || !verifyPassword(password, found.password_hash)) return fail('operator-bad-credentials', '工号或密码错误');
    if (found.active !== 1) return fail('operator-inactive', '该工号已停用，请联系主管');
    return ok(toOperator(found));
  }

  function changePassword(id: string, oldPassword: string, newPassword: string): Result<Operator> {
    const current = authenticate(id, oldPassword);
    if (!current.ok) return current;
    if (newPassword === oldPassword) return fail('operator-same-password', '新密码不能与原密码相同');
    const problem = passwordProblem(newPassword, id);
    if (problem) return fail('operator-weak-password', PASSWORD_PROBLEM_MESSAGES[problem]);
    if (history.reused(id, newPassword, row(id)!.password_hash)) return fail('operator-password-reused', PASSWORD_PROBLEM_MESSAGES.reused);
    const hash = hashPassword(newPassword);
    db.transaction(() => {
      const at = localTimestamp(now());
      db.prepare('UPDATE operators SET password_hash = ?, must_change_password = 0, password_changed_at = ? WHERE id = ?').run(hash, at, id);
      history.record(id, hash, at);
      audit.append({ actor: id, action: 'operator.change-password', subject: id });
    }).immediate();
    return ok(get(id)!);
  }

  return { get, list, create, ensureDemoOperators, authenticate, changePassword };
}

export type Operators = ReturnType<typeof createOperators>;

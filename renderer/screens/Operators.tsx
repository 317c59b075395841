import { formatTime } from '../format';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { OpOutput } from '../../shared/contract';
import { fieldError } from '../api';
import { useApp } from '../app-context';
import { ErrorNote, Notice, Section, SelectField, TextField } from '../ui/controls';
import { useOp } from '../ui/use-op';
import { LedgerCheck } from './LedgerCheck';

type OperatorView = OpOutput<'operators.list'>[number];

const ROLE_OPTIONS = [
  { value: 'cashier' as const, label: '收费员' },
  { value: 'supervisor' as const, label: '主管' },
];

/** 操作员与台账 (supervisor): every cashier has an account of their own; add, disable, re-enable, reset a password. */
export function OperatorsScreen() {
  const { session } = useApp();
  const list = useOp('operators.list');
  const add = useOp('operators.add');
  const setActive = useOp('operators.setActive');
  const reset = useOp('operators.resetPassword');
  const [operators, setOperators] = useState<OperatorView[]>([]);
  const [form, setForm] = useState({ id: '', name: '', role: 'cashier' as 'cashier' | 'supervisor', password: '' });
  const [resetFor, setResetFor] = useState<{ id: string; password: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const value = await list.run({});
    if (value) setOperators(value);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const submitAdd = async (event: FormEvent) => {
    event.preventDefault();
    const added = await add.run(form);
    if (!added) return;
    setDone(`已添加 ${added.name}（${added.id}），首次登录须修改临时密码`);
    setForm({ id: '', name: '', role: 'cashier', password: '' });
    void reload();
  };
  const toggle = async (o: OperatorView) => {
    const changed = await setActive.run({ id: o.id, active: !o.active });
    if (changed) setDone(`${changed.name}（${changed.id}）已${changed.active ? '启用' : '停用'}`);
    void reload();
  };
  const submitReset = async (event: FormEvent) => {
    event.preventDefault();
    if (!resetFor) return;
    const changed = await reset.run(resetFor);
    if (!changed) return;
    setDone(`已重置 ${changed.name}（${changed.id}）的密码，下次登录须修改`);
    setResetFor(null);
    void reload();
  };

  return (
    <div className="operators">
      <Section title="操作员">
        {done ? <Notice tone="ok">{done}</Notice> : null}
        <ErrorNote message={list.error?.message ?? setActive.error?.message} />
        <table className="table" data-testid="operators">
          <thead>
            <tr>
              <th>工号</th>
              <th>姓名</th>
              <th>岗位</th>
              <th>状态</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {operators.map((o) => (
              <tr key={o.id}>
                <td>{o.id}</td>
                <td>
                  {o.name}
                  {o.demo ? '（演示账号）' : ''}
                </td>
                <td>{o.role === 'supervisor' ? '主管' : '收费员'}</td>
                <td>
                  {o.active ? '启用' : '已停用'}
                  {o.lockedUntil ? `，锁定至 ${formatTime(o.lockedUntil).slice(11, 16)}` : ''}
                  {o.mustChangePassword ? '，待改密码' : ''}
                </td>
                <td>
                  <button type="button" className="btn" onClick={() => void toggle(o)} disabled={o.id === session.operator.id || setActive.busy}>
                    {o.active ? `停用 ${o.id}` : `启用 ${o.id}`}
                  </button>{' '}
                  <button type="button" className="btn" onClick={() => setResetFor({ id: o.id, password: '' })}>
                    重置密码 {o.id}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {resetFor ? (
          <form onSubmit={submitReset} aria-label="重置密码" className="form-grid">
            <TextField
              label={`${resetFor.id} 的临时密码`}
              type="password"
              value={resetFor.password}
              onChange={(password) => setResetFor({ ...resetFor, password })}
              autoFocus
              error={fieldError(reset.error, 'password') ?? reset.error?.message}
            />
            <button type="submit" className="btn btn-primary" disabled={reset.busy}>
              确认重置
            </button>
            <button type="button" className="btn btn-quiet" onClick={() => setResetFor(null)}>
              取消
            </button>
          </form>
        ) : null}
      </Section>
      <Section title="添加操作员">
        <form onSubmit={submitAdd} aria-label="添加操作员" className="form-grid">
          <TextField label="工号" value={form.id} onChange={(id) => setForm({ ...form, id })} error={fieldError(add.error, 'id')} />
          <TextField label="姓名" value={form.name} onChange={(name) => setForm({ ...form, name })} error={fieldError(add.error, 'name')} />
          <SelectField label="岗位" value={form.role} onChange={(role) => setForm({ ...form, role })} options={ROLE_OPTIONS} />
          <TextField
            label="临时密码"
            type="password"
            value={form.password}
            onChange={(password) => setForm({ ...form, password })}
            hint="至少 8 位，含字母和数字；本人首次登录须修改"
            error={fieldError(add.error, 'password') ?? (add.error && !add.error.details?.length ? add.error.message : undefined)}
          />
          <button type="submit" className="btn btn-primary" disabled={add.busy}>
            添加
          </button>
        </form>
      </Section>
      <LedgerCheck />
    </div>
  );
}

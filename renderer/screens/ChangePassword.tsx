import { useState, type FormEvent } from 'react';
import type { Session } from '../app-context';
import { PASSWORD_MIN_LENGTH, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../shared/contract';
import { fieldError } from '../api';
import { ErrorNote, TextField } from '../ui/controls';
import { useOp } from '../ui/use-op';

/** First login (or a reset password): nothing else opens until the operator sets their own password. */
export function ChangePasswordScreen(props: { session: Session; onChanged: (s: Session) => void; onLogout: () => void }) {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [localError, setLocalError] = useState<{ field: 'newPassword' | 'repeat'; message: string } | null>(null);
  const change = useOp('auth.changePassword');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(newPassword, props.session.operator.username);
    if (problem) return setLocalError({ field: 'newPassword', message: PASSWORD_PROBLEM_MESSAGES[problem] });
    if (newPassword === oldPassword) return setLocalError({ field: 'newPassword', message: '新密码不能与原密码相同' });
    if (repeat !== newPassword) return setLocalError({ field: 'repeat', message: '两次输入的新密码不一致' });
    setLocalError(null);
    const session = await change.run({ oldPassword, newPassword });
    if (session) props.onChanged(session);
  };

  const serverField = (path: string) => fieldError(change.error, path);
  const general = change.error && !change.error.details?.length ? change.error.message : null;
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-label="修改密码">
        <h1>首次登录，请修改密码</h1>
        <p className="login-sub">
          {props.session.operator.displayName}（{props.session.operator.username}），请设置只有您自己知道的新密码后再开始收费。
        </p>
        <TextField label="原密码" type="password" value={oldPassword} onChange={setOld} autoFocus autoComplete="current-password" error={serverField('oldPassword')} />
        <TextField
          label="新密码"
          type="password"
          value={newPassword}
          onChange={setNew}
          autoComplete="new-password"
          hint={`至少 ${PASSWORD_MIN_LENGTH} 位，含字母和数字，不能与工号相同，不能是最近 3 次用过的密码`}
          error={localError?.field === 'newPassword' ? localError.message : serverField('newPassword')}
        />
        <TextField
          label="再次输入新密码"
          type="password"
          value={repeat}
          onChange={setRepeat}
          autoComplete="new-password"
          error={localError?.field === 'repeat' ? localError.message : undefined}
        />
        <ErrorNote message={general} />
        <button type="submit" className="btn btn-primary btn-block" disabled={change.busy}>
          修改密码 (Enter)
        </button>
        <button type="button" className="btn btn-quiet btn-block" onClick={props.onLogout}>
          退出登录
        </button>
      </form>
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import type { Session } from '../app-context';
import { ErrorNote, TextField } from '../ui/controls';
import { useOp } from '../ui/use-op';

/**
 * Idle lock: covers the screen (the work under it stays as it was) until the same operator types
 * their password; 退出登录 ends the session for someone else to log in.
 */
export function LockScreen(props: { session: Session; onUnlocked: (s: Session) => void; onLogout: () => void }) {
  const [password, setPassword] = useState('');
  const unlock = useOp('auth.unlock');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const session = await unlock.run({ password });
    setPassword('');
    if (session) props.onUnlocked(session);
  };
  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-label="已锁屏">
      <form className="login-card" onSubmit={submit}>
        <h1>已锁屏</h1>
        <p className="login-sub">
          {props.session.idleLockMinutes ?? 10} 分钟无操作已自动锁屏。{props.session.operator.displayName}（{props.session.operator.username}
          ）请输入密码继续，屏幕上的工作保持不变。
        </p>
        <TextField label="密码" type="password" value={password} onChange={setPassword} autoFocus autoComplete="current-password" />
        <ErrorNote message={unlock.error?.message} />
        <button type="submit" className="btn btn-primary btn-block" disabled={unlock.busy}>
          解锁 (Enter)
        </button>
        <button type="button" className="btn btn-quiet btn-block" onClick={props.onLogout}>
          退出登录（换人）
        </button>
      </form>
    </div>
  );
}

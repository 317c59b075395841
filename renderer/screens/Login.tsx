import { useState, type FormEvent } from 'react';
import type { Session, Status } from '../app-context';
import { fieldError } from '../api';
import { ErrorNote, TextField } from '../ui/controls';
import { useOp } from '../ui/use-op';

export function LoginScreen(props: { status: Status | null; serviceError: string | null; onLoggedIn: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useOp('auth.login');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const session = await login.run({ username, password });
    if (session) props.onLoggedIn(session);
    else setPassword('');
  };

  const wrong = login.error && !login.error.details?.length ? login.error.message : null;
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-label="登录">
        <h1>一单通 · 收费员登录</h1>
        <p className="login-sub">{props.status ? `${props.status.hospital.name}　终端 ${props.status.terminalId}` : ''}</p>
        <TextField label="用户名" value={username} onChange={setUsername} autoFocus autoComplete="username" error={fieldError(login.error, 'username')} />
        <TextField label="密码" type="password" value={password} onChange={setPassword} autoComplete="current-password" error={fieldError(login.error, 'password')} />
        <ErrorNote message={wrong ?? props.serviceError} />
        <button type="submit" className="btn btn-primary btn-block" disabled={login.busy}>
          登录 (Enter)
        </button>
      </form>
    </main>
  );
}

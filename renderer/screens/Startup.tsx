import { useEffect, useState, type ReactNode } from 'react';
import type { OpOutput } from '../../shared/contract';
import { call } from '../api';

type Startup = OpOutput<'startup.status'>;

const POLL_MS = 300;

/**
 * The start-up screen: while the backend upgrades and verifies the ledger (startup.status), its
 * progress ("正在核验台账 … 35%") instead of a blank or frozen window; the app once it is ready, or
 * why it cannot start.
 */
export function StartupGate(props: { children: ReactNode }) {
  const [startup, setStartup] = useState<Startup | null>(null);
  const [unreachable, setUnreachable] = useState<string | null>(null);
  const ready = startup?.phase === 'ready';
  useEffect(() => {
    if (ready || startup?.phase === 'failed') return;
    let stopped = false;
    const poll = async () => {
      const r = await call('startup.status', {});
      if (stopped) return;
      if (r.ok) {
        setStartup(r.value);
        setUnreachable(null);
      } else setUnreachable(r.error.message);
    };
    const timer = window.setTimeout(() => void poll(), startup ? POLL_MS : 0);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [ready, startup]);

  if (ready) return <>{props.children}</>;
  if (startup?.phase === 'failed') {
    return (
      <main className="splash" role="alert">
        {startup.detail}
      </main>
    );
  }
  return (
    <main className="splash startup" aria-busy="true">
      <h1>一单通正在启动</h1>
      <div className="busy" role="status" aria-live="polite">
        {startup?.percent !== null && startup?.percent !== undefined ? (
          <progress aria-label="启动进度" value={startup.percent} max={100} />
        ) : (
          <progress aria-label="启动进度" />
        )}
        <span data-testid="startup-detail">{unreachable ?? startup?.detail ?? '正在连接一单通后台服务…'}</span>
      </div>
      {startup?.phase === 'verifying' ? <p className="hint">每次启动都核验台账（审计链与每笔结算），核验通过后即可登录收费。</p> : null}
    </main>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { call } from './api';
import { AppContext, type Session, type Status } from './app-context';
import { StatusBar } from './ui/StatusBar';
import { useHotkeys } from './ui/hotkeys';
import { LoginScreen } from './screens/Login';
import { ChangePasswordScreen } from './screens/ChangePassword';
import { CashierScreen } from './screens/Cashier';
import { PharmacyScreen } from './screens/Pharmacy';
import { HistoryScreen } from './screens/History';
import { RosterScreen } from './screens/Roster';
import { SettingsScreen } from './screens/Settings';
import { UploadScreen } from './screens/Upload';
import { ReportsScreen } from './screens/Reports';
import { CatalogueScreen } from './screens/Catalogue';
import { PendingAttemptNotice } from './screens/PendingAttemptNotice';
import { OperatorsScreen } from './screens/Operators';
import { LockScreen } from './screens/LockScreen';
import { useActivityReports } from './ui/activity';

const SCREENS = [
  { key: 'cashier', label: '出院结算', hotkey: 'Alt+1', view: CashierScreen },
  { key: 'pharmacy', label: '药房/药店', hotkey: 'Alt+2', view: PharmacyScreen },
  { key: 'history', label: '结算查询', hotkey: 'Alt+3', view: HistoryScreen },
  { key: 'roster', label: '花名册', hotkey: 'Alt+4', view: RosterScreen },
  { key: 'settings', label: '设置', hotkey: 'Alt+5', view: SettingsScreen },
  { key: 'upload', label: '上传对账', hotkey: 'Alt+6', view: UploadScreen },
  { key: 'reports', label: '报表', hotkey: 'Alt+7', view: ReportsScreen },
  { key: 'operators', label: '操作员/台账', hotkey: 'Alt+8', view: OperatorsScreen, supervisorOnly: true },
  { key: 'catalogue', label: '药品目录', hotkey: 'Alt+9', view: CatalogueScreen },
] as const;

type ScreenDef = (typeof SCREENS)[number] & { supervisorOnly?: boolean };
const screensFor = (role: string): readonly ScreenDef[] => (SCREENS as readonly ScreenDef[]).filter((s) => !s.supervisorOnly || role === 'supervisor');
type ScreenKey = (typeof SCREENS)[number]['key'];

const STATUS_POLL_MS = 5000;

export function App() {
  const [status, setStatus] = useState<Status | null>(null);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [screen, setScreen] = useState<ScreenKey>('cashier');
  const [offlineError, setOfflineError] = useState<string | null>(null);

  const refreshStatus = useCallback(async () => {
    const result = await call('status.get', {});
    if (result.ok) {
      setStatus(result.value);
      setSession(result.value.session);
      setOfflineError(null);
    } else {
      setOfflineError(result.error.message);
      setSession((s) => (s === undefined ? null : s));
    }
  }, []);

  useEffect(() => {
    void refreshStatus();
    const timer = window.setInterval(() => void refreshStatus(), STATUS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refreshStatus]);

  const open = session && !session.mustChangePassword && !session.locked ? session : null;
  const screens = screensFor(session?.operator.role ?? 'cashier');
  useHotkeys(Object.fromEntries(screens.map((s) => [s.hotkey, open ? () => setScreen(s.key) : undefined])));
  useActivityReports(open !== null);

  const logout = async () => {
    await call('auth.logout', {});
    setSession(null);
    setScreen('cashier');
    void refreshStatus();
  };

  if (session === undefined) {
    return <main className="splash">{offlineError ?? '正在连接一单通后台服务…'}</main>;
  }
  if (session === null) {
    return (
      <LoginScreen
        status={status}
        serviceError={offlineError}
        onLoggedIn={(s) => {
          setSession(s);
          void refreshStatus();
        }}
      />
    );
  }
  if (session.mustChangePassword) {
    return (
      <ChangePasswordScreen
        session={session}
        onChanged={(s) => {
          setSession(s);
          void refreshStatus();
        }}
        onLogout={logout}
      />
    );
  }

  const Current = (screens.find((s) => s.key === screen) ?? screens[0]!).view;
  return (
    <AppContext.Provider value={{ session, status, refreshStatus: () => void refreshStatus() }}>
      {session.locked ? (
        <LockScreen
          session={session}
          onUnlocked={(s) => {
            setSession(s);
            void refreshStatus();
          }}
          onLogout={logout}
        />
      ) : null}
      <div className="app" inert={session.locked ? true : undefined}>
        <StatusBar status={status} session={session} serviceError={offlineError} onLogout={logout} />
        <nav className="tabs" aria-label="功能">
          {screens.map((s) => (
            <button
              key={s.key}
              type="button"
              className={`tab${s.key === screen ? ' tab-active' : ''}`}
              aria-current={s.key === screen ? 'page' : undefined}
              aria-keyshortcuts={s.hotkey}
              onClick={() => setScreen(s.key)}
            >
              {s.label} ({s.hotkey})
            </button>
          ))}
        </nav>
        <main className="screen">
          <PendingAttemptNotice />
          <Current />
        </main>
      </div>
    </AppContext.Provider>
  );
}

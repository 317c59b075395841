/** The sandboxed preload, run in plain Node against the stand-in `electron`: what the page gets. */
import { describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, createBridge, DIAGNOSTICS_CHANNEL } from '../../electron/preload/bridge';

vi.mock('electron', () => import('../support/electron-stand-in'));
const { ipcMain, recorded } = await import('../support/electron-stand-in');

const seen: Array<[string, unknown[]]> = [];
ipcMain.handle(CALL_CHANNEL, (_event: unknown, ...args: unknown[]) => (seen.push([CALL_CHANNEL, args]), { ok: true, value: 'from main' }));
ipcMain.handle(DIAGNOSTICS_CHANNEL, (_event: unknown, ...args: unknown[]) => (seen.push([DIAGNOSTICS_CHANNEL, args]), { ok: true, value: null }));
await import('../../electron/preload/index');

type Exposed = { call: (op: unknown, input: unknown) => Promise<unknown>; diagnostics: Record<string, () => Promise<unknown>> };
const exposed = () => recorded.exposed.get('onebill') as Exposed;

describe('preload on a stand-in Electron', () => {
  it('exposes one frozen object, window.onebill, with the named operations only', () => {
    expect([...recorded.exposed.keys()]).toEqual(['onebill']);
    expect(Object.keys(exposed())).toEqual(['call', 'diagnostics']);
    expect(Object.keys(exposed().diagnostics)).toEqual(['paths', 'openLogs', 'openCrashReports']);
    expect(Object.isFrozen(exposed())).toBe(true);
    expect(Object.isFrozen(exposed().diagnostics)).toBe(true);
  });

  it('sends contract calls and diagnostics over their channels, and refuses other operations itself', async () => {
    expect(await exposed().call('auth.session', {})).toEqual({ ok: true, value: 'from main' });
    expect(await exposed().diagnostics.openLogs!()).toEqual({ ok: true, value: null });
    expect(await exposed().call('ledger.exec', { sql: 'drop table x' })).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
    expect(seen).toEqual([
      [CALL_CHANNEL, ['auth.session', {}]],
      [DIAGNOSTICS_CHANNEL, ['open-logs', undefined]],
    ]);
  });
});

// The page's view of the preload (renderer/api.ts) is what the preload gives: checked by tsc.
export const pageView: NonNullable<Window['onebill']> = createBridge(async () => null);

import { describe, expect, it } from 'vitest';
import { contract, OP_NAMES } from '../../shared/contract';
import { CALL_CHANNEL, createBridge } from '../../electron/preload/bridge';
import { isTrustedAppUrl } from '../../electron/main/trusted-url';

describe('preload bridge', () => {
  function recording() {
    const calls: unknown[][] = [];
    const bridge = createBridge(async (...args) => {
      calls.push(args);
      return { ok: true, value: 'answered' };
    });
    return { bridge, calls };
  }

  it('lists exactly the contract’s operations', () => {
    expect([...OP_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });

  it('forwards every contract operation on the one channel', async () => {
    const { bridge, calls } = recording();
    for (const op of OP_NAMES) expect(await bridge.call(op, {} as never)).toEqual({ ok: true, value: 'answered' });
    expect(calls).toEqual(OP_NAMES.map((op) => [CALL_CHANNEL, op, {}]));
  });

  it.each(['ledger.exec', 'auth.login ', 'AUTH.LOGIN', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, { op: 'auth.login' }])(
    'refuses %j without touching IPC',
    async (op) => {
      const { bridge, calls } = recording();
      const result = await bridge.call(op as never, {} as never);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
      expect(calls).toEqual([]);
    },
  );

  it('is frozen so the page cannot swap the function', () => {
    const { bridge } = recording();
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge)).toEqual(['call', 'diagnostics']);
    expect(Object.isFrozen(bridge.diagnostics)).toBe(true);
  });
});

describe('trusted sender URL (main process IPC check)', () => {
  it.each([
    ['app://onebill/index.html', true],
    ['app://onebill/', true],
    ['app://onebill/assets/x.js?y#z', true],
    ['app://onebill.evil/index.html', false],
    ['app://onebill@evil/index.html', false],
    ['app://user:pw@onebill/index.html', false],
    ['app://other/index.html', false],
    ['file:///app/dist/renderer/index.html', false],
    ['http://127.0.0.1:5173/', false],
    ['https://onebill/', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedAppUrl(url)).toBe(trusted);
  });
});

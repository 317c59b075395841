import type { CallFn, Result } from '../../shared/contract';
import { isOpName } from '../../shared/contract/ops';

/** The one IPC channel; main answers it only for our own page and only for contract ops. */
export const CALL_CHANNEL = 'onebill:call';

type Invoke = (channel: string, op: string, input: unknown) => Promise<unknown>;

/**
 * What the page gets as `window.onebill`: one `call(op, input)` that refuses anything not in the
 * contract before it reaches IPC. No raw ipcRenderer, no channels, no events, no Node.
 */
export function createBridge(invoke: Invoke): { call: CallFn } {
  const call = (op: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isOpName(op)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-operation', message: `未知操作：${String(op).slice(0, 60)}` } });
    }
    return invoke(CALL_CHANNEL, op, input) as Promise<Result<unknown>>;
  };
  return Object.freeze({ call: call as CallFn });
}

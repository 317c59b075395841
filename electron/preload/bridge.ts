import type { CallFn, Result } from '../../shared/contract';
import { isOpName } from '../../shared/contract/ops';

/** The one IPC channel for the contract; main answers it only for our own page and only for contract ops. */
export const CALL_CHANNEL = 'onebill:call';
/** The shell's own named operations for the IT staff (where the logs and crash reports are). */
export const DIAGNOSTICS_CHANNEL = 'onebill:diagnostics';
export const DIAGNOSTIC_OPS = ['paths', 'open-logs', 'open-crash-reports'] as const;
export type DiagnosticOp = (typeof DIAGNOSTIC_OPS)[number];
export const isDiagnosticOp = (op: unknown): op is DiagnosticOp => typeof op === 'string' && (DIAGNOSTIC_OPS as readonly string[]).includes(op);

export type DiagnosticPaths = { logsDir: string; crashDumpsDir: string };
export type Diagnostics = {
  paths(): Promise<Result<DiagnosticPaths>>;
  openLogs(): Promise<Result<null>>;
  openCrashReports(): Promise<Result<null>>;
};

type Invoke = (channel: string, op: string, input?: unknown) => Promise<unknown>;

/**
 * What the page gets as `window.onebill`: `call(op, input)` that refuses anything not in the
 * contract before it reaches IPC, and three named diagnostics operations. No raw ipcRenderer, no
 * channels, no events, no Node.
 */
export function createBridge(invoke: Invoke): { call: CallFn; diagnostics: Diagnostics } {
  const call = (op: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isOpName(op)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-operation', message: `未知操作：${String(op).slice(0, 60)}` } });
    }
    return invoke(CALL_CHANNEL, op, input) as Promise<Result<unknown>>;
  };
  const diagnostic =
    <T>(op: DiagnosticOp) =>
    () =>
      invoke(DIAGNOSTICS_CHANNEL, op) as Promise<Result<T>>;
  const diagnostics: Diagnostics = Object.freeze({
    paths: diagnostic<DiagnosticPaths>('paths'),
    openLogs: diagnostic<null>('open-logs'),
    openCrashReports: diagnostic<null>('open-crash-reports'),
  });
  return Object.freeze({ call: call as CallFn, diagnostics });
}

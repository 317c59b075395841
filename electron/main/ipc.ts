import { ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { isOpName, type Result } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { Backend } from '../backend';
import { CALL_CHANNEL, DIAGNOSTICS_CHANNEL, isDiagnosticOp, type DiagnosticPaths } from '../preload/bridge';
import { isTrustedAppUrl } from './trusted-url';

const forbidden = fail('forbidden', '拒绝来自未知页面的请求');

/** Only our page's main frame may call (electron security.md 17): not a subframe, not another origin. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isTrustedAppUrl(frame.url);
}

/** The contract over one channel, answered by the in-process backend. */
export function serveContract(backend: () => Backend | null): void {
  ipcMain.handle(CALL_CHANNEL, async (event, op: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return forbidden;
    if (!isOpName(op)) return fail('unknown-operation', '未知操作');
    const current = backend();
    if (!current) return fail('unavailable', '系统正在关闭');
    return current.handle(op, input, { shell: 'electron' });
  });
}

async function openFolder(dir: string): Promise<Result<null>> {
  const problem = await shell.openPath(dir);
  return problem ? fail('open-failed', `无法打开文件夹 ${dir}：${problem}`) : { ok: true, value: null };
}

/** Where the logs and crash reports are, and opening those two folders (for the IT staff). */
export function serveDiagnostics(paths: DiagnosticPaths): void {
  ipcMain.handle(DIAGNOSTICS_CHANNEL, async (event, op: unknown) => {
    if (!isTrustedSender(event)) return forbidden;
    if (!isDiagnosticOp(op)) return fail('unknown-operation', '未知操作');
    if (op === 'paths') return { ok: true, value: paths };
    return openFolder(op === 'open-logs' ? paths.logsDir : paths.crashDumpsDir);
  });
}

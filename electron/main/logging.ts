import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { WebContents } from 'electron';
import log from 'electron-log/node';
import { logLinePrefix } from '../backend';

export type ShellLog = Pick<typeof log, 'info' | 'warn' | 'error'> & { scope: (name: string) => Pick<typeof log, 'info' | 'warn' | 'error' | 'debug'> };

const MAX_BYTES = 5 * 1024 * 1024;
const KEPT_ARCHIVES = 5;

/** main.log → main.1.log → … → main.5.log; the oldest is dropped. */
export function rotateLog(path: string, kept = KEPT_ARCHIVES): void {
  const archive = (n: number) => path.replace(/\.log$/, `.${n}.log`);
  rmSync(archive(kept), { force: true });
  for (let n = kept - 1; n >= 1; n--) if (existsSync(archive(n))) renameSync(archive(n), archive(n + 1));
  renameSync(path, archive(1));
}

/**
 * The shell's log, `<logsDir>/main.log`, rotated at 5 MB keeping five archives, beside the
 * backend's backend.log. electron-log's Node flavour: its Electron flavour would inject its own
 * preload and an IPC channel into the page; the renderer's lines are taken from the page's
 * console in this process instead (logRenderer).
 */
export function setUpLogging(logsDir: string, packaged: boolean): ShellLog {
  log.transports.file.resolvePathFn = () => join(logsDir, 'main.log');
  log.transports.file.maxSize = MAX_BYTES;
  log.transports.file.archiveLogFn = (file) => rotateLog(file.path);
  log.transports.file.level = 'info';
  // Beijing time with its offset, as backend.log writes it, whatever zone the PC is set to.
  log.transports.file.format = ({ message, data }) => [logLinePrefix(message.date, message.level, message.scope), ...data];
  log.transports.console.level = packaged ? false : 'info';
  return log;
}

const LEVELS = { debug: 'debug', info: 'info', warning: 'warn', error: 'error' } as const;

/** The page's console, its crashes and hangs, into the shell's log under the scope `renderer`. */
export function logRenderer(contents: WebContents, shellLog: ShellLog): void {
  const renderer = shellLog.scope('renderer');
  contents.on('console-message', (event) => {
    const level = LEVELS[event.level] ?? 'info';
    renderer[level](`${event.message} (${event.sourceId}:${event.lineNumber})`);
  });
  contents.on('render-process-gone', (_event, details) => renderer.error(`render process gone: ${details.reason} (exit ${details.exitCode})`));
  contents.on('unresponsive', () => renderer.warn('window unresponsive'));
  contents.on('responsive', () => renderer.info('window responsive again'));
}

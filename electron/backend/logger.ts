import { ledgerStamp } from '../../shared/time';
import { appendFileSync } from 'node:fs';
import { privateDir, privateFiles } from './private-files';
import { dirname } from 'node:path';

/** "2026-03-16T01:30:00.000+08:00 INFO (renderer)": the head of every log line, the backend's and the shell's (electron/main/logging.ts). */
export function logLinePrefix(at: Date, level: string, scope?: string): string {
  return `${ledgerStamp(at)} ${level.toUpperCase()}${scope ? ` (${scope})` : ''}`;
}

/** Stack traces go to `<userDataDir>/logs/backend.log`, never to the window; each line starts with a Beijing-time stamp (shared/time). */
export function createLogger(path: string) {
  privateDir(dirname(path));
  let secured = false;
  function write(level: 'info' | 'warn' | 'error', message: string, error?: unknown): void {
    const detail = error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : `\n${String(error)}`;
    try {
      appendFileSync(path, `${logLinePrefix(new Date(), level)} ${message}${detail}\n`, { mode: 0o600 });
      if (!secured) privateFiles(path);
      secured = true;
    } catch {
      // A log that cannot be written must not break a settlement.
    }
  }
  return {
    path,
    info: (message: string) => write('info', message),
    warn: (message: string, error?: unknown) => write('warn', message, error),
    error: (message: string, error?: unknown) => write('error', message, error),
  };
}

export type Logger = ReturnType<typeof createLogger>;

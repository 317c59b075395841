import { appendFileSync } from 'node:fs';
import { privateDir, privateFiles } from './private-files';
import { dirname } from 'node:path';

/** Stack traces go to `<userDataDir>/logs/backend.log`, never to the window. */
export function createLogger(path: string) {
  privateDir(dirname(path));
  let secured = false;
  function write(level: 'info' | 'warn' | 'error', message: string, error?: unknown): void {
    const detail = error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : `\n${String(error)}`;
    try {
      appendFileSync(path, `${new Date().toISOString()} ${level.toUpperCase()} ${message}${detail}\n`, { mode: 0o600 });
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

import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Stack traces go to `<userDataDir>/logs/backend.log`, never to the window. */
export function createLogger(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  function write(level: 'info' | 'warn' | 'error', message: string, error?: unknown): void {
    const detail = error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : `\n${String(error)}`;
    try {
      appendFileSync(path, `${new Date().toISOString()} ${level.toUpperCase()} ${message}${detail}\n`);
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

import { chmodSync, mkdirSync } from 'node:fs';

/**
 * Personal data at rest (个人信息保护法): on Linux the data folder and its sub-folders are 0700 and
 * the ledger, receipts, logs, reports and the simulator's files 0600, whatever the umask.
 * Windows keeps its ACLs (the user's profile folder).
 */
const POSIX = process.platform !== 'win32';

export function privateDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (POSIX) chmodSync(path, 0o700);
  return path;
}

/** Makes existing files 0600; a file that does not exist (yet) is skipped. */
export function privateFiles(...paths: string[]): void {
  if (!POSIX) return;
  for (const path of paths) {
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** A SQLite file in WAL mode and its companions. */
export const sqliteFiles = (path: string): string[] => [path, `${path}-wal`, `${path}-shm`];

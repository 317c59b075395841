import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { auditKeyPathFor } from './audit-key';
import { openLedger } from './open';
import { LedgerError } from './result';
import type { LedgerVerdict } from './verify';

const privateFile = (path: string) => {
  if (process.platform !== 'win32') chmodSync(path, 0o600);
};

/**
 * SQLite online backup of a ledger in use (pages copied while the till keeps settling), with its
 * audit key beside it as `<to>.key` (a backup without its key cannot be verified). Both 0600.
 */
export async function backupLedger(args: { from: string; to: string; nativeBinding?: string }): Promise<{ path: string; keyPath: string | null }> {
  if (!existsSync(args.from)) throw new LedgerError('ledger-not-found', `找不到台账文件：${args.from}`);
  if (existsSync(args.to)) throw new LedgerError('backup-exists', `备份文件已存在，不覆盖：${args.to}`);
  const db = new Database(args.from, { readonly: true, ...(args.nativeBinding ? { nativeBinding: args.nativeBinding } : {}) });
  try {
    await db.backup(args.to);
  } finally {
    db.close();
  }
  privateFile(args.to);
  const key = auditKeyPathFor(args.from);
  if (!existsSync(key)) return { path: args.to, keyPath: null };
  const keyPath = `${args.to}.key`;
  copyFileSync(key, keyPath);
  privateFile(keyPath);
  return { path: args.to, keyPath };
}

/**
 * Restores a backup to `to` only after it verified (verifyLedger on a copy beside the target, with
 * the backup's key `<backup>.key`, else the target folder's audit.key): a tampered or truncated
 * backup is refused and nothing is replaced. An existing ledger at `to` is replaced only with
 * `force` (kept as `<to>.before-restore`); the backup's key becomes the target's audit.key.
 */
export async function restoreLedger(args: { backup: string; to: string; key?: string; force?: boolean; nativeBinding?: string }): Promise<LedgerVerdict> {
  if (!existsSync(args.backup)) throw new LedgerError('backup-not-found', `找不到备份文件：${args.backup}`);
  if (existsSync(args.to) && !args.force) throw new LedgerError('restore-target-exists', `目标台账已存在：${args.to}；确认要替换请加 --force`);
  const targetKey = auditKeyPathFor(args.to);
  const keyPath = args.key ?? (existsSync(`${args.backup}.key`) ? `${args.backup}.key` : targetKey);
  const staging = `${args.to}.restoring`;
  const clean = () => {
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) rmSync(f, { force: true });
  };
  clean();
  copyFileSync(args.backup, staging);
  let verdict: LedgerVerdict;
  try {
    const ledger = await openLedger({ path: staging, nativeBinding: args.nativeBinding, auditKeyFile: keyPath });
    try {
      verdict = await ledger.verifyLedger();
    } finally {
      await ledger.close();
    }
  } catch (error) {
    clean();
    throw error;
  }
  if (!verdict.ok) {
    clean();
    throw new LedgerError('backup-verification-failed', `备份未通过台账核验，未恢复：${verdict.problems.slice(0, 3).join('；')}`);
  }
  if (existsSync(args.to)) renameSync(args.to, `${args.to}.before-restore`);
  for (const suffix of ['-wal', '-shm']) rmSync(`${args.to}${suffix}`, { force: true });
  renameSync(staging, args.to);
  for (const suffix of ['-wal', '-shm']) rmSync(`${staging}${suffix}`, { force: true });
  privateFile(args.to);
  if (keyPath !== targetKey) {
    if (existsSync(targetKey)) renameSync(targetKey, `${targetKey}.before-restore`);
    copyFileSync(keyPath, targetKey);
    privateFile(targetKey);
  }
  return verdict;
}

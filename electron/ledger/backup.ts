import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { auditKeyPathFor, loadOrCreateAuditKey } from './audit-key';
import { openConnection } from './connection';
import { openLedger } from './open';
import { LedgerError } from './result';
import type { LedgerVerdict } from './verify';

const privateFile = (path: string) => {
  if (process.platform !== 'win32') chmodSync(path, 0o600);
};

/**
 * SQLite online backup of a ledger in use (pages copied while the till keeps settling), with its
 * audit key beside it as `<to>.key`: a backup without the key cannot be verified. Both 0600.
 */
export async function backupLedger(args: { from: string; to: string; nativeBinding?: string }): Promise<{ path: string; keyPath: string }> {
  if (!existsSync(args.from)) throw new LedgerError('ledger-not-found', `找不到台账文件：${args.from}`);
  if (existsSync(args.to)) throw new LedgerError('backup-exists', `备份文件已存在，不覆盖：${args.to}`);
  const db = openConnection({ path: args.from, nativeBinding: args.nativeBinding, readonly: true });
  try {
    await db.backup(args.to);
  } finally {
    db.close();
  }
  privateFile(args.to);
  const keyPath = `${args.to}.key`;
  copyFileSync(auditKeyPathFor(args.from), keyPath);
  privateFile(keyPath);
  return { path: args.to, keyPath };
}

/**
 * Restores a backup to `to` only after its audit chain verified with its key (verifyLedger on a
 * copy beside the target): a tampered or truncated backup is refused and nothing is replaced.
 * An existing ledger at `to` is replaced only with `force` (it is kept as `<to>.before-restore`).
 */
export async function restoreLedger(args: { backup: string; to: string; key?: string; force?: boolean; nativeBinding?: string }): Promise<LedgerVerdict> {
  if (!existsSync(args.backup)) throw new LedgerError('backup-not-found', `找不到备份文件：${args.backup}`);
  if (existsSync(args.to) && !args.force) throw new LedgerError('restore-target-exists', `目标台账已存在：${args.to}；确认要替换请加 --force`);
  const keyPath = args.key ?? `${args.backup}.key`;
  if (!existsSync(keyPath)) throw new LedgerError('backup-key-missing', `找不到备份的审计密钥：${keyPath}（备份时与台账一同生成）`);
  const staging = `${args.to}.restoring`;
  rmSync(staging, { force: true });
  copyFileSync(args.backup, staging);
  let verdict: LedgerVerdict;
  try {
    const ledger = openLedger({ path: staging, nativeBinding: args.nativeBinding, auditKey: loadOrCreateAuditKey(keyPath) });
    try {
      verdict = await ledger.verifyLedger();
    } finally {
      ledger.close();
    }
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
  if (!verdict.ok) {
    for (const f of [staging, `${staging}-wal`, `${staging}-shm`]) rmSync(f, { force: true });
    throw new LedgerError('backup-verification-failed', `备份未通过台账核验，未恢复：${verdict.problems.slice(0, 3).join('；')}`);
  }
  if (existsSync(args.to)) renameSync(args.to, `${args.to}.before-restore`);
  for (const suffix of ['-wal', '-shm']) rmSync(`${args.to}${suffix}`, { force: true });
  renameSync(staging, args.to);
  privateFile(args.to);
  const targetKey = auditKeyPathFor(args.to);
  if (existsSync(targetKey)) renameSync(targetKey, `${targetKey}.before-restore`);
  copyFileSync(keyPath, targetKey);
  privateFile(targetKey);
  return verdict;
}

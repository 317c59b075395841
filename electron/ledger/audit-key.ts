import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A SQLite ledger's audit key lives beside the ledger file, never in it: `<data folder>/audit.key`. */
export const auditKeyPathFor = (ledgerPath: string): string => join(dirname(ledgerPath), 'audit.key');

export type LoadedKey = { key: Buffer } | { key: null; problem: string };

const KEY_TEXT = /^[0-9a-f]{64}$/i;

function read(path: string): LoadedKey | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { key: null, problem: `无法读取审计密钥文件 ${path}（${(error as NodeJS.ErrnoException).code ?? '读取失败'}）` };
  }
  if (!KEY_TEXT.test(text)) return { key: null, problem: `审计密钥文件 ${path} 内容无效（应为 64 位十六进制）` };
  return { key: Buffer.from(text, 'hex') };
}

/**
 * The installation's secret that keys the audit chain (HMAC-SHA256): 32 random bytes, hex, mode 0600.
 * Kept outside the ledger, so whoever can edit the ledger but not read this file cannot write a chain
 * that verifies. Created only when `create` (a chain not keyed yet): a chain already keyed whose key
 * is gone must say so, not start over with a new key.
 */
export function loadAuditKey(path: string, create: boolean): LoadedKey {
  const found = read(path);
  if (found) return found;
  if (!create) return { key: null, problem: `审计密钥文件缺失：${path}（请从备份恢复 audit.key，或联系信息科）` };
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      return { key: null, problem: `无法创建审计密钥文件 ${path}（${(error as NodeJS.ErrnoException).code ?? '写入失败'}）` };
    }
  }
  return read(path) ?? { key: null, problem: `审计密钥文件缺失：${path}` };
}

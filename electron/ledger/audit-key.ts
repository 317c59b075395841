import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The installation's audit key lives beside the ledger file, never in it: `<data folder>/audit.key`. */
export const auditKeyPathFor = (ledgerPath: string): string => join(dirname(ledgerPath), 'audit.key');

/**
 * Reads the installation's secret that keys the audit chain (HMAC), creating it (32 random bytes,
 * hex, mode 0600) on first use. Kept outside the ledger: whoever can edit the ledger file but not
 * read this one cannot write a chain that verifies. Back it up with the ledger.
 */
export function loadOrCreateAuditKey(path: string): Buffer {
  try {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

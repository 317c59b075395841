/**
 * npm run ledger:backup -- [--ledger <data folder>/ledger.db] [--out ledger-20261201.db]
 * SQLite online backup of the terminal's ledger while it is in use, with its audit key as <out>.key
 * (both 0600). Keep the two together: the restore verifies the audit chain with the key.
 *
 * npm run ledger:restore -- --from ledger-20261201.db --to <data folder>/ledger.db [--key <file>] [--force]
 * Verifies the backup's audit chain and every settlement against it first; only a backup that
 * verifies replaces the ledger (the old one is kept as ledger.db.before-restore). Stop the app first.
 */
import { compactTime } from '../shared/time';
import { parseArgs } from 'node:util';
import { backupLedger, LedgerError, restoreLedger } from '../electron/ledger';

const restore = process.argv.includes('--restore');
const { values } = parseArgs({
  options: {
    restore: { type: 'boolean', default: false },
    ledger: { type: 'string', default: process.env.ONEBILL_LEDGER ?? 'ledger.db' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    key: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

const stamp = compactTime(new Date());

try {
  if (restore) {
    if (!values.from || !values.to) throw new LedgerError('usage', '用法：npm run ledger:restore -- --from <备份文件> --to <台账文件> [--force]');
    const verdict = await restoreLedger({ backup: values.from, to: values.to, key: values.key, force: values.force });
    console.log(`备份核验通过（审计记录 ${verdict.auditRows} 条，核对结算记录 ${verdict.coveredRows} 条），已恢复到 ${values.to}`);
  } else {
    const out = values.out ?? `ledger-backup-${stamp}.db`;
    const done = await backupLedger({ from: values.ledger, to: out });
    console.log(`已备份：${done.path}${done.keyPath ? `（审计密钥：${done.keyPath}，请与备份一同保管）` : ''}`);
  }
} catch (error) {
  console.error(error instanceof LedgerError ? `${error.message}（${error.code}）` : String(error));
  process.exit(1);
}

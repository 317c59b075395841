import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupLedger, openLedger, restoreLedger } from '../../electron/ledger';
import { sampleCommit } from '../../tools/fixtures';
import { tempLedger, unwrap, type TempLedger } from './helpers';

let t: TempLedger;
beforeEach(async () => {
  t = await tempLedger();
});
afterEach(() => t.close());

const dir = () => join(t.path, '..');

describe('ledger backup (SQLite online backup) and a restore that verifies first', () => {
  it('backs up a ledger in use and restores it after verifying the chain', async () => {
    const { settlementId } = unwrap(await t.ledger.commitSettlement(sampleCommit()));
    const backup = join(dir(), 'backup.db');
    await backupLedger({ from: t.path, to: backup });
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    // The till kept settling after the backup: the backup holds what was there.
    unwrap(await t.ledger.commitSettlement(sampleCommit()));

    mkdirSync(join(dir(), 'restored'));
    const target = join(dir(), 'restored', 'ledger.db');
    expect(await restoreLedger({ backup, to: target })).toMatchObject({ ok: true, problems: [] });
    const restored = await openLedger({ path: target });
    try {
      expect((await restored.listSettlements({ limit: 10 })).map((s) => s.id)).toEqual([settlementId]);
    } finally {
      await restored.close();
    }
    await expect(restoreLedger({ backup, to: target })).rejects.toMatchObject({ code: 'restore-target-exists' });
  });

  it('refuses a backup whose audit chain was tampered with and leaves the target untouched', async () => {
    unwrap(await t.ledger.commitSettlement(sampleCommit()));
    const backup = join(dir(), 'backup.db');
    await backupLedger({ from: t.path, to: backup });
    const raw = new Database(backup);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.exec(`UPDATE audit_log SET detail_json = '{"total":"0.01"}' WHERE action = 'settlement.commit'`);
    raw.close();
    const target = join(dir(), 'target.db');
    await expect(restoreLedger({ backup, to: target })).rejects.toMatchObject({ code: 'backup-verification-failed' });
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.restoring`)).toBe(false);
  });

  it('runs as npm run ledger:backup / ledger:restore', async () => {
    unwrap(await t.ledger.commitSettlement(sampleCommit()));
    const out = join(dir(), 'cli-backup.db');
    const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'tools/ledger-backup.ts', ...args], { cwd: process.cwd(), encoding: 'utf8' });
    expect(run('--ledger', t.path, '--out', out)).toContain(`已备份：${out}`);
    expect(run('--restore', '--from', out, '--to', join(dir(), 'cli-restored.db'))).toMatch(/^备份核验通过（审计记录 \d+ 条，核对结算记录 \d+ 条），已恢复到/);
  });
});

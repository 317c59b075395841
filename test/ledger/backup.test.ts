import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupLedger, openLedger, restoreLedger } from '../../electron/ledger';
import { sampleCommit } from './sample';
import { tempLedger, unwrap } from './helpers';

let t: ReturnType<typeof tempLedger>;
beforeEach(() => {
  t = tempLedger();
});
afterEach(() => t.close());

const dir = () => join(t.path, '..');

describe('ledger backup (SQLite online backup) and a restore that verifies first', () => {
  it('backs up a ledger in use with its key, and restores it after verifying the chain', async () => {
    const { settlementId } = unwrap(t.ledger.commitSettlement(sampleCommit()));
    const backup = join(dir(), 'backup.db');
    const done = await backupLedger({ from: t.path, to: backup });
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(statSync(done.keyPath).mode & 0o777).toBe(0o600);
    // The till kept settling during and after the backup: the backup holds what was there.
    unwrap(t.ledger.commitSettlement(sampleCommit()));

    const target = join(dir(), 'restored', 'ledger.db');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir(), 'restored'));
    const verdict = await restoreLedger({ backup, to: target });
    expect(verdict).toMatchObject({ ok: true, keyed: true });
    const restored = openLedger({ path: target });
    try {
      expect(restored.listSettlements({ limit: 10 }).map((s) => s.id)).toEqual([settlementId]);
      expect(await restored.verifyLedger()).toMatchObject({ ok: true });
    } finally {
      restored.close();
    }
    await expect(restoreLedger({ backup, to: target })).rejects.toMatchObject({ code: 'restore-target-exists' });
  });

  it('refuses a tampered backup and leaves the target untouched', async () => {
    const { settlementId } = unwrap(t.ledger.commitSettlement(sampleCommit()));
    const backup = join(dir(), 'backup.db');
    await backupLedger({ from: t.path, to: backup });
    const raw = new Database(backup);
    raw.exec('DROP TRIGGER settlements_no_update');
    raw.prepare('UPDATE settlements SET patient_cash_fen = 1 WHERE id = ?').run(settlementId);
    raw.close();
    const target = join(dir(), 'target.db');
    await expect(restoreLedger({ backup, to: target })).rejects.toMatchObject({ code: 'backup-verification-failed' });
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.restoring`)).toBe(false);
  });

  it('runs as npm run ledger:backup / ledger:restore', () => {
    unwrap(t.ledger.commitSettlement(sampleCommit()));
    const out = join(dir(), 'cli-backup.db');
    const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'tools/ledger-backup.ts', ...args], { cwd: process.cwd(), encoding: 'utf8' });
    expect(run('--ledger', t.path, '--out', out)).toContain(`已备份：${out}`);
    expect(run('--restore', '--from', out, '--to', join(dir(), 'cli-restored.db'))).toMatch(/^备份核验通过（审计记录 \d+ 条，核对结算记录 2 条），已恢复到/);
  });
});

import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError, MIGRATIONS, openLedger, type Migration } from '../../electron/ledger';
import { tempDir } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function freshPath(): string {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  return join(dir, 'ledger.sqlite');
}

function appliedIds(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all() as number[];
  } finally {
    db.close();
  }
}

function openError(options: Parameters<typeof openLedger>[0]): LedgerError {
  try {
    openLedger(options).close();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('openLedger did not refuse');
}

const extra = (id: number): Migration => ({ id, name: `extra-${id}`, sql: `CREATE TABLE extra_${id} (x INTEGER) STRICT;` });

describe('ledger migrations', () => {
  it('creates a fresh database with every migration, in WAL mode, STRICT tables', () => {
    const path = freshPath();
    const ledger = openLedger({ path });
    expect(ledger.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ledger.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const tables = ledger.db
      .prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as Array<{ name: string; strict: number }>;
    expect(tables.filter((t) => t.strict !== 1)).toEqual([]);
    expect(tables.map((t) => t.name)).toEqual([
      'audit_log', 'bill_lines', 'bills', 'counters', 'operators', 'outbox', 'patients', 'receipt_prints', 'reversals',
      'roster_persons', 'roster_versions', 'schema_migrations', 'settings', 'settlement_events', 'settlements',
    ]);
    ledger.close();
    expect(appliedIds(path)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('re-opens without re-applying and keeps the data', () => {
    const path = freshPath();
    const first = openLedger({ path });
    first.settings.set('printer', { name: 'EPSON' });
    first.close();
    const second = openLedger({ path });
    expect(second.settings.get('printer')).toEqual({ name: 'EPSON' });
    second.close();
    expect(appliedIds(path)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('applies only the migrations that are new', () => {
    const path = freshPath();
    openLedger({ path }).close();
    const later = [...MIGRATIONS, extra(2), extra(3)];
    openLedger({ path, migrations: later }).close();
    expect(appliedIds(path)).toEqual([1, 2, 3]);
  });

  it('refuses a database written by a newer app with ledger-too-new', () => {
    const path = freshPath();
    openLedger({ path, migrations: [...MIGRATIONS, extra(2)] }).close();
    const error = openError({ path });
    expect(error.code).toBe('ledger-too-new');
    expect(error.message).toContain('请升级本程序');
    expect(appliedIds(path)).toEqual([1, 2]);
  });

  it('refuses a database whose applied migrations are not a prefix of the known ones', () => {
    const path = freshPath();
    openLedger({ path, migrations: [...MIGRATIONS, extra(3)] }).close();
    const error = openError({ path, migrations: [...MIGRATIONS, extra(2), extra(3)] });
    expect(error.code).toBe('ledger-migrations-out-of-sync');
    expect(appliedIds(path)).toEqual([1, 3]);
  });

  it('rolls back a failing migration and records nothing for it', () => {
    const path = freshPath();
    const broken: Migration = { id: 2, name: 'broken', sql: 'CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM no_such_table;' };
    expect(() => openLedger({ path, migrations: [...MIGRATIONS, broken] })).toThrow(/no_such_table/);
    expect(appliedIds(path)).toEqual([1]);
    const db = new Database(path, { readonly: true });
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half'`).pluck().get()).toBe(0);
    db.close();
  });
});

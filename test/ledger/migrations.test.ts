import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError, MIGRATIONS, openLedger, type Migration } from '../../electron/ledger';
import { openPostgresEngine } from '../../electron/ledger/engine/postgres';
import { tempDir, tempSchema } from './helpers';

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

async function openError(options: Parameters<typeof openLedger>[0]): Promise<LedgerError> {
  try {
    await (await openLedger(options)).close();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('openLedger did not refuse');
}

const extra = (id: number): Migration => ({ id, name: `extra-${id}`, sql: `CREATE TABLE extra_${id} (x INTEGER) STRICT;` });
/** Ids this build ships, and the first id it does not know. */
const SHIPPED = MIGRATIONS.map((m) => m.id);
const NEXT = SHIPPED.at(-1)! + 1;

describe('ledger migrations', () => {
  it('creates a fresh database with every migration, in WAL mode, STRICT tables', async () => {
    const path = freshPath();
    const ledger = await openLedger({ path });
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{
      name: string;
      strict: number;
    }>;
    raw.close();
    expect(tables.filter((t) => t.strict !== 1)).toEqual([]);
    expect(tables.map((t) => t.name)).toEqual([
      'audit_log',
      'auth_attempts',
      'bill_lines',
      'bills',
      'catalogue_drugs',
      'catalogue_versions',
      'counters',
      'operators',
      'outbox',
      'password_history',
      'patients',
      'realtime_cancel_outcomes',
      'realtime_cancels',
      'realtime_reversals',
      'realtime_settlements',
      'receipt_prints',
      'reports_day_close',
      'reversals',
      'review_outcomes',
      'roster_persons',
      'roster_versions',
      'sale_lines',
      'schema_migrations',
      'settings',
      'settlement_attempts',
      'settlement_events',
      'settlement_sources',
      'settlements',
      'terminals',
    ]);
    await ledger.close();
    expect(appliedIds(path)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('re-opens without re-applying and keeps the data', async () => {
    const path = freshPath();
    const first = await openLedger({ path });
    await first.settings.set('printer', { name: 'EPSON' });
    await first.close();
    const second = await openLedger({ path });
    expect(await second.settings.get('printer')).toEqual({ name: 'EPSON' });
    await second.close();
    expect(appliedIds(path)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('applies only the migrations that are new', async () => {
    const path = freshPath();
    await (await openLedger({ path })).close();
    const later = [...MIGRATIONS, extra(NEXT), extra(NEXT + 1)];
    await (await openLedger({ path, migrations: later })).close();
    expect(appliedIds(path)).toEqual([...SHIPPED, NEXT, NEXT + 1]);
  });

  it('refuses a database written by a newer app with ledger-too-new', async () => {
    const path = freshPath();
    await (await openLedger({ path, migrations: [...MIGRATIONS, extra(NEXT)] })).close();
    const error = await openError({ path });
    expect(error.code).toBe('ledger-too-new');
    expect(error.message).toContain('请升级本程序');
    expect(appliedIds(path)).toEqual([...SHIPPED, NEXT]);
  });

  it('refuses a database whose applied migrations are not a prefix of the known ones', async () => {
    const path = freshPath();
    await (await openLedger({ path, migrations: [...MIGRATIONS, extra(NEXT + 1)] })).close();
    const error = await openError({ path, migrations: [...MIGRATIONS, extra(NEXT), extra(NEXT + 1)] });
    expect(error.code).toBe('ledger-migrations-out-of-sync');
    expect(appliedIds(path)).toEqual([...SHIPPED, NEXT + 1]);
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const path = freshPath();
    const broken: Migration = { id: NEXT, name: 'broken', sql: 'CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM no_such_table;' };
    await expect(openLedger({ path, migrations: [...MIGRATIONS, broken] })).rejects.toThrow(/no_such_table/);
    expect(appliedIds(path)).toEqual(SHIPPED);
    const db = new Database(path, { readonly: true });
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half'`).pluck().get()).toBe(0);
    db.close();
  });

  it('upgrades a development ledger whose day-close table the reports module had already created', async () => {
    const path = freshPath();
    const old = await openLedger({ path, migrations: MIGRATIONS.slice(0, 1) });
    await old.close();
    const dev = new Database(path);
    dev.exec(MIGRATIONS[1]!.sql); // what the reports module used to run on first use
    dev.close();
    const upgraded = await openLedger({ path });
    const check = new Database(path, { readonly: true });
    expect(check.prepare(`SELECT count(*) FROM sqlite_master WHERE tbl_name = 'reports_day_close' AND name NOT LIKE 'sqlite_%'`).pluck().get()).toBe(3);
    check.close();
    await upgraded.close();
    expect(appliedIds(path)).toEqual(SHIPPED);
  });
});

describe('ledger migrations on PostgreSQL (the hospital ledger)', () => {
  const pgExtra = (id: number): Migration => ({ id, name: `extra-${id}`, sql: '', postgres: `CREATE TABLE extra_${id} (x INTEGER);` });

  it('applies every migration once, refuses a ledger a newer build wrote (ledger-too-new), and one whose applied ids are not a prefix', async () => {
    const s = await tempSchema();
    const open = (migrations?: readonly Migration[]) =>
      openLedger({ engine: openPostgresEngine({ url: s.url, schema: s.schema }), ...(migrations ? { migrations } : {}) });
    const raw = openPostgresEngine({ url: s.url, schema: s.schema });
    try {
      await (await open()).close();
      await (await open()).close(); // a second start applies nothing
      const ids = async () => (await raw.all<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id')).map((r) => Number(r.id));
      expect(await ids()).toEqual(SHIPPED);

      // A newer build added a migration: this build refuses to touch the ledger.
      await (await open([...MIGRATIONS, pgExtra(NEXT)])).close();
      expect(await ids()).toEqual([...SHIPPED, NEXT]);
      await expect(open()).rejects.toMatchObject({ code: 'ledger-too-new', message: expect.stringContaining('请升级本程序') });

      // Applied ids that are not a prefix of this build's: out of sync, refused.
      await expect(open([...MIGRATIONS, pgExtra(NEXT + 1)])).rejects.toMatchObject({ code: 'ledger-migrations-out-of-sync' });
    } finally {
      await raw.close();
      await s.drop();
    }
  });
});

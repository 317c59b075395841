import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { atHospitalWall } from '../../shared/time';
import { openLedger, type Dialect, type Ledger, type OpenLedgerOptions } from '../../electron/ledger';
import { openPostgresEngine } from '../../electron/ledger/engine/postgres';
import { openSqliteEngine } from '../../electron/ledger/engine/sqlite';
import type { Engine } from '../../electron/ledger/engine/types';

/** A settable clock on the hospital's wall clock (Beijing time), so ids and days do not depend on the machine's zone. */
export function testClock(year = 2021, month = 3, day = 15, hour = 9) {
  const clock = {
    at: atHospitalWall({ year, month, day, hour }),
    now: () => new Date(clock.at.getTime()),
    set(y: number, m: number, d: number, h = 9) {
      clock.at = atHospitalWall({ year: y, month: m, day: d, hour: h });
    },
    tick(ms = 1000) {
      clock.at = new Date(clock.at.getTime() + ms);
    },
  };
  return clock;
}

export function tempDir(prefix = 'onebill-ledger-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The ledger's engines: the ledger test suites run against both. */
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/** The test PostgreSQL server (vitest globalSetup); a clear failure, never a silent pass, without one. */
export function testPgUrl(): string {
  const url = inject('pgUrl');
  if (!url) throw new Error(`PostgreSQL 测试服务器不可用（需要 postgresql 软件包或 ONEBILL_TEST_PG_URL）：${inject('pgError')}`);
  return url;
}

/** A fresh PostgreSQL schema of its own on the test server; `drop()` removes it. */
export async function tempSchema(): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const url = testPgUrl();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    url,
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** A second, raw handle on a test ledger's database, for assertions and fault injection only. */
export interface RawDb {
  dialect: Dialect;
  count(table: string): Promise<number>;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  value<T = unknown>(sql: string, params?: unknown[]): Promise<T | undefined>;
  run(sql: string, params?: unknown[]): Promise<number>;
  exec(sql: string): Promise<void>;
  /** Makes every INSERT into `table` fail with `message` (a disk that fails mid-commit). */
  failInserts(table: string, message: string): Promise<void>;
  stopFailing(table: string): Promise<void>;
  /** Removes a table's append-only guard (a forger with database access). */
  dropGuard(table: string, op: 'update' | 'delete'): Promise<void>;
  close(): Promise<void>;
}

function rawOn(engine: Engine): RawDb {
  const pgFail = (table: string) => `${table}_test_fail`;
  return {
    dialect: engine.dialect,
    count: async (table) => Number(await engine.value(`SELECT count(*) FROM ${table}`)),
    all: (sql, params) => engine.all(sql, params),
    value: (sql, params) => engine.value(sql, params),
    run: (sql, params) => engine.run(sql, params),
    exec: (sql) => engine.exec(sql),
    failInserts: (table, message) =>
      engine.exec(
        engine.dialect === 'sqlite'
          ? `CREATE TRIGGER ${pgFail(table)} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`
          : `CREATE FUNCTION ${pgFail(table)}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$;
             CREATE TRIGGER ${pgFail(table)} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${pgFail(table)}();`,
      ),
    stopFailing: (table) => engine.exec(engine.dialect === 'sqlite' ? `DROP TRIGGER ${pgFail(table)}` : `DROP TRIGGER ${pgFail(table)} ON ${table}`),
    dropGuard: (table, op) => engine.exec(engine.dialect === 'sqlite' ? `DROP TRIGGER ${table}_no_${op}` : `DROP TRIGGER ${table}_no_${op} ON ${table}`),
    close: () => engine.close(),
  };
}

export interface TempLedger {
  ledger: Ledger;
  dialect: Dialect;
  /** SQLite only: the file. */
  path: string;
  clock: ReturnType<typeof testClock>;
  raw: RawDb;
  /** SQLite only: a raw better-sqlite3 connection to the same file. */
  sql: Database.Database;
  /** Opens the same ledger again (a restart, or a second window on the same PostgreSQL ledger). */
  reopen(options?: Partial<OpenLedgerOptions>): Promise<Ledger>;
  close: () => Promise<void>;
}

/**
 * A fresh ledger with the demo operators, on SQLite (a temp file) or PostgreSQL (a schema of its
 * own on the test server); `close()` removes everything.
 */
export async function tempLedger(options: Partial<OpenLedgerOptions> & { dialect?: Dialect } = {}): Promise<TempLedger> {
  const { dialect = 'sqlite', ...open } = options;
  const clock = testClock();
  const others: Ledger[] = [];
  if (dialect === 'postgres') {
    const schema = await tempSchema();
    const engine = () => openPostgresEngine({ url: schema.url, schema: schema.schema });
    const ledger = await openLedger({ engine: engine(), now: clock.now, ...open });
    await ledger.ensureDemoOperators();
    const raw = rawOn(engine());
    return {
      ledger,
      dialect,
      path: '',
      clock,
      raw,
      get sql(): Database.Database {
        throw new Error('t.sql is SQLite only: use t.raw');
      },
      async reopen(more = {}) {
        const again = await openLedger({ engine: engine(), now: clock.now, ...open, ...more });
        others.push(again);
        return again;
      },
      close: async () => {
        for (const o of others) await o.close().catch(() => undefined);
        await raw.close();
        await ledger.close();
        await schema.drop();
      },
    };
  }
  const { dir, remove } = tempDir();
  const path = join(dir, 'ledger.sqlite');
  const ledger = await openLedger({ path, now: clock.now, ...open });
  await ledger.ensureDemoOperators();
  const sql = new Database(path);
  sql.pragma('busy_timeout = 15000');
  const raw = rawOn(openSqliteEngine({ path }));
  return {
    ledger,
    dialect,
    path,
    clock,
    raw,
    sql,
    async reopen(more = {}) {
      const again = await openLedger({ path, now: clock.now, ...open, ...more });
      others.push(again);
      return again;
    },
    close: async () => {
      for (const o of others) await o.close().catch(() => undefined);
      sql.close();
      await raw.close();
      await ledger.close();
      remove();
    },
  };
}

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Runs `fn` over `items` one after the other (each waits for the previous one). */
export async function inOrder<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

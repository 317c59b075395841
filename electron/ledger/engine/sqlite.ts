import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { createMutex } from './mutex';
import type { Engine, Params, Queryable, Row, TransactionOptions, Tx } from './types';

export interface SqliteEngineOptions {
  path: string;
  /** Path of the better_sqlite3.node to load (the Electron build ships its own). */
  nativeBinding?: string;
  /** synchronous=OFF: only for filling a throwaway ledger fast (benches, test fixtures), never a till. */
  bulkFill?: boolean;
}

// How long a writer waits for another connection's transaction (a roster import) before SQLITE_BUSY.
const BUSY_TIMEOUT_MS = 15_000;

/**
 * One connection in the ledger's durability mode: WAL (readers never block the writer) with
 * synchronous=FULL, so a transaction that returned is on disk even if the power fails the next
 * moment — what a cashier needs before a receipt is handed over.
 */
export function openSqliteConnection(options: SqliteEngineOptions): Database.Database {
  const db = new Database(options.path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma(options.bulkFill ? 'synchronous = OFF' : 'synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

function queryable(db: Database.Database): Queryable {
  const cache = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const args = (params: Params | undefined): unknown[] => (params === undefined ? [] : Array.isArray(params) ? params : [params]);
  return {
    dialect: 'sqlite',
    all: async <T = Row>(sql: string, params?: Params) => statement(sql).all(...args(params)) as T[],
    get: async <T = Row>(sql: string, params?: Params) => statement(sql).get(...args(params)) as T | undefined,
    value: async <T = unknown>(sql: string, params?: Params) => {
      const row = statement(sql).get(...args(params)) as Row | undefined;
      return (row === undefined ? undefined : Object.values(row)[0]) as T | undefined;
    },
    run: async (sql: string, params?: Params) => statement(sql).run(...args(params)).changes,
    exec: async (sql: string) => void db.exec(sql),
  };
}

/** A handle that refuses use once its transaction has ended (a stray await after the callback). */
function scoped(inner: Queryable, isOpen: () => boolean): Tx {
  const guard =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A) => {
      if (!isOpen()) return Promise.reject(new Error('ledger transaction already ended'));
      return fn(...a);
    };
  return {
    dialect: inner.dialect,
    all: guard(inner.all) as Queryable['all'],
    get: guard(inner.get) as Queryable['get'],
    value: guard(inner.value) as Queryable['value'],
    run: guard(inner.run),
    exec: guard(inner.exec),
  };
}

/**
 * The embedded engine. One connection; every use of it goes through one lock, so a transaction's
 * statements never interleave with another caller's (a single writer, as SQLite has anyway).
 * A dedicated transaction (roster import) runs on a second connection and holds the file's write
 * lock until it commits; the main connection's writers wait for it (busy timeout).
 */
export function openSqliteEngine(options: SqliteEngineOptions): Engine & { readonly connection: Database.Database } {
  const db = openSqliteConnection(options);
  const direct = queryable(db);
  const withLock = createMutex();
  // Code running inside a transaction that calls the engine instead of its `tx` would wait for
  // itself forever: refuse it loudly.
  const insideTransaction = new AsyncLocalStorage<true>();
  const locked =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A) => {
      if (insideTransaction.getStore()) return Promise.reject(new Error('ledger engine used inside its own transaction (use the transaction handle)'));
      return withLock(() => fn(...a));
    };

  async function runTransaction<T>(conn: Database.Database, q: Queryable, fn: (tx: Tx) => Promise<T>): Promise<T> {
    let open = true;
    conn.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(scoped(q, () => open));
      conn.exec('COMMIT');
      return result;
    } catch (error) {
      if (conn.inTransaction) conn.exec('ROLLBACK');
      throw error;
    } finally {
      open = false;
    }
  }

  return {
    dialect: 'sqlite',
    description: `SQLite ${options.path}`,
    connection: db,
    all: locked(direct.all) as Queryable['all'],
    get: locked(direct.get) as Queryable['get'],
    value: locked(direct.value) as Queryable['value'],
    run: locked(direct.run),
    exec: locked(direct.exec),
    async transaction<T>(fn: (tx: Tx) => Promise<T>, txOptions: TransactionOptions = {}): Promise<T> {
      if (insideTransaction.getStore()) throw new Error('ledger transactions do not nest');
      if (!txOptions.dedicated) return withLock(() => insideTransaction.run(true, () => runTransaction(db, direct, fn)));
      const own = openSqliteConnection(options);
      try {
        return await runTransaction(own, queryable(own), fn);
      } finally {
        own.close();
      }
    },
    close: async () => withLock(async () => void (db.open && db.close())),
  };
}

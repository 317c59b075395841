import pg from 'pg';
import { LedgerError } from '../result';
import { toNumbered } from './placeholders';
import type { Engine, Params, Queryable, Row, Tx } from './types';

export interface PostgresEngineOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections per terminal (a cashier's window needs few). */
  max?: number;
  /** PostgreSQL schema to work in (tests give each ledger its own). */
  schema?: string;
  /** How long to wait for a connection before the server counts as away. */
  connectTimeoutMs?: number;
}

// bigint (count, BIGINT fen) and numeric (sum of BIGINT) as JS numbers: fen sums stay far below 2^53.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** The URL without its password: what logs, errors and the screen may show. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://（地址格式错误）';
  }
}

// Connection-level failures (server down, restarted, network): the ledger is unreachable, not wrong.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

export function isUnreachable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && UNREACHABLE_CODES.has(e.code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message ?? '');
}

function unreachable(description: string, error: unknown): LedgerError {
  return new LedgerError(
    'ledger-unavailable',
    `无法连接医院账本服务器（${description}）：${(error as Error).message.replace(/postgres(ql)?:\/\/[^\s]*/g, '***')}。结算暂停，服务器恢复后自动继续`,
  );
}

function queryable(run: (text: string, values: unknown[]) => Promise<pg.QueryResult>, onError: (e: unknown) => never): Queryable {
  const q = async (sql: string, params?: Params) => {
    const { text, values } = toNumbered(sql, params);
    try {
      return await run(text, values);
    } catch (error) {
      onError(error);
    }
  };
  return {
    dialect: 'postgres',
    all: async <T = Row>(sql: string, params?: Params) => (await q(sql, params)).rows as T[],
    get: async <T = Row>(sql: string, params?: Params) => (await q(sql, params)).rows[0] as T | undefined,
    value: async <T = unknown>(sql: string, params?: Params) => {
      const row = (await q(sql, params)).rows[0] as Row | undefined;
      return (row === undefined ? undefined : Object.values(row)[0]) as T | undefined;
    },
    run: async (sql: string, params?: Params) => (await q(sql, params)).rowCount ?? 0,
    exec: async (sql: string) => void (await q(sql, undefined)),
  };
}

/**
 * The hospital's ledger on a PostgreSQL server (node-postgres pool). Each transaction has a
 * connection of its own at READ COMMITTED: a statement after a lock (`pg_advisory_xact_lock`)
 * sees everything committed before the lock was granted, which is what the per-person re-read
 * of year-to-date relies on. A connection that fails mid-transaction is discarded (the server
 * rolls the transaction back), and the error says the server is unreachable.
 */
export function openPostgresEngine(options: PostgresEngineOptions): Engine {
  const description = `PostgreSQL ${redactUrl(options.url)}`;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 4,
    types,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection the server dropped: the next query reconnects; nothing to do here.
  pool.on('error', () => undefined);
  const fail = (error: unknown): never => {
    if (isUnreachable(error)) throw unreachable(description, error);
    throw error;
  };
  const direct = queryable((text, values) => pool.query(text, values), fail);

  return {
    ...direct,
    description,
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw isUnreachable(error) ? unreachable(description, error) : error;
      }
      let open = true;
      let broken: unknown = undefined;
      // The server dropped this connection (restart, terminate): the query in flight fails with it.
      const onError = (error: unknown) => {
        broken = error;
      };
      client.on('error', onError);
      const tx = queryable(
        (text, values) => {
          if (!open) return Promise.reject(new Error('ledger transaction already ended'));
          return client.query(text, values);
        },
        (error) => {
          if (isUnreachable(error)) broken = error;
          return fail(error);
        },
      );
      try {
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (!broken && !isUnreachable(error)) await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
        else broken ??= error;
        throw isUnreachable(error) && !(error instanceof LedgerError) ? unreachable(description, error) : error;
      } finally {
        open = false;
        client.off('error', onError);
        client.release(broken ? (broken as Error) : undefined);
      }
    },
    close: () => pool.end(),
  };
}

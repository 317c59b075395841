/**
 * The storage-engine seam: the ledger's logic talks to `Engine` (and, inside a transaction, to
 * `Tx`); SQLite (embedded default) and PostgreSQL (a hospital's server) implement it.
 *
 * SQL is written once where it can be portable. Parameters: an array for `?` placeholders, or an
 * object for `@name` placeholders (both become `$n` on PostgreSQL). Integers come back as JS
 * numbers on both engines (fen sums stay far below 2^53).
 */
export type Dialect = 'sqlite' | 'postgres';

export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

export type Row = Record<string, unknown>;

export interface Queryable {
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  get<T = Row>(sql: string, params?: Params): Promise<T | undefined>;
  /** The first column of the first row (undefined when there is no row). */
  value<T = unknown>(sql: string, params?: Params): Promise<T | undefined>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: Params): Promise<number>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A transaction's handle: only valid inside the `transaction` callback. */
export type Tx = Queryable;

export interface TransactionOptions {
  /**
   * A long transaction (a roster import) on a connection of its own, so that it never holds the
   * connection the cashier's commits use. PostgreSQL transactions always have their own.
   */
  dedicated?: boolean;
}

export interface Engine extends Queryable {
  /** Runs `fn` in one write transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** A description safe to show and log (never a password). */
  readonly description: string;
  close(): Promise<void>;
}

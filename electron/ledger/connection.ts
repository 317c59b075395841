import Database from 'better-sqlite3';

export interface ConnectionOptions {
  path: string;
  /** Path of the better_sqlite3.node to load (the Electron build ships its own). */
  nativeBinding?: string;
  readonly?: boolean;
}

// How long a writer waits for another connection's transaction (a roster import) before SQLITE_BUSY.
const BUSY_TIMEOUT_MS = 15_000;

/**
 * One connection in the ledger's durability mode: WAL (readers never block the writer) with
 * synchronous=FULL, so a transaction that returned is on disk even if the power fails the next
 * moment — what a cashier needs before a receipt is handed over.
 */
export function openConnection(options: ConnectionOptions): Database.Database {
  const db = new Database(options.path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}

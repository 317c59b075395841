import { openAuditChain } from './audit';
import { createCatalogueImport } from './catalogue';
import { openPostgresEngine, type PostgresEngineOptions } from './engine/postgres';
import { openSqliteEngine } from './engine/sqlite';
import { keyLoader } from './open';
import { coverageMarks } from './row-digest';
import { createRosterImport } from './rosters';

/** Where a ledger is, as a worker thread needs it to open a connection of its own (plain data: it crosses to the worker). */
export type LedgerSource = { terminalId: string; auditKeyFile?: string } & ({ path: string; nativeBinding?: string } | { postgres: PostgresEngineOptions });

/**
 * The roster and catalogue imports over a connection of their own (SQLite: a second connection to
 * the file in WAL mode; PostgreSQL: a pool of its own), for an import run on a worker thread. It
 * runs no migrations (the window's ledger did) and writes only what the imports write: staged rows
 * in short transactions, then the publishing transaction with its audit row, signed with the same
 * audit key the window's ledger uses.
 */
export async function openImportLedger(source: LedgerSource) {
  const now = () => new Date();
  const engine = 'postgres' in source ? openPostgresEngine(source.postgres) : openSqliteEngine({ path: source.path, nativeBinding: source.nativeBinding });
  try {
    const chain = await openAuditChain(engine, now, keyLoader({ auditKeyFile: source.auditKeyFile, path: 'path' in source ? source.path : undefined }), coverageMarks);
    return {
      now,
      rosterImport: createRosterImport(engine, chain, source.terminalId),
      catalogueImport: createCatalogueImport(engine, now, chain, source.terminalId),
      close: () => engine.close(),
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

export type ImportLedger = Awaited<ReturnType<typeof openImportLedger>>;

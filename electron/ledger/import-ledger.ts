import { createCatalogueImport } from './catalogue';
import { createRosterImport } from './rosters';
import { chainAt, openEngineAt, type LedgerSource } from './source';

/**
 * The roster and catalogue imports over a connection of their own (SQLite: a second connection to
 * the file in WAL mode; PostgreSQL: a pool of its own), for an import run on a worker thread. It
 * runs no migrations (the window's ledger did) and writes only what the imports write: staged rows
 * in short transactions, then the publishing transaction with its audit row, signed with the same
 * audit key the window's ledger uses.
 */
export async function openImportLedger(source: LedgerSource) {
  const now = () => new Date();
  const engine = openEngineAt(source);
  try {
    const chain = await chainAt(engine, source, now);
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

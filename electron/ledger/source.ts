import { openAuditChain, type AuditChain } from './audit';
import type { Clock } from '../../shared/time';
import { openPostgresEngine, type PostgresEngineOptions } from './engine/postgres';
import { openSqliteEngine } from './engine/sqlite';
import type { Engine } from './engine/types';
import { keyLoader } from './open';
import { coverageMarks } from './row-digest';

/** Where a ledger is, as a worker thread needs it to open a connection of its own (plain data: it crosses to the worker). */
export type LedgerSource = { terminalId: string; auditKeyFile?: string } & ({ path: string; nativeBinding?: string } | { postgres: PostgresEngineOptions });

/** A connection of its own to the ledger (SQLite: a second connection to the file, WAL; PostgreSQL: a pool of its own). */
export function openEngineAt(source: LedgerSource): Engine {
  return 'postgres' in source ? openPostgresEngine(source.postgres) : openSqliteEngine({ path: source.path, nativeBinding: source.nativeBinding });
}

/** The audit chain as the window's ledger opened it (the same key file); the window's open already wrote the keyed marker. */
export function chainAt(engine: Engine, source: LedgerSource, now: Clock): Promise<AuditChain> {
  return openAuditChain(engine, now, keyLoader({ auditKeyFile: source.auditKeyFile, path: 'path' in source ? source.path : undefined }), coverageMarks);
}

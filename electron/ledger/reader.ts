import { systemClock } from '../../shared/time';
import type { AuditChain } from './audit';
import { openSqliteEngine } from './engine/sqlite';
import { createReportQueries, type CloseRow, type ReportRawRow, type ReportRowsQuery } from './report-queries';

/**
 * A second, read-only use of a SQLite ledger file for long reports run off the window's thread
 * (a worker opens its own connection; WAL lets it read while the till commits). It runs no
 * migrations and writes nothing.
 */
export interface ReportReader {
  terminalId: string;
  reportRows(query: ReportRowsQuery): Promise<ReportRawRow[]>;
  dayCloses(operatorId?: string): Promise<CloseRow[]>;
  pendingReview(region: string): Promise<Array<Record<string, string | number>>>;
  close(): Promise<void>;
}

export interface ReportReaderSource {
  path: string;
  nativeBinding?: string;
  terminalId: string;
}

export function openReportReader(source: ReportReaderSource): ReportReader {
  const engine = openSqliteEngine({ path: source.path, nativeBinding: source.nativeBinding });
  // The reader never appends to the audit chain: a chain marked unusable refuses it if anything tried.
  const readOnly: AuditChain = { now: systemClock, key: null, keyedFrom: null, unusable: '报表只读连接不写台账' };
  const queries = createReportQueries(engine, readOnly.now, readOnly);
  return {
    terminalId: source.terminalId,
    reportRows: queries.reportRows,
    dayCloses: queries.dayCloses,
    pendingReview: queries.pendingReview,
    close: () => engine.close(),
  };
}

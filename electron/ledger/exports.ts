import type Database from 'better-sqlite3';
import type { AuditLog } from './audit';

/** Every report written to a file is audited: who, which report and parameters, whether it holds personal data. */
export function createExportLog(db: Database.Database, audit: AuditLog) {
  return async function recordExport(args: { actor: string; report: string; params: unknown; fileName: string; personalData: boolean }): Promise<void> {
    db.transaction(() => {
      audit.append({ actor: args.actor, action: 'report.export', subject: args.report, detail: { params: args.params, fileName: args.fileName, personalData: args.personalData } });
    }).immediate();
  };
}

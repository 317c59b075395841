import { appendAudit } from './audit';
import type { Clock } from './clock';
import type { Engine } from './engine/types';

/** Every report written to a file is audited: who, which report and parameters, whether it holds personal data. */
export function createExportLog(db: Engine, now: Clock) {
  return async function recordExport(args: { actor: string; report: string; params: unknown; fileName: string; personalData: boolean }): Promise<void> {
    await db.transaction((tx) =>
      appendAudit(tx, now, { actor: args.actor, action: 'report.export', subject: args.report, detail: { params: args.params, fileName: args.fileName, personalData: args.personalData } }),
    );
  };
}

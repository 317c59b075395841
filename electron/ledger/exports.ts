import { appendAudit, type AuditChain } from './audit';
import type { Engine } from './engine/types';

/** Every report written to a file is audited: who, which report and parameters, whether it holds personal data. */
export function createExportLog(db: Engine, chain: AuditChain) {
  return async function recordExport(args: { actor: string; report: string; params: unknown; fileName: string; personalData: boolean }): Promise<void> {
    await db.transaction((tx) =>
      appendAudit(tx, chain, {
        actor: args.actor,
        action: 'report.export',
        subject: args.report,
        detail: { params: args.params, fileName: args.fileName, personalData: args.personalData },
      }),
    );
  };
}

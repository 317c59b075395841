import type { OpOutput } from '../../shared/contract';
import type { RosterImportProgress } from '../roster';

export type RosterImportView = OpOutput<'roster.importProgress'>;

const IDLE: RosterImportView = { state: 'idle', phase: 'done', rowsRead: 0, rowsImported: 0, rowsRejected: 0, source: null, error: null };

/**
 * What the running (or last) roster import has done, for the window to poll with
 * roster.importProgress while roster.import is still answering. Fed by the importer's onProgress.
 */
export function createRosterImportProgress() {
  let view: RosterImportView = IDLE;
  return {
    view: (): RosterImportView => ({ ...view }),
    start(source: string): void {
      view = { ...IDLE, state: 'running', phase: 'reading', source };
    },
    update(p: RosterImportProgress): void {
      view = { ...view, phase: 'importing', rowsRead: p.rowsRead, rowsImported: p.imported, rowsRejected: p.rejected, bytesRead: p.bytesRead, totalBytes: p.totalBytes };
    },
    done(imported: number, rejected: number): void {
      view = {
        ...view,
        state: 'done',
        phase: 'done',
        rowsImported: imported,
        rowsRejected: rejected,
        ...(view.totalBytes !== undefined ? { bytesRead: view.totalBytes } : {}),
      };
    },
    /** Nothing was kept: rowsImported goes back to 0. */
    failed(message: string): void {
      view = { ...view, state: 'failed', phase: 'failed', rowsImported: 0, error: message };
    },
  };
}

export type RosterImportTracker = ReturnType<typeof createRosterImportProgress>;

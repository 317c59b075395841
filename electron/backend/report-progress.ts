import type { OpOutput } from '../../shared/contract';

export type ReportProgressView = OpOutput<'reports.progress'>;
type Stage = NonNullable<ReportProgressView['stage']>;

/**
 * What the long reports being built are doing, for the window to poll with reports.progress while
 * a report's op is still answering. Fed by the report worker's stage messages.
 */
export function createReportProgress() {
  let running = 0;
  let latest: { id: number; report: string; stage: Stage } | null = null;
  let last: { report: string; state: 'done' | 'failed' } | null = null;
  let nextId = 1;
  return {
    view: (): ReportProgressView =>
      latest && running > 0
        ? { state: 'running', report: latest.report, stage: latest.stage, running }
        : { state: last?.state ?? 'idle', report: last?.report ?? null, stage: null, running },
    /** A report starts; answers the callbacks its job reports to. */
    start(report: string) {
      const id = nextId++;
      running++;
      latest = { id, report, stage: 'reading' };
      const mine = () => latest?.id === id;
      let ended = false;
      const end = (state: 'done' | 'failed') => {
        if (ended) return;
        ended = true;
        running--;
        last = { report, state };
        if (mine()) latest = null;
      };
      return {
        stage: (stage: Stage) => {
          if (mine() && !ended) latest = { id, report, stage };
        },
        done: () => end('done'),
        failed: () => end('failed'),
      };
    },
  };
}

export type ReportProgressTracker = ReturnType<typeof createReportProgress>;

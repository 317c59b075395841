import type { ReceiptOutcome } from './receipt-service';

/**
 * First receipts still being rendered after their commit answered: `settlement.receipt` waits on
 * them, and a repeated commit of the same attempt does not render a second one.
 */
export function createReceiptJobs() {
  const running = new Map<string, Promise<ReceiptOutcome>>();
  return {
    track(settlementId: string, job: Promise<ReceiptOutcome>): void {
      running.set(settlementId, job);
      void job.finally(() => running.delete(settlementId)).catch(() => undefined);
    },
    running: (settlementId: string): Promise<ReceiptOutcome> | undefined => running.get(settlementId),
  };
}

export type ReceiptJobs = ReturnType<typeof createReceiptJobs>;

/**
 * Bills imported by bill.import, kept in the backend so that preview and commit settle the lines
 * the file held and can check whose bill it is and which visit it was filed for.
 */
import { randomUUID } from 'node:crypto';
import type { Bill } from './bill-import';

export function createKeptBills(options: { max?: number } = {}) {
  const max = options.max ?? 100;
  const kept = new Map<string, Bill>();
  return {
    keep(bill: Bill): Bill & { billId: string } {
      const billId = randomUUID();
      kept.set(billId, structuredClone(bill));
      for (const oldest of kept.keys()) {
        if (kept.size <= max) break;
        kept.delete(oldest);
      }
      return { ...bill, billId };
    },
    get: (billId: string): Bill | undefined => kept.get(billId),
    clear: (): void => kept.clear(),
  };
}

export type KeptBills = ReturnType<typeof createKeptBills>;

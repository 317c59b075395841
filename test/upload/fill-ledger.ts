// Fills a ledger file with `count` real settlements (and a reversal every `reverseEvery`) in one go.
import { openLedger, type Ledger } from '../../electron/ledger';
import { PATIENTS, commitReal } from './fixtures';

export function fillLedger(ledger: Ledger, count: number, options: { reverseEvery?: number; tick?: () => void } = {}): string[] {
  const people = Object.values(PATIENTS);
  const ids: string[] = [];
  ledger.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      options.tick?.();
      const id = commitReal(ledger, people[i % people.length]!, { lines: [['A', `${100 + (i % 500)}.00`, '1'], ['B', '35.50', '2'], ['C', '20.00', '1']] });
      ids.push(id);
      if (options.reverseEvery && i % options.reverseEvery === options.reverseEvery - 1) {
        const r = ledger.reverseSettlement(id, { supervisorId: 'supervisor', reason: '测试冲销' });
        if (!r.ok) throw new Error(r.error.message);
        ids.push(r.value.settlementId);
      }
    }
  })();
  return ids;
}

export function openFilledLedger(path: string, count: number, options: { reverseEvery?: number; now?: () => Date } = {}) {
  const ledger = openLedger({ path, ...(options.now ? { now: options.now } : {}) });
  ledger.ensureDemoOperators();
  return { ledger, ids: fillLedger(ledger, count, options) };
}

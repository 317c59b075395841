// Fills a ledger file with `count` real settlements (and a reversal every `reverseEvery`).
import { openLedger, type Ledger } from '../../electron/ledger';
import { PATIENTS, commitReal } from '../../tools/fixtures';

export async function fillLedger(ledger: Ledger, count: number, options: { reverseEvery?: number; tick?: () => void } = {}): Promise<string[]> {
  const people = Object.values(PATIENTS);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    options.tick?.();
    const id = await commitReal(ledger, people[i % people.length]!, {
      lines: [
        ['A', `${100 + (i % 500)}.00`, '1'],
        ['B', '35.50', '2'],
        ['C', '20.00', '1'],
      ],
    });
    ids.push(id);
    if (options.reverseEvery && i % options.reverseEvery === options.reverseEvery - 1) {
      const r = await ledger.reverseSettlement(id, { supervisorId: 'supervisor', reason: '测试冲销' });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.settlementId);
    }
  }
  return ids;
}

export async function openFilledLedger(path: string, count: number, options: { reverseEvery?: number; now?: () => Date } = {}) {
  const ledger = await openLedger({ path, bulkFill: true, ...(options.now ? { now: options.now } : {}) });
  await ledger.ensureDemoOperators();
  return { ledger, ids: await fillLedger(ledger, count, options) };
}

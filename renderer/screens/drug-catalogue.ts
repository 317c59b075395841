import { useEffect, useState } from 'react';
import type { OpOutput } from '../../shared/contract';
import { call } from '../api';

export type DrugLine = OpOutput<'bill.import'>['lines'][number];

/**
 * The drugs the counter can sell, by code. The contract has no catalogue operation yet, so the
 * catalogue is the union of the pharmacy demo bills' lines (their price, class and ratio).
 */
export function useDrugCatalogue(): { drugs: Map<string, DrugLine>; date: string | null; loading: boolean } {
  const [drugs, setDrugs] = useState<Map<string, DrugLine>>(new Map());
  const [date, setDate] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let alive = true;
    void (async () => {
      const list = await call('bill.demoList', {});
      const found = new Map<string, DrugLine>();
      let billDate: string | null = null;
      for (const demo of list.ok ? list.value.filter((d) => d.visit === 'pharmacy') : []) {
        const bill = await call('bill.import', { demo: demo.name });
        if (!bill.ok) continue;
        billDate ??= bill.value.date ?? null;
        for (const line of bill.value.lines) if (!found.has(line.code)) found.set(line.code, { ...line, qty: '1' });
      }
      if (!alive) return;
      setDrugs(found);
      setDate(billDate);
      setLoading(false);
    })();
    return () => {
      alive = false;
    };
  }, []);
  return { drugs, date, loading };
}

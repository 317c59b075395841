import { useEffect, useState } from 'react';
import type { OpInput, OpOutput } from '../../shared/contract';
import { call } from '../api';

export type CatalogueDrug = OpOutput<'catalogue.lookup'>[number];
export type Prescription = NonNullable<OpInput<'settlement.preview'>['lines'][number]['prescription']>;

/** A line at the counter: a catalogue drug (priced by the backend), or one the cashier confirmed as 丙类 outside the catalogue. */
export type CounterLine =
  { kind: 'catalogue'; drug: CatalogueDrug; qty: string; prescription?: Prescription } | { kind: 'uncatalogued'; code: string; name: string; price: string; qty: string };

export const lineCode = (l: CounterLine) => (l.kind === 'catalogue' ? l.drug.code : l.code);
export const linePrice = (l: CounterLine) => (l.kind === 'catalogue' ? (l.drug.price ?? '0') : l.price);

/** The request lines: code and quantity; price and class are the backend's for catalogue drugs (what is sent for them is not used). */
export function requestLines(lines: readonly CounterLine[]): OpInput<'settlement.preview'>['lines'] {
  return lines.map((l) =>
    l.kind === 'catalogue'
      ? {
          code: l.drug.code,
          name: l.drug.name,
          class: l.drug.class ?? 'C',
          price: l.drug.price ?? '0',
          qty: l.qty,
          ...(l.prescription ? { prescription: l.prescription } : {}),
        }
      : { code: l.code, name: l.name, class: 'C', price: l.price, qty: l.qty, uncatalogued: true },
  );
}

/** A specific drug still waiting for its prescribing hospital and level. */
export const missingPrescription = (l: CounterLine) => l.kind === 'catalogue' && l.drug.specificDrug && !(l.prescription?.hospital.trim() && l.prescription.level);

/** The demo pharmacy bill's date (the demo patients' identities are in force then); null when there is none. */
export function useDemoSaleDate(): string | null {
  const [date, setDate] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    void call('bill.demoList', {}).then((list) => {
      const demo = list.ok ? list.value.find((d) => d.visit === 'pharmacy') : undefined;
      if (alive && demo) setDate(demo.date);
    });
    return () => {
      alive = false;
    };
  }, []);
  return date;
}

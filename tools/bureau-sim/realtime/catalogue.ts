/**
 * The centre's own catalogue classification (national-platform.md §8.4): each code's class
 * (chrgitm_lv 01 甲 / 02 乙 / 03 丙), self-pay ratio and price cap, answered per line in 2204/2301.
 * Seeded from the demo bills and the demo drug catalogue (resources/demo); tests and demos add
 * or change entries through POST /admin/realtime. A code the centre does not list is 丙类 (ours).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SimDb } from '../db';

export interface CatalogueEntry {
  code: string;
  name?: string;
  /** A/B/C as bills write it. */
  class: 'A' | 'B' | 'C';
  selfPayRatio?: string;
  priceCap?: string;
}

export const LEVEL_OF_CLASS = { A: '01', B: '02', C: '03' } as const;
export const CLASS_OF_LEVEL: Readonly<Record<string, 'A' | 'B' | 'C'>> = { '01': 'A', '02': 'B', '03': 'C' };

export interface Classified {
  chrgitm_lv: string;
  selfpay_prop: string;
  pric_uplmt_amt: string | null;
  listed: boolean;
}

// The same three levels up from tools/bureau-sim/realtime/ (source) and dist/electron/bureau-sim/ (bundle).
const DEMO_DIR = fileURLToPath(new URL('../../../resources/demo', import.meta.url));
const CSV_CLASS: Record<string, 'A' | 'B' | 'C'> = { 甲: 'A', 乙: 'B', 丙: 'C' };

function demoEntries(): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  try {
    for (const file of readdirSync(join(DEMO_DIR, 'bills')).filter((f) => f.endsWith('.json'))) {
      const bill = JSON.parse(readFileSync(join(DEMO_DIR, 'bills', file), 'utf8')) as { lines?: Array<Record<string, unknown>> };
      for (const l of bill.lines ?? []) {
        entries.push({
          code: String(l.code),
          name: String(l.name ?? ''),
          class: l.class as 'A' | 'B' | 'C',
          selfPayRatio: l.selfPayRatio as string | undefined,
          priceCap: l.priceCap as string | undefined,
        });
      }
    }
    const [, ...rows] = readFileSync(join(DEMO_DIR, 'catalogue-demo.csv'), 'utf8').trim().split(/\r?\n/);
    for (const row of rows) {
      const [code, name, , , , cls, ratio, cap] = row.split(',');
      if (code && cls && CSV_CLASS[cls]) entries.push({ code, name, class: CSV_CLASS[cls], selfPayRatio: ratio || undefined, priceCap: cap || undefined });
    }
  } catch {
    // A simulator started outside the repository has no demo files: it starts with an empty catalogue.
  }
  return entries;
}

export function seedCatalogue(db: SimDb): void {
  const insert = db.prepare('INSERT OR IGNORE INTO rt_catalogue VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const e of demoEntries()) insert.run(...row(e));
  })();
}

export function setCatalogueEntries(db: SimDb, entries: readonly CatalogueEntry[]): void {
  const upsert = db.prepare('INSERT OR REPLACE INTO rt_catalogue VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const e of entries) upsert.run(...row(e));
  })();
}

function row(e: CatalogueEntry): [string, string | null, string, string, string | null] {
  const prop = e.class === 'A' ? '0' : e.class === 'C' ? '1' : (e.selfPayRatio ?? '0');
  return [e.code, e.name ?? null, LEVEL_OF_CLASS[e.class], prop, e.priceCap ?? null];
}

export function classify(db: SimDb, code: string): Classified {
  const hit = db.prepare('SELECT chrgitm_lv, selfpay_prop, pric_uplmt_amt FROM rt_catalogue WHERE code = ?').get(code) as Omit<Classified, 'listed'> | undefined;
  return hit ? { ...hit, listed: true } : { chrgitm_lv: '03', selfpay_prop: '1', pric_uplmt_amt: null, listed: false };
}

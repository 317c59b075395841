import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { demoBillInfoSchema } from '../../shared/contract';
import { BackendError } from './errors';
import { importJsonBill, type Bill } from './bill-import';

export type DemoBillInfo = z.output<typeof demoBillInfoSchema>;

const regionOf = z.object({ region: z.string() });

/** Demo bills: `resources/demo/bills/<name>.json`, the JSON bill format of bill-import.ts plus a `region`. */
export function createDemoBills(dir: string) {
  function names(): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => basename(f, '.json'));
  }

  function load(name: string): Bill {
    if (!names().includes(name)) throw new BackendError('not-found', `没有名为「${name}」的演示费用单`);
    return importJsonBill(readFileSync(join(dir, `${name}.json`), 'utf8'), `demo:${name}`);
  }

  function list(): DemoBillInfo[] {
    return names().map((name) => {
      const bill = load(name);
      const { region } = regionOf.parse(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')));
      if (!bill.visit || !bill.date || !bill.patient) throw new BackendError('internal', `演示费用单「${name}」缺少就诊类型、日期或患者`);
      return { name, title: bill.title, visit: bill.visit, region, patient: bill.patient, date: bill.date, total: bill.total };
    });
  }

  return { list, load };
}

import { importCsvBill, importJsonBill } from '../bill-import';
import type { Handlers } from './types';

export const billHandlers = {
  'bill.import': (input, { runtime }) => {
    if ('demo' in input) return runtime.bills.keep(runtime.demoBills.load(input.demo));
    return runtime.bills.keep(input.format === 'json' ? importJsonBill(input.content, input.fileName) : importCsvBill(input.content, input.fileName));
  },
  'bill.demoList': (_input, { runtime }) => runtime.demoBills.list(),
} satisfies Partial<Handlers>;

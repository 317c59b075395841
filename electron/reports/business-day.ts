/**
 * The business day of a settlement: its commit day, unless its cashier had already closed that
 * day when it was committed — then the next day, and so on while those days are closed too.
 */
import type { CloseRow } from '../ledger';
import { shiftDay } from '../../shared/time';

export interface BusinessDayInput {
  operatorId: string;
  committedOn: string;
  rowid: number;
}

/** Pure over the closes (the ledger's `dayCloses()`). */
export function businessDayResolver(closes: readonly CloseRow[]): (s: BusinessDayInput) => string {
  const watermark = new Map<string, number>();
  for (const c of closes) watermark.set(`${c.operator_id}|${c.business_day}`, c.last_rowid);
  return (s) => {
    let day = s.committedOn;
    for (let mark = watermark.get(`${s.operatorId}|${day}`); mark !== undefined && s.rowid > mark; mark = watermark.get(`${s.operatorId}|${day}`)) {
      day = shiftDay(day, 1);
    }
    return day;
  };
}

/** Reporting periods as inclusive business-day ranges. */
import { shiftDay } from './business-day';

export interface Period {
  label: string;
  from: string;
  to: string;
}

export function monthPeriod(month: string): Period {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`月份格式错误（应为 YYYY-MM）：${month}`);
  const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
  return { label: `${m[1]}年${Number(m[2])}月`, from: `${month}-01`, to: shiftDay(next, -1) };
}

export function quarterPeriod(quarter: string): Period {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`季度格式错误（应为 YYYY-Qn）：${quarter}`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const from = monthPeriod(`${m[1]}-${String(first).padStart(2, '0')}`).from;
  const to = monthPeriod(`${m[1]}-${String(first + 2).padStart(2, '0')}`).to;
  return { label: `${m[1]}年第${m[2]}季度`, from, to };
}

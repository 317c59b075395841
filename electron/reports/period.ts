/** Reporting periods as inclusive business-day ranges (the ranges are shared/time's, the labels are the reports'). */
import { monthRange, quarterRange } from '../../shared/time';

export interface Period {
  label: string;
  from: string;
  to: string;
}

export function monthPeriod(month: string): Period {
  const range = monthRange(month);
  if (!range) throw new RangeError(`月份格式错误（应为 YYYY-MM）：${month}`);
  return { label: `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`, ...range };
}

export function quarterPeriod(quarter: string): Period {
  const range = quarterRange(quarter);
  if (!range) throw new RangeError(`季度格式错误（应为 YYYY-Qn）：${quarter}`);
  return { label: `${quarter.slice(0, 4)}年第${quarter.slice(6)}季度`, ...range };
}

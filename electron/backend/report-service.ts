/**
 * Report building for the window. Where it runs: on the backend's event loop, after yielding once
 * (setImmediate) so calls already waiting are answered first; the builders are read-only SQL over
 * the ledger (WAL: they never block a commit) and take milliseconds for a terminal's month.
 * Writing an XLSX is exceljs's async file write.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { z } from 'zod';
import type { exportXlsxInputSchema, OpOutput, ReportName } from '../../shared/contract';
import {
  buildCharityReferrals,
  buildDayCloseReport,
  buildJiangmenReports,
  buildMonitoringList,
  buildMonthlyDispatch,
  buildQuarterlySurvey,
  documentView,
  writeReportXlsx,
  type DayCloseReport,
  type ReportDocument,
} from '../reports';
import { localTimestamp } from '../ledger/clock';
import type { Runtime } from './runtime';

export type ReportRequest = z.output<typeof exportXlsxInputSchema>;
type ParamsOf<N extends ReportName> = Extract<ReportRequest, { report: N }>['params'];

export const REPORT_TITLES: Record<ReportName, string> = {
  dayClose: '日结报表',
  monthlyDispatch: '扶贫调度月报',
  quarterlySurvey: '扶贫政策调查季报',
  jiangmen: '江门结算报表',
  monitoringList: '返贫监测名单',
  charityReferrals: '慈善救助转介',
};

const builders: { [N in ReportName]: (runtime: Runtime, params: ParamsOf<N>) => Promise<ReportDocument> } = {
  dayClose: async (runtime, p) => (await buildDayCloseReport({ ledger: runtime.ledger, day: p.day, operatorId: p.operatorId })).document,
  monthlyDispatch: async (runtime, p) => (await buildMonthlyDispatch({ ledger: runtime.ledger, month: p.month, region: p.region })).document,
  quarterlySurvey: async (runtime, p) => (await buildQuarterlySurvey({ ledger: runtime.ledger, quarter: p.quarter, region: p.region })).document,
  jiangmen: async (runtime, p) => (await buildJiangmenReports({ ledger: runtime.ledger, month: p.month })).document,
  monitoringList: async (runtime, p) => (await buildMonitoringList({ ledger: runtime.ledger, year: p.year, region: p.region })).document,
  charityReferrals: async (runtime, p) => (await buildCharityReferrals({ ledger: runtime.ledger, from: p.from, to: p.to, region: p.region })).document,
};

/** Lets the calls already waiting be answered before a report is built. */
export const yieldToLoop = (): Promise<void> => setImmediate();

export async function buildReport(runtime: Runtime, request: ReportRequest): Promise<ReportDocument> {
  await yieldToLoop();
  return (builders[request.report] as (runtime: Runtime, params: unknown) => Promise<ReportDocument>)(runtime, request.params);
}

export async function reportView(runtime: Runtime, request: ReportRequest) {
  return documentView(await buildReport(runtime, request));
}

export function dayCloseView(report: DayCloseReport): OpOutput<'reports.dayClose'> {
  return {
    day: report.day,
    cashiers: report.cashiers.map((c) => ({
      operatorId: c.operatorId,
      operatorName: c.operatorName,
      closed: c.closed,
      settlementCount: c.settlementCount,
      reversalCount: c.reversalCount,
      total: c.totals.total,
      cashTaken: c.cashTaken,
      cashRefunded: c.cashRefunded,
      netCash: c.netCash,
    })),
    document: documentView(report.document),
  };
}

/** `<userDataDir>/reports/<title>-<params>-<local time>.xlsx`. */
export async function exportReport(runtime: Runtime, request: ReportRequest): Promise<{ path: string; fileName: string }> {
  const doc = await buildReport(runtime, request);
  const dir = join(runtime.options.userDataDir, 'reports');
  mkdirSync(dir, { recursive: true });
  const params = Object.values(request.params).map(String).join('-');
  const stamp = localTimestamp(runtime.ledger.now()).slice(0, 19).replace(/[-:T]/g, '');
  const fileName = `${REPORT_TITLES[request.report]}-${params}-${stamp}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
  const path = await writeReportXlsx(doc, join(dir, fileName));
  return { path, fileName };
}

/**
 * Report building for the window. Where it runs: on the backend's event loop, after yielding once
 * (setImmediate) so calls already waiting are answered first; the builders are read-only SQL over
 * the ledger (WAL: they never block a commit) and take milliseconds for a terminal's month.
 * Writing an XLSX is exceljs's async file write.
 */
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
  type ReportRow,
} from '../reports';
import { maskIdNumber } from '../../shared/privacy';
import { localTimestamp } from '../ledger';
import { privateDir, privateFiles } from './private-files';
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

/** Columns holding a person's full ID number: masked on screen, in full only in the exports the insurance office needs. */
const PERSONAL_COLUMNS: ReadonlySet<string> = new Set(['certno']);
export const PERSONAL_DATA_NOTE = '本表含个人信息（完整证件号码），仅供报送医保经办机构，请妥善保管，用后删除；每次导出均记入审计日志。';

const hasPersonalData = (doc: ReportDocument) => doc.tables.some((t) => t.columns.some((c) => PERSONAL_COLUMNS.has(c.key)));

/** The document as the screen shows it: every ID number masked (shared/privacy), whatever its length. */
export function maskedForScreen(doc: ReportDocument): ReportDocument {
  return {
    ...doc,
    tables: doc.tables.map((t) => {
      const personal = t.columns.filter((c) => PERSONAL_COLUMNS.has(c.key)).map((c) => c.key);
      if (personal.length === 0) return t;
      const mask = (row: ReportRow): ReportRow => {
        const masked: ReportRow = { ...row };
        for (const key of personal) {
          const value = row[key];
          if (typeof value === 'string') masked[key] = maskIdNumber(value);
        }
        return masked;
      };
      return { ...t, rows: t.rows.map(mask) };
    }),
  };
}

export async function reportView(runtime: Runtime, request: ReportRequest) {
  return documentView(maskedForScreen(await buildReport(runtime, request)));
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

/** A file name from input: no path separators, no reserved characters, no control characters (CR/LF, NUL...), bounded length. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, '').replace(/[\\/:*?"<>|]/g, '_').replace(/^\.+/, '_').slice(0, 180);
}

/** `<userDataDir>/reports/<title>-<params>-<local time>.xlsx`. */
export async function exportReport(runtime: Runtime, request: ReportRequest, actor?: string): Promise<{ path: string; fileName: string; personalData: boolean }> {
  const built = await buildReport(runtime, request);
  const personalData = hasPersonalData(built);
  const doc = personalData ? { ...built, notes: [...built.notes, PERSONAL_DATA_NOTE] } : built;
  const dir = join(runtime.options.userDataDir, 'reports');
  privateDir(dir);
  const params = Object.values(request.params).map(String).join('-');
  const stamp = localTimestamp(runtime.ledger.now()).slice(0, 19).replace(/[-:T]/g, '');
  const fileName = `${safeFileName(`${personalData ? '含个人信息-' : ''}${REPORT_TITLES[request.report]}-${params}-${stamp}`)}.xlsx`;
  const path = await writeReportXlsx(doc, join(dir, fileName));
  privateFiles(path);
  await runtime.ledger.recordExport({ actor: actor ?? 'system', report: request.report, params: request.params, fileName, personalData });
  return { path, fileName, personalData };
}

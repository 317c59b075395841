/**
 * Report building for the window. The day close (one cashier's day) runs on the backend's event
 * loop after yielding once (setImmediate); the long reports (months, quarters, a year) run on a
 * worker thread (`runJob`), so a settlement commits while they are built. Writing an XLSX is
 * exceljs's async file write.
 */
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { z } from 'zod';
import { REGIONAL_REPORT_NAMES, type exportXlsxInputSchema, type OpOutput, type ReportName } from '../../shared/contract';
import type { PolicyLibrary, RegionalReportKind } from '../../shared/policy';
import {
  buildDayCloseReport,
  documentView,
  ReportJobError,
  runReportInWorker,
  runReportJob,
  type ReportJob,
  writeReportXlsx,
  type DayCloseReport,
  type ReportDeclaration,
  type ReportDocument,
  type ReportRow,
} from '../reports';
import { maskIdNumber } from '../../shared/privacy';
import { ledgerStamp } from '../../shared/time';
import { BackendError } from './errors';
import { privateDir, privateFiles } from './private-files';
import type { Runtime } from './runtime';

export type ReportRequest = z.output<typeof exportXlsxInputSchema>;
type ParamsOf<N extends ReportName> = Extract<ReportRequest, { report: N }>['params'];

/** The titles of the reports every terminal has; a regional report's title is its policy file's. */
export const REPORT_TITLES: Record<Exclude<ReportName, RegionalReportName>, string> = {
  dayClose: '日结报表',
  monthlyDispatch: '扶贫调度月报',
  quarterlySurvey: '扶贫政策调查季报',
};

type RegionalReportName = (typeof REGIONAL_REPORT_NAMES)[number];
const KIND_OF: Record<RegionalReportName, RegionalReportKind> = {
  povertyFund: 'poverty-fund',
  monitoringList: 'monitoring',
  charityReferrals: 'charity-referrals',
};
const isRegional = (report: ReportName): report is RegionalReportName => (REGIONAL_REPORT_NAMES as readonly string[]).includes(report);

/** Every regional report the policy files declare, by the op that builds it. */
export function regionalReports(library: PolicyLibrary): OpOutput<'reports.regional'> {
  return REGIONAL_REPORT_NAMES.flatMap((report) =>
    library.reportsOf(KIND_OF[report]).map(({ region, report: declared }) => ({ report, region: region.region, regionName: region.name, title: declared.title })),
  );
}

/**
 * The declaration a regional report is built from: the named region's, else the terminal's own
 * region's, else the first region that declares the kind.
 */
export function declaredReport(runtime: Pick<Runtime, 'library' | 'settings'>, report: RegionalReportName, region?: string): ReportDeclaration {
  const declared = runtime.library.reportsOf(KIND_OF[report]);
  const pick = region ? declared.find((d) => d.region.region === region) : (declared.find((d) => d.region.region === runtime.settings.region) ?? declared[0]);
  if (!pick) {
    throw new BackendError('report-not-declared', region ? `统筹区 ${region} 的政策文件没有声明这张报表` : '没有统筹区的政策文件声明这张报表');
  }
  return { region: pick.region.region, regionName: pick.region.name, title: pick.report.title, columns: pick.report.columns };
}

/**
 * Long reports run on a worker thread over their own read-only connection when the ledger is a
 * SQLite file (its driver blocks the thread it runs on); over PostgreSQL (an async driver) in-thread.
 */
async function runJob(runtime: Runtime, job: ReportJob): Promise<ReportDocument> {
  const path = runtime.ledger.path;
  if (!path || runtime.options.reportsInThread) return runReportJob(runtime.ledger, job);
  try {
    return await runReportInWorker({ path, nativeBinding: runtime.options.nativeBinding, terminalId: runtime.ledger.terminalId }, job, (stage) =>
      runtime.logger.info(`report ${job.report}: ${stage}`),
    );
  } catch (error) {
    if (error instanceof ReportJobError) throw new BackendError(error.code, error.message);
    throw error;
  }
}

const builders: { [N in ReportName]: (runtime: Runtime, params: ParamsOf<N>) => Promise<ReportDocument> } = {
  dayClose: async (runtime, p) => (await buildDayCloseReport({ ledger: runtime.ledger, day: p.day, operatorId: p.operatorId })).document,
  monthlyDispatch: (runtime, p) => runJob(runtime, { report: 'monthlyDispatch', params: p }),
  quarterlySurvey: (runtime, p) => runJob(runtime, { report: 'quarterlySurvey', params: p }),
  povertyFund: (runtime, p) => runJob(runtime, { report: 'povertyFund', params: { month: p.month }, declaration: declaredReport(runtime, 'povertyFund', p.region) }),
  monitoringList: (runtime, p) =>
    runJob(runtime, { report: 'monitoringList', params: { year: p.year }, declaration: declaredReport(runtime, 'monitoringList', p.region) }),
  charityReferrals: (runtime, p) =>
    runJob(runtime, { report: 'charityReferrals', params: { from: p.from, to: p.to }, declaration: declaredReport(runtime, 'charityReferrals', p.region) }),
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
    auditHead: report.auditHead,
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
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

export function safeFileName(name: string): string {
  return name
    .replace(UNSAFE_IN_FILE_NAME, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 180);
}

/** `<userDataDir>/reports/<title>-<params>-<local time>.xlsx`. */
export async function exportReport(runtime: Runtime, request: ReportRequest, actor?: string): Promise<{ path: string; fileName: string; personalData: boolean }> {
  const built = await buildReport(runtime, request);
  const personalData = hasPersonalData(built);
  const doc = personalData ? { ...built, notes: [...built.notes, PERSONAL_DATA_NOTE] } : built;
  const dir = join(runtime.options.userDataDir, 'reports');
  privateDir(dir);
  const params = Object.values(request.params).map(String).join('-');
  const stamp = ledgerStamp(runtime.ledger.now()).slice(0, 19).replace(/[-:T]/g, '');
  const fileName = `${safeFileName(`${personalData ? '含个人信息-' : ''}${isRegional(request.report) ? built.title : REPORT_TITLES[request.report]}-${params}-${stamp}`)}.xlsx`;
  const path = await writeReportXlsx(doc, join(dir, fileName));
  privateFiles(path);
  await runtime.ledger.recordExport({ actor: actor ?? 'system', report: request.report, params: request.params, fileName, personalData });
  return { path, fileName, personalData };
}

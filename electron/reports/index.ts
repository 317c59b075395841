export { closeDay, buildDayCloseReport, type CashierDay, type CloseDayArgs, type DayCloseQuery, type DayCloseReport } from './day-close';
export { buildMonthlyDispatch, buildQuarterlySurvey, type PovertyReturn, type PovertyReturnQuery } from './poverty-returns';
export type { GroupFigures, PovertyFigures, IdentityKey } from './poverty-figures';
export { buildPovertyFundReport, type PovertyFundReport } from './poverty-fund';
export { buildMonitoringList, buildCharityReferrals, type MonitoringEntry, type CharityReferral } from './flagged-people';
export { writeReportXlsx, buildReportWorkbook } from './xlsx';
export { businessDayResolver } from './business-day';
export { monthPeriod, quarterPeriod, type Period } from './period';
export {
  declaredColumns,
  type ReportDeclaration,
  type ReportDocument,
  type ReportTable,
  type ReportColumn,
  type ReportRow,
  type ReportCell,
  type ColumnKind,
} from './document';
export { documentView, displayCell, type ReportDocumentView } from './view';
export { runReportJob, type ReportJob, type ReportJobLedger } from './job';
export { runReportInWorker, ReportJobError } from './run-in-worker';

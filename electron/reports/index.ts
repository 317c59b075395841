export { closeDay, buildDayCloseReport, type CashierDay, type CloseDayArgs, type DayCloseQuery, type DayCloseReport } from './day-close';
export { buildMonthlyDispatch, buildQuarterlySurvey, type PovertyReturn, type PovertyReturnQuery } from './poverty-returns';
export type { GroupFigures, PovertyFigures, IdentityKey } from './poverty-figures';
export { buildJiangmenReports, type JiangmenReports } from './jiangmen';
export { buildMonitoringList, buildCharityReferrals, type MonitoringEntry, type CharityReferral } from './flagged-people';
export { writeReportXlsx, buildReportWorkbook } from './xlsx';
export { businessDayResolver, shiftDay } from './business-day';
export { monthPeriod, quarterPeriod, type Period } from './period';
export type { ReportDocument, ReportTable, ReportColumn, ReportRow, ReportCell, ColumnKind } from './document';

/**
 * A long report as data, so it can run where the window's thread is not: in a worker over its
 * own read-only connection (run-in-worker.ts), or in-thread over the ledger when there is no
 * file to open (a PostgreSQL ledger, whose driver does not block the thread anyway).
 */
import type { Ledger } from '../ledger';
import type { ReportDeclaration, ReportDocument } from './document';
import { buildCharityReferrals, buildMonitoringList } from './flagged-people';
import { buildPovertyFundReport } from './poverty-fund';
import { buildMonthlyDispatch, buildQuarterlySurvey } from './poverty-returns';

export type ReportJob =
  | { report: 'monthlyDispatch'; params: { month: string; region?: string } }
  | { report: 'quarterlySurvey'; params: { quarter: string; region?: string } }
  | { report: 'povertyFund'; params: { month: string }; declaration: ReportDeclaration }
  | { report: 'monitoringList'; params: { year: number }; declaration: ReportDeclaration }
  | { report: 'charityReferrals'; params: { from: string; to: string }; declaration: ReportDeclaration };

export type ReportJobLedger = Pick<Ledger, 'reportRows' | 'dayCloses' | 'pendingReview' | 'terminalId'>;

export async function runReportJob(ledger: ReportJobLedger, job: ReportJob): Promise<ReportDocument> {
  switch (job.report) {
    case 'monthlyDispatch':
      return (await buildMonthlyDispatch({ ledger, ...job.params })).document;
    case 'quarterlySurvey':
      return (await buildQuarterlySurvey({ ledger, ...job.params })).document;
    case 'povertyFund':
      return (await buildPovertyFundReport({ ledger, month: job.params.month, declaration: job.declaration })).document;
    case 'monitoringList':
      return (await buildMonitoringList({ ledger, year: job.params.year, declaration: job.declaration })).document;
    case 'charityReferrals':
      return (await buildCharityReferrals({ ledger, ...job.params, declaration: job.declaration })).document;
  }
}

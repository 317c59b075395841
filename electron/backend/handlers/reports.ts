import { buildDayCloseReport, closeDay } from '../../reports';
import { businessDate } from '../../../shared/time';
import { BackendError, unwrap } from '../errors';
import { dayCloseView, exportReport, regionalReports, reportView, yieldToLoop } from '../report-service';
import { requireSession } from '../session';
import type { Handlers } from './types';

export const reportHandlers = {
  'reports.closeDay': async ({ day, operatorId }, { runtime, session }) => {
    const me = requireSession(session).operator;
    const cashier = operatorId ?? me.id;
    if (cashier !== me.id && me.role !== 'supervisor') throw new BackendError('forbidden', '只能对自己的营业日日结；代他人日结须由主管操作');
    const report = unwrap(await closeDay({ ledger: runtime.ledger, day: day ?? businessDate(runtime.ledger.now()), operatorId: cashier, closedBy: me.id }));
    runtime.logger.info(`day close ${cashier}@${report.day} by ${me.id}`);
    return dayCloseView(report);
  },
  'reports.dayClose': async ({ day, operatorId }, { runtime }) => {
    await yieldToLoop();
    return dayCloseView(await buildDayCloseReport({ ledger: runtime.ledger, day, operatorId }));
  },
  'reports.monthlyDispatch': (params, { runtime }) => reportView(runtime, { report: 'monthlyDispatch', params }),
  'reports.quarterlySurvey': (params, { runtime }) => reportView(runtime, { report: 'quarterlySurvey', params }),
  'reports.regional': async (_input, { runtime }) => regionalReports(runtime.library),
  'reports.povertyFund': (params, { runtime }) => reportView(runtime, { report: 'povertyFund', params }),
  'reports.monitoringList': (params, { runtime }) => reportView(runtime, { report: 'monitoringList', params }),
  'reports.charityReferrals': (params, { runtime }) => reportView(runtime, { report: 'charityReferrals', params }),
  'reports.exportXlsx': (request, { runtime, session }) => exportReport(runtime, request, session?.operator.id),
} satisfies Partial<Handlers>;

/**
 * The contract's operation names as plain data, so the preload can check them without bundling
 * the schemas. `contract` in index.ts must have exactly these keys (checked by `satisfies`).
 */
export const OP_NAME_LIST = [
  'auth.login',
  'auth.logout',
  'auth.changePassword',
  'auth.session',
  'settings.get',
  'settings.update',
  'settings.testReader',
  'settings.testBureau',
  'card.read',
  'card.fromTypedId',
  'card.fromEVoucher',
  'card.simulator',
  'card.simulatorInsert',
  'eligibility.resolve',
  'bill.import',
  'bill.demoList',
  'settlement.preview',
  'settlement.commit',
  'settlement.reverse',
  'settlement.reprint',
  'settlement.list',
  'settlement.get',
  'settlement.recordReview',
  'settlement.attempt',
  'settlement.receipt',
  'receipt.preview',
  'outbox.status',
  'roster.import',
  'roster.versions',
  'roster.importProgress',
  'status.get',
  'catalogue.lookup',
  'catalogue.import',
  'catalogue.versions',
  'catalogue.importProgress',
  'upload.now',
  'upload.progress',
  'upload.rejected',
  'upload.requeue',
  'reconcile.day',
  'reports.closeDay',
  'reports.dayClose',
  'reports.monthlyDispatch',
  'reports.quarterlySurvey',
  'reports.jiangmen',
  'reports.monitoringList',
  'reports.charityReferrals',
  'reports.exportXlsx',
] as const;

export type OpName = (typeof OP_NAME_LIST)[number];

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && (OP_NAME_LIST as readonly string[]).includes(name);
}

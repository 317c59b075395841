/** Codes and constants of the bureau contract (docs: shared/spec/bureau.md). */
import type { AmountField, Visit } from '../../shared/engine';

export const BUREAU_PATH = '/fsi/api/rsfComIfsService/callService';

export const INFNO = {
  signIn: '9001',
  signOut: '9002',
  settlementQuery: '5203',
  personInfo: '1101',
  accumulators: '5206',
  uploadSettlements: '4101',
  reversal: '2601',
  reconcile: '3201',
  reconcileDetail: '3202',
  fileUpload: '9101',
  fileDownload: '9102',
  dictionary: '1901',
} as const;
export type Infno = (typeof INFNO)[keyof typeof INFNO];

/** Safe to send again after a transport fault (4101 because the centre is idempotent on setl_id; a file sent twice is two files). */
export const RETRYABLE_INFNOS: ReadonlySet<string> = new Set([
  INFNO.personInfo,
  INFNO.settlementQuery,
  INFNO.accumulators,
  INFNO.reconcile,
  INFNO.reconcileDetail,
  INFNO.fileUpload,
  INFNO.fileDownload,
  INFNO.dictionary,
  INFNO.uploadSettlements,
]);

export const MAX_UPLOAD_BATCH = 500;

export const MED_TYPE: Record<Visit, string> = {
  inpatient: '21',
  'chronic-outpatient': '14',
  outpatient: '11',
  pharmacy: '41',
};

export const CLR_TYPE: Record<Visit, string> = {
  inpatient: '21',
  'chronic-outpatient': '11',
  outpatient: '11',
  pharmacy: '41',
};

export const INSUTYPE = { resident: '390', employee: '310' } as const;

/** setldetail fund_pay_type rows, with the engine amounts each one carries. */
export const FUND_PAY_TYPES: ReadonlyArray<{ code: string; name: string; from: readonly AmountField[] }> = [
  { code: '390100', name: '城乡居民基本医疗保险基金', from: ['basic'] },
  { code: '390200', name: '城乡居民大病医疗保险', from: ['catastrophic'] },
  { code: '610100', name: '医疗救助基金', from: ['assistance'] },
  { code: '999109', name: '农村低收入人口补充保险', from: ['supplementary'] },
  { code: '610104', name: '精准脱贫资金', from: ['povertyFund'] },
  { code: '999996', name: '医院负担', from: ['hospitalShare', 'discount'] },
];

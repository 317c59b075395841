export { admissionContextSchema, type AdmissionContext } from './admission';
export { BureauClient, type Accumulators, type Operator, type ReconcileOutcome, type Reply, type UploadReport } from './client';
export type { BureauError, Result } from './errors';
export { DEMO_NIGHTLY_OPERATOR, bureauSiteConfigSchema, type BureauSiteConfig, type BureauSiteConfigInput } from './site-config';
export { BUREAU_PATH, CLR_TYPE, FUND_PAY_TYPES, INFNO, INSUTYPE, MAX_UPLOAD_BATCH, MED_TYPE } from './protocol';
export { ACCUMULATOR_LABELS, readCumInfo, spellingFor, type CumReading, type CumSpelling } from './cum-codes';
export { loadCumCodes } from './cum-codes-file';
export {
  SETLINFO_AMOUNT_FIELDS,
  cumQueryInputSchema,
  personQueryInputSchema,
  reconcileInputSchema,
  requestEnvelopeSchema,
  reversalInputSchema,
  settlementListInputSchema,
  settlementQueryInputSchema,
  signInInputSchema,
  signOutInputSchema,
  type ParsedSettlementList,
  type PersonInfo,
  type PersonQueryData,
  type ReconcileData,
  type SetlinfoAmountField,
} from './schemas';
export { LIST_FUND_CODES, buildSettlementList, listAmounts, type SettlementListInput } from './settlement-list';
export { setldetailAmounts, setlinfoAmounts, type EngineAmounts } from './setlinfo';
export { JsonSyntaxError, parseJsonKeepingNumbers } from './exact-json';
export { tifSignature } from './gateway';
export { sm2VerifyBase64, sm4DecryptBase64 } from './sm-envelope';

export { infnoOfPath } from './service-paths';
export { bureauError, err, ok } from './errors';
export { bureauAmount, code, reversalOutputSchema, settlementQueryOutputSchema } from './schemas';
export { fileDownloadInputSchema, fileUploadInputSchema, reconcileDetailInputSchema, type ReconcileDetailData } from './schemas';
export { EC_QUERY_FSI_PATH, EC_QUERY_PATH, ecQueryRequestSchema, type EVoucherHolder, type EcQueryRequest } from './e-voucher';
export { DETAIL_FILE_NAME, RESULT_FILE_NAME, parseDetailFile, resultFileText, type DetailLine, type ResultRow } from './detail-file';
export { unzipFirst, zipOne } from './zip';
export { dictionaryInputSchema } from './schemas';

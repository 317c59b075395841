export * from './schema';
export { settle, computeSettlement, SettlementInvariantError } from './settle';
export { lineAmount } from './bill';
export { FLAG_LABELS, BILL_SUM_LABELS, PAYER_LABELS, AMOUNT_LABELS, type BillSumField, type PayerField } from './labels';
export { CONDITION_LABELS, IDENTITY_LABELS, VISIT_LABELS } from './labels';
export { nationalAmountsSchema, type NationalAmounts, type SettleMode } from './national';

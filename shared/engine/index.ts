export * from './schema';
export { settle, computeSettlement, SettlementInvariantError } from './settle';
export { lineAmount } from './bill';
export * from './trace-schema';
export { nationalAmountsSchema, type NationalAmounts, type SettleMode } from './national';

export * from './schema';
export { settle, computeSettlement, SettlementInvariantError } from './settle';
export { lineAmount } from './bill';

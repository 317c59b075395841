import type { AmountField, FlagField } from '../../shared/engine';

/** Where each engine amount lives in `settlements` (integer fen). */
export const AMOUNT_COLUMNS: Readonly<Record<AmountField, string>> = {
  total: 'total_fen',
  ownpay: 'ownpay_fen',
  overlimit: 'overlimit_fen',
  preselfpay: 'preselfpay_fen',
  inscope: 'inscope_fen',
  basic: 'basic_fen',
  catastrophic: 'catastrophic_fen',
  assistance: 'assistance_fen',
  supplementary: 'supplementary_fen',
  povertyFund: 'poverty_fund_fen',
  hospitalShare: 'hospital_share_fen',
  discount: 'discount_fen',
  patientCash: 'patient_cash_fen',
};

/** Amounts the ledger keeps beside the engine's: 个人自费, the advanced assistance, copay1 and what counts toward 大病 (migration 14). */
export const DERIVED_AMOUNT_COLUMNS = {
  selfPaid: 'self_paid_fen',
  assistanceAdvanced: 'assistance_advanced_fen',
  copay1: 'copay1_fen',
  catastrophicBase: 'catastrophic_base_fen',
} as const;

export const FLAG_COLUMNS: Readonly<Record<FlagField, string>> = {
  reviewRequired: 'review_required',
  monitoringAlert: 'monitoring_alert',
  charityReferral: 'charity_referral',
  deferredPayment: 'deferred_payment',
};

/** Every money column of a settlement row, the ones a reversal negates. */
export const ALL_AMOUNT_COLUMNS: readonly string[] = [...Object.values(AMOUNT_COLUMNS), ...Object.values(DERIVED_AMOUNT_COLUMNS)];

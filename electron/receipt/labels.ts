import { BILL_SUM_LABELS, PAYER_LABELS, type PayerField } from '../../shared/labels';
import type { AmountField } from '../../shared/engine';

/** The app's terms (shared/labels: the window says the same); below only the receipt's layout of them. */
export { FLAG_LABELS, PAYER_LABELS, STATUS_LABELS, REFERRAL_LABELS, INSURANCE_LABELS, HOSPITAL_LEVEL_LABELS } from '../../shared/labels';

/** The payers printed on the receipt, in the order the layers pay; `always` rows show even at 0.00. */
export const PAYMENT_LABELS: ReadonlyArray<{ field: PayerField; label: string; always: boolean }> = (
  [
    ['basic', true],
    ['catastrophic', true],
    ['assistance', true],
    ['supplementary', false],
    ['povertyFund', false],
    ['hospitalShare', true],
    ['discount', false],
  ] as const
).map(([field, always]) => ({ field, label: PAYER_LABELS[field], always }));

/** The bill analysis of rule book §3. */
export const ANALYSIS_LABELS: ReadonlyArray<{ field: AmountField; label: string }> = (['ownpay', 'overlimit', 'preselfpay', 'inscope'] as const).map((field) => ({
  field,
  label: BILL_SUM_LABELS[field],
}));

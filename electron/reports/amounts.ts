/** Sums of settlement amounts in integer fen, and their ratios (labels: shared/engine/labels). */
import { PAYER_LABELS } from '../../shared/labels';
import { AMOUNT_FIELDS, type AmountField } from '../../shared/engine';
import { FUND_PAY_TYPES } from '../bureau';
import { dec, formatMoney, fromFen } from '../../shared/money';

export type FenTotals = Record<AmountField, number>;

/** The payers of rule book §1, in the order they pay. */
export const LAYER_FIELDS = ['basic', 'catastrophic', 'assistance', 'supplementary', 'povertyFund', 'hospitalShare', 'discount', 'patientCash'] as const;

export const zeroTotals = (): FenTotals => Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, 0])) as FenTotals;

export function addTotals(into: FenTotals, row: Partial<Record<AmountField, number>>): FenTotals {
  for (const f of AMOUNT_FIELDS) into[f] += row[f] ?? 0;
  return into;
}

export const money = (fen: number): string => formatMoney(fromFen(fen));

export function moneyTotals(t: FenTotals): Record<AmountField, string> {
  return Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, money(t[f])])) as Record<AmountField, string>;
}

/**
 * Per fund (setldetail fund_pay_type), from the engine amounts. 药店让利 is borne by the pharmacy, not
 * the hospital: it is its own row here as in every other report, never inside 医院负担.
 */
export function fundTotals(t: FenTotals): Array<{ code: string; name: string; amount: string }> {
  const funds = FUND_PAY_TYPES.map((f) => ({
    code: f.code,
    name: f.name,
    amount: money(f.from.filter((field) => field !== 'discount').reduce((s, field) => s + t[field], 0)),
  }));
  return [...funds, { code: '—', name: PAYER_LABELS.discount, amount: money(t.discount) }];
}

/** numerator / denominator to 4 decimals, "0.0000" when the denominator is 0. */
export function ratio(numeratorFen: number, denominatorFen: number): string {
  if (denominatorFen === 0) return '0.0000';
  return dec(numeratorFen).dividedBy(denominatorFen).toDecimalPlaces(4).toFixed(4);
}

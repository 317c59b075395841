import { z } from 'zod';
import { type Decimal, ZERO, dec, min } from '../money';
import type { ClassifiedBill } from './bill';
import { decimalString } from './schema';
import type { TraceStep } from './trace-schema';
import { money, note, step } from './trace';

/**
 * How the engine settles (rule book §4.6):
 * - `local` (default): all four layers by the engine.
 * - `national-only`: the three national layers only, without regional measures — what the
 *   centre computes in real-time settlement, and the cross-check OneBill shows beside it.
 * - `national-given`: the centre's three amounts (hifp_pay, hifmi_pay, maf_pay) taken as given,
 *   the regional fourth layer computed on top.
 */
export const nationalAmountsSchema = z.object({
  basic: decimalString('医保中心基本医保支付', 2),
  catastrophic: decimalString('医保中心大病保险支付', 2),
  assistance: decimalString('医保中心医疗救助支付', 2),
});
export type NationalAmounts = z.output<typeof nationalAmountsSchema>;

export type SettleMode = { kind: 'local' } | { kind: 'national-only' } | { kind: 'national-given'; amounts: z.input<typeof nationalAmountsSchema> };

export interface GivenLayers {
  basic: Decimal;
  catastrophic: Decimal;
  assistance: Decimal;
  /** 政策范围内个人自付 after the centre's payments, as the fourth layer sees it (never negative). */
  copay3: Decimal;
  /** What the centre paid beyond the bill's in-scope part after regional removals (see `relieve`). */
  excess: Decimal;
  trace: TraceStep[];
}

const LAYERS = ['basic', 'catastrophic', 'assistance'] as const;
/** The centre's field each amount comes from (national-platform.md, 2304/2207 setlinfo). */
const FIELDS = { basic: 'hifp_pay', catastrophic: 'hifmi_pay', assistance: 'maf_pay' } as const;

/** §4.6: the three national layers as the centre settled them. */
export function givenLayers(bill: ClassifiedBill, amounts: NationalAmounts): GivenLayers {
  const paid = { basic: dec(amounts.basic), catastrophic: dec(amounts.catastrophic), assistance: dec(amounts.assistance) };
  const national = paid.basic.plus(paid.catastrophic).plus(paid.assistance);
  const inScope = bill.preselfpay.plus(bill.inscope);
  const copay3 = national.greaterThan(inScope) ? ZERO : inScope.minus(national);
  const excess = national.greaterThan(inScope) ? national.minus(inScope) : ZERO;
  const trace = LAYERS.map((layer) =>
    step({
      step: `${layer}.centre`,
      layer,
      applies: paid[layer].greaterThan(0),
      data: { field: FIELDS[layer] },
      amount: paid[layer],
      notes: layer === 'assistance' && excess.greaterThan(0) ? [note('centre.excess', { excess: money(excess) })] : [],
    }),
  );
  return { ...paid, copay3, excess, trace };
}

/** The payer terms `relieve` may lower, in order: who bears a line the centre nevertheless paid. */
const RELIEF_ORDER = ['hospitalShare', 'discount', 'patientCash', 'povertyFund', 'supplementary'] as const;
type Relievable = (typeof RELIEF_ORDER)[number];

/**
 * The centre paid on lines the region took off the bill (waived fees, over-treatment, specific
 * drugs, the pharmacy discount or the purchase-price difference): that money relieves first the
 * hospital, then the pharmacy, then the patient, then the regional funds, so §1 still holds.
 * Returns what could not be placed (the centre paid more than the bill: the caller refuses it).
 */
export function relieve(amounts: Record<Relievable, Decimal>, excess: Decimal): Decimal {
  let left = excess;
  for (const field of RELIEF_ORDER) {
    if (left.isZero()) break;
    const cut = min(amounts[field], left);
    amounts[field] = amounts[field].minus(cut);
    left = left.minus(cut);
  }
  return left;
}

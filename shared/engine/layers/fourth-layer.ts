import { type Decimal, ZERO, dec, roundFen } from '../../money';
import type { ClassifiedBill } from '../bill';
import type { SettleContext } from '../context';
import type { SupplementaryInsuranceParams } from '../../policy';
import type { RegionalPlan } from '../regional-plan';
import type { TraceNote, TraceStep } from '../trace-schema';
import { money, note, notApplicable, step, traceParam } from '../trace';

export interface FourthLayerOutcome {
  supplementary: Decimal;
  povertyFund: Decimal;
  /** The hospital's part of the 80/20 split of self-paid costs (waived lines are counted elsewhere). */
  hospitalSplit: Decimal;
  reviewRequired: boolean;
  /** True where the assistance payment is advanced by the poverty fund. */
  assistanceAdvanced: boolean;
  trace: TraceStep;
}

const NONE: Omit<FourthLayerOutcome, 'trace'> = {
  supplementary: ZERO,
  povertyFund: ZERO,
  hospitalSplit: ZERO,
  reviewRequired: false,
  assistanceAdvanced: false,
};

/** §4.4 the regional fourth layer: the block of the version in force that applies to this bill. */
export function settleFourthLayer(ctx: SettleContext, plan: RegionalPlan, bill: ClassifiedBill, copay3: Decimal): FourthLayerOutcome {
  if (plan.supplementary?.at === 'hospital') return supplementaryOnRemainder(ctx, plan.supplementary.params, bill, copay3);
  if (plan.supplementary?.at === 'pharmacy') return supplementaryOnSpecificDrugs(plan.supplementary.params, bill);
  if (plan.povertyFund) return povertyFund(ctx, plan, plan.povertyFund, bill, copay3);
  return { ...NONE, trace: notApplicable('fourth.notApplicable', 'fourth-layer', ctx.params.fourthLayer ? 'not-qualified' : 'not-in-version') };
}

function supplementaryOnRemainder(ctx: SettleContext, p: SupplementaryInsuranceParams, bill: ClassifiedBill, copay3: Decimal): FourthLayerOutcome {
  const withSelfPaid = ctx.input.hospital.level >= p.selfPaidMinLevel.value;
  const base = withSelfPaid ? copay3.plus(bill.selfPaid) : copay3;
  const supplementary = roundFen(base.times(p.ratio.value));
  const notes = withSelfPaid ? [] : [note('fourth.supplementary.selfPaidLevel', { selfPaid: money(bill.selfPaid), level: ctx.input.hospital.level })];
  return {
    ...NONE,
    supplementary,
    trace: step({
      step: 'fourth.supplementary.remainder',
      layer: 'supplementary',
      applies: true,
      data: { withSelfPaid, copay3: money(copay3), selfPaid: money(bill.selfPaid), ratio: p.ratio.value },
      base,
      amount: supplementary,
      params: [
        traceParam('supplementary.ratio', p.ratio),
        traceParam('supplementary.identities', p.identities),
        traceParam('supplementary.conditions', p.conditions),
        traceParam('supplementary.selfPaidMinLevel', p.selfPaidMinLevel),
      ],
      notes,
    }),
  };
}

function supplementaryOnSpecificDrugs(p: SupplementaryInsuranceParams, bill: ClassifiedBill): FourthLayerOutcome {
  const supplementary = roundFen(bill.specificDrugs.times(p.specificDrugRatio.value));
  return {
    ...NONE,
    supplementary,
    trace: step({
      step: 'fourth.supplementary.specificDrugs',
      layer: 'supplementary',
      applies: bill.specificDrugs.greaterThan(0),
      data: { specificDrugs: money(bill.specificDrugs), ratio: p.specificDrugRatio.value },
      base: bill.specificDrugs,
      amount: supplementary,
      params: [traceParam('supplementary.specificDrugRatio', p.specificDrugRatio), traceParam('supplementary.specificDrugMinLevel', p.specificDrugMinLevel)],
    }),
  };
}

function povertyFund(
  ctx: SettleContext,
  plan: RegionalPlan,
  { params: p, fund }: NonNullable<RegionalPlan['povertyFund']>,
  bill: ClassifiedBill,
  copay3: Decimal,
): FourthLayerOutcome {
  if (!fund) {
    const reason =
      ctx.input.visit === 'pharmacy' && plan.pharmacyDiscount
        ? 'pharmacy-discount-only'
        : p.excludedReferrals.value.includes(ctx.input.hospital.referral)
          ? 'unreferred'
          : 'visit';
    return { ...NONE, trace: notApplicable('fourth.povertyFund.notApplicable', 'poverty-fund', reason) };
  }
  // After an expert review only the part found reasonable is split 80/20; the patient pays the rest.
  const review = ctx.input.review;
  const disallowed = review ? dec(review.disallowed) : ZERO;
  const reasonable = bill.selfPaid.minus(disallowed);
  const selfPaidFund = roundFen(reasonable.times(p.selfPaidFundShare.value));
  const copayFund = roundFen(copay3.times(p.copayShare.value));
  const povertyFund = copayFund.plus(selfPaidFund);
  const hospitalSplit = reasonable.minus(selfPaidFund);
  const reviewBase = ctx.input.visit === 'chronic-outpatient' ? dec(ctx.input.ytd.monthSelfPaid).plus(bill.selfPaid) : bill.selfPaid;
  const overThreshold = reviewBase.greaterThan(p.reviewThreshold.value);
  const reviewRequired = overThreshold && !review;
  const notes: TraceNote[] = [note('fourth.povertyFund.advancesAssistance')];
  if (reviewRequired) notes.push(note('fourth.povertyFund.review', { selfPaid: money(reviewBase), threshold: money(dec(p.reviewThreshold.value)) }));
  if (review) notes.push(note('fourth.povertyFund.reviewed', { disallowed: money(disallowed), reasonable: money(reasonable) }));
  return {
    ...NONE,
    povertyFund,
    hospitalSplit,
    reviewRequired,
    assistanceAdvanced: true,
    trace: step({
      step: 'fourth.povertyFund',
      layer: 'poverty-fund',
      applies: true,
      data: { copayShare: p.copayShare.value, selfPaidFundShare: p.selfPaidFundShare.value, hospitalSplit: money(hospitalSplit) },
      base: copay3.plus(bill.selfPaid),
      amount: povertyFund,
      params: [
        traceParam('povertyFund.copayShare', p.copayShare),
        traceParam('povertyFund.selfPaidFundShare', p.selfPaidFundShare),
        traceParam('povertyFund.reviewThreshold', p.reviewThreshold),
      ],
      limits: [{ key: 'povertyFund.reviewThreshold', value: dec(p.reviewThreshold.value), hit: overThreshold }],
      notes,
    }),
  };
}

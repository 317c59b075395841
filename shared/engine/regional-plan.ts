import type { PharmacyDiscountParams, PovertyFundParams, SupplementaryInsuranceParams } from '../policy';
import { type SettleContext, hasCertificate, holdsAny } from './context';
import type { Identity, SettlementInput } from './schema';

/**
 * Which fourth-layer blocks of the version in force apply to this bill, decided once before the
 * bill is classified because some of them take lines out of the bill or change prices (§4.4).
 */
export interface RegionalPlan {
  /** `hospital`: on the remainder (and out-of-catalogue costs); `pharmacy`: on specific drugs. */
  supplementary: { params: SupplementaryInsuranceParams; at: 'hospital' | 'pharmacy' } | null;
  povertyFund: {
    params: PovertyFundParams;
    /** The fund pays (visit type and referral in order). */
    fund: boolean;
    /** At a hospital (not a pharmacy), referral in order: fees waived and drugs at purchase price. */
    waiver: boolean;
  } | null;
  pharmacyDiscount: { params: PharmacyDiscountParams } | null;
}

export const NO_REGIONAL_PLAN: RegionalPlan = { supplementary: null, povertyFund: null, pharmacyDiscount: null };

function qualifies(input: SettlementInput, block: { identities: { value: Identity[] }; requiresCertificate?: { value: boolean } }): boolean {
  return holdsAny(input, block.identities.value) && (!block.requiresCertificate?.value || hasCertificate(input));
}

function planSupplementary(input: SettlementInput, p: SupplementaryInsuranceParams | null): RegionalPlan['supplementary'] {
  if (!p || !qualifies(input, p) || !input.person.conditions.some((c) => p.conditions.value.includes(c))) return null;
  if (input.visit === 'pharmacy') return { params: p, at: 'pharmacy' };
  return p.visits.value.includes(input.visit) ? { params: p, at: 'hospital' } : null;
}

function planPovertyFund(input: SettlementInput, p: PovertyFundParams | null): RegionalPlan['povertyFund'] {
  if (!p || !qualifies(input, p)) return null;
  const referralOk = !p.excludedReferrals.value.includes(input.hospital.referral);
  return { params: p, fund: referralOk && p.visits.value.includes(input.visit), waiver: referralOk && input.visit !== 'pharmacy' };
}

export function planRegional({ input, params }: SettleContext): RegionalPlan {
  const layer = params.fourthLayer;
  if (!layer) return NO_REGIONAL_PLAN;
  const discount = layer.pharmacyDiscount;
  return {
    supplementary: planSupplementary(input, layer.supplementaryInsurance),
    povertyFund: planPovertyFund(input, layer.povertyFund),
    pharmacyDiscount: discount && input.visit === 'pharmacy' && qualifies(input, discount) ? { params: discount } : null,
  };
}

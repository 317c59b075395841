import type { FourthLayerParams } from '../policy';
import { type SettleContext, hasCertificate, holdsAny } from './context';

type Liaoning = Extract<FourthLayerParams, { kind: 'liaoning-supplementary' }>;
type Jiangmen = Extract<FourthLayerParams, { kind: 'jiangmen-poverty-fund' }>;

/**
 * Which regional (fourth-layer) measures apply to this bill, decided once before the bill is
 * classified because some of them take lines out of the bill or change prices (§4.4).
 */
export type RegionalPlan =
  | { kind: 'none' }
  | { kind: 'liaoning-hospital'; params: Liaoning }
  | { kind: 'liaoning-pharmacy'; params: Liaoning }
  | {
      kind: 'jiangmen';
      params: Jiangmen;
      fund: boolean;
      /** At a hospital (not a pharmacy), referral in order: fees waived and drugs at purchase price. */
      waiver: boolean;
      pharmacyDiscount: boolean;
    };

export function planRegional({ input, params }: SettleContext): RegionalPlan {
  const layer = params.fourthLayer;
  if (!layer) return { kind: 'none' };
  if (layer.kind === 'liaoning-supplementary') {
    const person =
      holdsAny(input, layer.identities.value) && input.person.conditions.some((c) => layer.conditions.value.includes(c));
    if (!person) return { kind: 'none' };
    if (input.visit === 'pharmacy') return { kind: 'liaoning-pharmacy', params: layer };
    if (layer.visits.value.includes(input.visit)) {
      return { kind: 'liaoning-hospital', params: layer };
    }
    return { kind: 'none' };
  }
  const person = holdsAny(input, layer.identities.value) && hasCertificate(input);
  if (!person) return { kind: 'none' };
  const referralOk = !layer.excludedReferrals.value.includes(input.hospital.referral);
  const atPharmacy = input.visit === 'pharmacy';
  return {
    kind: 'jiangmen',
    params: layer,
    fund: referralOk && layer.visits.value.includes(input.visit),
    waiver: referralOk && !atPharmacy,
    pharmacyDiscount: atPharmacy,
  };
}

import { businessDate } from '../../shared/time';
import { VISITS, REFERRALS, type Visit } from '../../shared/engine';
import { REFERRAL_LABELS, VISIT_LABELS } from '../labels';

export type Referral = (typeof REFERRALS)[number];

/** The hospital's business date (Beijing), whatever zone the PC is set to. */
export function today(): string {
  return businessDate(new Date());
}

export const VISIT_OPTIONS = VISITS.map((v) => ({ value: v, label: VISIT_LABELS[v] }));
export const HOSPITAL_VISIT_OPTIONS = VISIT_OPTIONS.filter((o) => o.value !== 'pharmacy');
export const REFERRAL_OPTIONS = REFERRALS.map((r) => ({ value: r, label: REFERRAL_LABELS[r] ?? r }));
export type { Visit };

import { VISITS, REFERRALS, type Visit } from '../../shared/engine';
import { REFERRAL_LABELS, VISIT_LABELS } from '../labels';

export type Referral = (typeof REFERRALS)[number];

export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const VISIT_OPTIONS = VISITS.map((v) => ({ value: v, label: VISIT_LABELS[v] }));
export const HOSPITAL_VISIT_OPTIONS = VISIT_OPTIONS.filter((o) => o.value !== 'pharmacy');
export const REFERRAL_OPTIONS = REFERRALS.map((r) => ({ value: r, label: REFERRAL_LABELS[r] ?? r }));
export type { Visit };

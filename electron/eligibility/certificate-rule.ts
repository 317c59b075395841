import type { Identity } from '../../shared/engine';
import type { CertificateRule } from './types';

/** The policy library's 就医证 rule of a region (its file's `certificate`) as eligibility uses it. */
export function certificateRuleOf(
  library: { certificateRule(region: string): { identities: { value: readonly Identity[] }; treatment: string } | null },
  region: string,
): CertificateRule | null {
  const rule = library.certificateRule(region);
  return rule ? { identities: rule.identities.value, treatment: rule.treatment } : null;
}

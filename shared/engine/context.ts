import type { InsuranceParams, PolicyVersion } from '../policy';
import type { Identity, SettlementInput } from './schema';

/** What every layer sees: the validated inputs and the parameters of the version in force. */
export interface SettleContext {
  input: SettlementInput;
  version: PolicyVersion;
  params: InsuranceParams;
}

export function holdsAny(input: SettlementInput, identities: readonly Identity[]): boolean {
  return input.person.identities.some((id) => identities.includes(id));
}

export function hasCertificate(input: SettlementInput): boolean {
  return (input.person.certificate ?? '').trim() !== '';
}

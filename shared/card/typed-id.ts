import { checkCitizenId, citizenIdFacts } from './citizen-id';
import { baseIdentity, type CardIdentity } from './identity';
import { ok, type CardResult } from './result';

/** The last resort: an ID number typed by the cashier, refused unless its GB 11643 check digit holds. */
export function identityFromTypedId(input: string): CardResult<CardIdentity> {
  const checked = checkCitizenId(input);
  if (!checked.ok) return checked;
  const certno = checked.value;
  return ok({ ...baseIdentity('typed-id', '02', certno), certno, ...citizenIdFacts(certno) });
}

import { compactDateToIso } from './dates';
import { cardError } from './errors';
import { err, ok, type CardResult } from './result';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** GB 11643 mod-11-2 check character for the first 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates an 18-character citizen ID number (GB 11643): format, birth date, check digit.
 * Accepts surrounding spaces and a lower-case x; returns the normalised number.
 */
export function checkCitizenId(input: string): CardResult<string> {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return err(cardError('certno-format'));
  if (compactDateToIso(id.slice(6, 14)) === null) return err(cardError('certno-birth-date'));
  if (citizenIdCheckChar(id.slice(0, 17)) !== id[17]) return err(cardError('certno-check-digit'));
  return ok(id);
}

/** Facts carried by a valid citizen ID number. */
export function citizenIdFacts(id: string): { region: string; birthDate: string; sex: 'male' | 'female' } {
  return {
    region: id.slice(0, 6),
    birthDate: compactDateToIso(id.slice(6, 14)) ?? '',
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

import { cardError } from './errors';
import { baseIdentity, type CardIdentity } from './identity';
import { err, ok, type CardResult } from './result';

/** 1101 `mdtrt_cert_no` is at most 50 characters on the wire. */
export const E_VOUCHER_MAX_LENGTH = 50;

/**
 * A scanned 医保电子凭证 QR code. The code is opaque here: the bureau resolves it to a person
 * (1101 with `mdtrt_cert_type` '01'), so certno and name stay null until then.
 */
export function identityFromEVoucher(scanned: string): CardResult<CardIdentity> {
  const code = scanned.trim();
  if (code.length === 0 || code.length > E_VOUCHER_MAX_LENGTH || !/^[\x21-\x7e]+$/.test(code)) {
    return err(cardError('evoucher-invalid'));
  }
  return ok(baseIdentity('e-voucher', '01', code));
}

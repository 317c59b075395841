/**
 * Shape C (national-platform.md §4.1): the gateway's four headers. The signature is the lower-case
 * hex SHA-256 of timestamp + token + nonce + timestamp; the body is not signed.
 */
import { createHash, randomBytes } from 'node:crypto';

export function tifSignature(timestamp: string, token: string, nonce: string): string {
  return createHash('sha256').update(`${timestamp}${token}${nonce}${timestamp}`, 'utf8').digest('hex');
}

const NONCE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 32 characters of [A-Za-z0-9], as ZB sends. */
export function tifNonce(): string {
  return [...randomBytes(32)].map((b) => NONCE_CHARS[b % NONCE_CHARS.length]).join('');
}

export function tifHeaders(gateway: { paasid: string; token: string }, now: Date, nonce = tifNonce()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    'x-tif-paasid': gateway.paasid,
    'x-tif-timestamp': timestamp,
    'x-tif-nonce': nonce,
    'x-tif-signature': tifSignature(timestamp, gateway.token, nonce),
  };
}

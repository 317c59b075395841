import type { Result as SharedResult } from '../../shared/result';

/** What went wrong talking to the bureau, told the way the cashier needs to hear it. */
export type BureauErrorCode =
  | 'bureau-timeout'
  | 'bureau-unreachable'
  | 'bureau-connection-dropped'
  | 'bureau-http-error'
  | 'bureau-malformed'
  | 'bureau-invalid-response'
  | 'bureau-rejected'
  | 'bureau-invalid-request'
  /** A settling request (2207/2304) got no answer and could not be reversed yet (real-time settlement). */
  | 'bureau-outcome-unknown'
  /** The gateway or token service refused this terminal's credentials or signature (not retried). */
  | 'bureau-auth-refused';

export interface BureauError {
  code: BureauErrorCode;
  /** Chinese, for the cashier. For `bureau-rejected` this is the bureau's `err_msg`, verbatim. */
  message: string;
  infno?: string;
  /** Every msgid sent for this call, in order (one per attempt). */
  msgids?: string[];
  attempts?: number;
  /** The bureau's infcode when it answered with a failure. */
  infcode?: string;
  /** A transport or parsing fault: the same call may succeed later. */
  transient: boolean;
}

export type Result<T, E = BureauError> = SharedResult<T, E>;

export { ok, err } from '../../shared/result';

const TRANSIENT: ReadonlySet<BureauErrorCode> = new Set<BureauErrorCode>([
  'bureau-timeout',
  'bureau-unreachable',
  'bureau-connection-dropped',
  'bureau-http-error',
  'bureau-malformed',
]);

export function bureauError(code: BureauErrorCode, message: string, extra: Partial<BureauError> = {}): BureauError {
  return { code, message, transient: TRANSIENT.has(code), ...extra };
}

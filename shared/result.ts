/**
 * The house shape for expected failures: `{ ok: true, value } | { ok: false, error }`, the error
 * by default a `Failure` — a stable code and a Chinese message for the cashier. `fail(code,
 * message, details?)` is the one constructor of such a failure; `err(error)` wraps a module's own
 * richer error (the card's CardError, the bureau's BureauError, the engine's EngineError), which
 * still shares this one type.
 */
export interface Ok<T> {
  ok: true;
  value: T;
}

export interface Err<E> {
  ok: false;
  error: E;
}

/** A coded failure, as every operation answers it (the contract's ApiError is this). */
export interface Failure {
  /** Stable, kebab-case (the contract's ERROR_CODES or a module's own code, e.g. 'reader-timeout'). */
  code: string;
  /** Chinese, shown to the cashier. */
  message: string;
  /** Field-level problems (invalid-argument, bill-invalid): path like "lines.3.price" and a Chinese message. */
  details?: Array<{ path: string; message: string }>;
}

export type Result<T, E = Failure> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

/** The coded Chinese failure: `details` only when given, so a failure compares equal to `{ code, message }`. */
export function fail(code: string, message: string, details?: Failure['details']): Err<Failure> {
  return err(details ? { code, message, details } : { code, message });
}

/**
 * The house shape for expected failures: `{ ok: true, value } | { ok: false, error }`, the error
 * by default a stable code and a Chinese message for the cashier. Modules narrow `E` (the card's
 * CardError, the bureau's BureauError, the contract's ApiError) but share this one type.
 */
export interface Ok<T> {
  ok: true;
  value: T;
}

export interface Err<E> {
  ok: false;
  error: E;
}

export type Result<T, E = { code: string; message: string }> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });

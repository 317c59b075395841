/** The error a cashier sees: a stable code for the program, a Chinese message for the person. */
export interface CardError {
  code: string;
  message: string;
}

export type CardResult<T> = { ok: true; value: T } | { ok: false; error: CardError };

export function ok<T>(value: T): CardResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: CardError): CardResult<T> {
  return { ok: false, error };
}

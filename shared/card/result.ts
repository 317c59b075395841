import { err, type Result } from '../result';

export { ok } from '../result';

/** The error a cashier sees: a stable code for the program, a Chinese message for the person. */
export interface CardError {
  code: string;
  message: string;
}

export type CardResult<T> = Result<T, CardError>;

export function fail<T = never>(error: CardError): CardResult<T> {
  return err(error);
}

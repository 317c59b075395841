import type { Failure, Result } from '../result';

export { err, ok } from '../result';

/** The error a cashier sees: a stable code for the program, a Chinese message for the person (cardError builds it). */
export type CardError = Failure;

export type CardResult<T> = Result<T, CardError>;

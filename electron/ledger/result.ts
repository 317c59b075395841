import { err, type Result as SharedResult } from '../../shared/result';

export { ok } from '../../shared/result';

/** The house shape for expected failures: a stable code and a Chinese message for the cashier. */
export interface AppError {
  code: string;
  message: string;
}

export type Result<T> = SharedResult<T, AppError>;

export function fail<T = never>(code: string, message: string): Result<T> {
  return err({ code, message });
}

/** Thrown where a caller cannot go on at all (e.g. opening a database written by a newer app). */
export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** The ledger answers in the house shape (shared/result); `AppError` is its Failure. */
export { ok, fail, type Result, type Failure as AppError } from '../../shared/result';

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

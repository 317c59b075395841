/** Exponential back-off for batch-level failures (bureau down, HTTP 500, dropped connection...). */
export interface BackoffOptions {
  /** Attempts per batch before the run gives up and leaves the batch pending. */
  maxAttempts?: number;
  baseMs?: number;
  maxMs?: number;
}

export function backoffDelays(options: BackoffOptions = {}): { maxAttempts: number; delayMs: (attempt: number) => number } {
  const maxAttempts = options.maxAttempts ?? 5;
  const baseMs = options.baseMs ?? 2_000;
  const maxMs = options.maxMs ?? 60_000;
  return { maxAttempts, delayMs: (attempt) => Math.min(maxMs, baseMs * 2 ** (attempt - 1)) };
}

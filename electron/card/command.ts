import { cardError, err, ok, type CardError, type CardResult } from '../../shared/card';
import { lineTimeMs } from './frame-decoder';
import type { SerialTransport, TransportFailure } from './transport';

/** One try of a reader command: a failure says whether sending the command again is safe and useful. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: CardError; retryable: boolean };

const FAILURE_ERRORS: Record<TransportFailure, { code: Parameters<typeof cardError>[0]; retryable: boolean }> = {
  timeout: { code: 'reader-timeout', retryable: true },
  'bad-frame': { code: 'reader-bad-frame', retryable: true },
  disconnected: { code: 'reader-disconnected', retryable: false },
  'not-open': { code: 'reader-not-connected', retryable: false },
  closed: { code: 'reader-closed', retryable: false },
};

export function transportFailure(failure: TransportFailure, portPath: string): { ok: false; error: CardError; retryable: boolean } {
  const { code, retryable } = FAILURE_ERRORS[failure];
  return { ok: false, error: cardError(code, failure === 'not-open' ? portPath : undefined), retryable };
}

/**
 * Sends a command; when `retry` (its effect does not change the card: status, power on, SELECT,
 * READ RECORD) a lost or corrupted exchange is retried once. The second failure is reported.
 */
export async function retryOnce<T>(retry: boolean, attempt: () => Promise<Attempt<T>>): Promise<CardResult<T>> {
  let result = await attempt();
  if (retry && !result.ok && result.retryable) result = await attempt();
  return result.ok ? ok(result.value) : err(result.error);
}

/** A command's deadline: the reader's thinking time plus the bytes' time on the line both ways. */
export function commandTimeoutMs(base: number, baudRate: number, requestBytes: number, maxResponseBytes: number): number {
  return Math.ceil(base + lineTimeMs(requestBytes + maxResponseBytes, baudRate));
}

/** The common shape of a driver's command: write, wait for an accepted frame, interpret it. */
export async function exchangeFrame<T>(
  transport: SerialTransport,
  request: Buffer,
  options: { timeoutMs: number; accept: (frame: Buffer) => boolean },
  interpret: (frame: Buffer) => Attempt<T>,
): Promise<Attempt<T>> {
  const outcome = await transport.request(request, options);
  return outcome.ok ? interpret(outcome.frame) : transportFailure(outcome.failure, transport.path);
}

/**
 * The settlement attempt whose 结算 was pressed and whose answer has not arrived yet, kept in the
 * window's storage: after a crash or restart the window asks the backend what became of it
 * (settlement.attempt) and offers its receipt instead of letting the cashier settle the visit again.
 */
const KEY = 'onebill.pendingAttempt';

export interface PendingAttempt {
  attemptId: string;
  /** The previewed bill total, to name the attempt to the cashier. */
  total: string;
  at: string;
}

export function newAttemptId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function rememberPendingAttempt(attempt: PendingAttempt): void {
  localStorage.setItem(KEY, JSON.stringify(attempt));
}

export function forgetPendingAttempt(attemptId?: string): void {
  const current = pendingAttempt();
  if (!attemptId || current?.attemptId === attemptId) localStorage.removeItem(KEY);
}

export function pendingAttempt(): PendingAttempt | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as PendingAttempt | null;
    return value && typeof value.attemptId === 'string' ? value : null;
  } catch {
    return null;
  }
}

import type { CardIdentity, CardResult } from '../../shared/card';
import type { SerialTransport } from './transport';

export type CardPresence = 'card' | 'no-card';

/** A reader family's protocol on top of the transport. */
export interface CardDriver {
  /** Is the reader answering, and is a card in it? Cheap enough to poll. */
  probe(): Promise<CardResult<CardPresence>>;
  /** Reads the card once: a whole identity or an error, never part of one. */
  readCard(): Promise<CardResult<CardIdentity>>;
}

export interface DriverContext {
  transport: SerialTransport;
  baudRate: number;
  commandTimeoutMs: number;
  /** Today's date (YYYY-MM-DD) for the expired-card flag. */
  today: () => string;
}

import { EventEmitter } from 'node:events';
import type { BindingInterface } from '@serialport/bindings-interface';
import { businessDate } from '../../shared/time';
import {
  DEFAULT_BAUD,
  ReaderSettingsSchema,
  cardError,
  err,
  type CardError,
  type CardIdentity,
  type CardResult,
  type ReaderSettings,
  type ReaderSettingsInput,
} from '../../shared/card';
import { Acr30Driver } from './acr30/driver';
import { createAcr30Decoder } from './acr30/frame';
import type { CardDriver, DriverContext } from './driver';
import { IdCardDriver } from './idcard/driver';
import { createIdCardDecoder } from './idcard/frame';
import { SerialTransport, type TransportStats } from './transport';

export type ReaderStatus = 'no-reader' | 'ready' | 'card-present' | 'reading' | 'error';

/** What the UI shows about the reader. `error` explains 'no-reader' and 'error'. */
export interface ReaderState {
  status: ReaderStatus;
  error: CardError | null;
  driver: ReaderSettings['driver'];
  path: string;
}

export interface CardReader {
  readonly state: ReaderState;
  readonly stats: TransportStats;
  on(event: 'state', listener: (state: ReaderState) => void): this;
  off(event: 'state', listener: (state: ReaderState) => void): this;
  /** One read; concurrent calls share it. */
  readCard(): Promise<CardResult<CardIdentity>>;
  close(): Promise<void>;
}

export interface OpenReaderOptions {
  /** Overrides the date used for the expired-card flag (tests). */
  today?: () => string;
  /** Overrides the serialport binding (unit tests). */
  binding?: BindingInterface;
  reconnectDelaysMs?: readonly number[];
}

class SerialCardReader extends EventEmitter<{ state: [ReaderState] }> implements CardReader {
  private current: ReaderState;
  private reading: Promise<CardResult<CardIdentity>> | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly settings: ReaderSettings,
    private readonly transport: SerialTransport,
    private readonly driver: CardDriver,
  ) {
    super();
    this.current = { status: 'no-reader', error: cardError('reader-not-connected', settings.path), driver: settings.driver, path: settings.path };
    transport.on('link', (open) => {
      if (open) this.onLinkUp();
      else this.setState('no-reader', cardError('reader-disconnected'));
    });
  }

  get state(): ReaderState {
    return this.current;
  }

  get stats(): TransportStats {
    return this.transport.stats;
  }

  readCard(): Promise<CardResult<CardIdentity>> {
    if (this.reading) return this.reading;
    if (this.closed) return Promise.resolve(err(cardError('reader-closed')));
    if (!this.transport.isOpen) return Promise.resolve(err(cardError('reader-not-connected', this.settings.path)));
    this.setState('reading', null);
    this.reading = this.driver.readCard().then((result) => {
      this.reading = null;
      if (!this.closed) {
        if (result.ok) this.setState('card-present', null);
        else this.setState(this.transport.isOpen ? 'error' : 'no-reader', result.error);
      }
      return result;
    });
    return this.reading;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    await this.transport.close();
  }

  private onLinkUp(): void {
    if (this.settings.pollIntervalMs > 0) void this.poll();
    else this.setState('ready', null);
  }

  private async poll(): Promise<void> {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    if (this.closed || !this.transport.isOpen) return;
    if (!this.reading) {
      const presence = await this.driver.probe();
      if (this.closed) return;
      if (!this.reading && this.transport.isOpen) {
        if (presence.ok) this.setState(presence.value === 'card' ? 'card-present' : 'ready', null);
        else this.setState('no-reader', presence.error);
      }
    }
    if (!this.closed && this.transport.isOpen) {
      this.pollTimer = setTimeout(() => void this.poll(), this.settings.pollIntervalMs);
    }
  }

  private setState(status: ReaderStatus, error: CardError | null): void {
    const previous = this.current;
    if (previous.status === status && previous.error?.code === error?.code) return;
    this.current = { ...previous, status, error };
    this.emit('state', this.current);
  }
}

function createDriver(settings: ReaderSettings, ctx: DriverContext): CardDriver {
  return settings.driver === 'acr30' ? new Acr30Driver(ctx) : new IdCardDriver(ctx);
}

/**
 * Opens the reader the terminal's settings name. Resolves after the first attempt to open the
 * port: when it fails the reader says 'no-reader' and keeps trying with back-off until closed.
 */
export async function openReader(input: ReaderSettingsInput, options: OpenReaderOptions = {}): Promise<CardReader> {
  const settings = ReaderSettingsSchema.parse(input);
  const baudRate = settings.baudRate ?? DEFAULT_BAUD[settings.driver];
  const transport = new SerialTransport({
    path: settings.path,
    baudRate,
    parity: settings.parity,
    decoder: settings.driver === 'acr30' ? createAcr30Decoder() : createIdCardDecoder(),
    binding: options.binding,
    reconnectDelaysMs: options.reconnectDelaysMs,
  });
  const driver = createDriver(settings, {
    transport,
    baudRate,
    commandTimeoutMs: settings.commandTimeoutMs,
    today: options.today ?? (() => businessDate(new Date())),
  });
  const reader = new SerialCardReader(settings, transport, driver);
  await transport.start();
  return reader;
}

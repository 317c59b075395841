import { EventEmitter } from 'node:events';
import type { BindingInterface } from '@serialport/bindings-interface';
import { SerialPortStream } from '@serialport/stream';
import { bindingFor } from './bindings';
import type { FrameDecoder } from './frame-decoder';

/**
 * Owns one serial port: opens it, reopens it with back-off when it goes away, and runs one
 * command at a time. A command is written, then the first decoded frame that `accept`s it
 * answers it. A frame that arrives with no command waiting, or that the command does not
 * accept, is stale (a late answer to an abandoned command) and is dropped; a corrupted frame
 * fails the command at once so that the caller can retry without waiting for the timeout.
 */
export type TransportFailure = 'timeout' | 'bad-frame' | 'disconnected' | 'not-open' | 'closed';

export type TransportOutcome = { ok: true; frame: Buffer } | { ok: false; failure: TransportFailure };

export interface TransportOptions {
  path: string;
  baudRate: number;
  parity: 'none' | 'even' | 'odd';
  decoder: FrameDecoder;
  /** Overrides the binding chosen by `bindingFor(path)` (unit tests). */
  binding?: BindingInterface;
  /** Waits between reopen attempts; the last one repeats. */
  reconnectDelaysMs?: readonly number[];
}

export interface TransportStats {
  bytesWritten: number;
  bytesRead: number;
  commands: number;
  badFrames: number;
  staleFrames: number;
  garbageBytes: number;
  reopenAttempts: number;
}

export interface RequestOptions {
  timeoutMs: number;
  accept?: (frame: Buffer) => boolean;
}

interface Pending {
  accept: (frame: Buffer) => boolean;
  settle: (outcome: TransportOutcome) => void;
}

const DEFAULT_RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000] as const;

export class SerialTransport extends EventEmitter<{ link: [open: boolean] }> {
  readonly stats: TransportStats = {
    bytesWritten: 0,
    bytesRead: 0,
    commands: 0,
    badFrames: 0,
    staleFrames: 0,
    garbageBytes: 0,
    reopenAttempts: 0,
  };
  private port: SerialPortStream | null = null;
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectIndex = 0;

  constructor(private readonly options: TransportOptions) {
    super();
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  get path(): string {
    return this.options.path;
  }

  /** First open attempt; on failure keeps retrying in the background until `close()`. */
  start(): Promise<boolean> {
    return this.openOnce();
  }

  /** Writes a command and waits for its answer. Commands queue: one in flight. */
  request(bytes: Buffer, options: RequestOptions): Promise<TransportOutcome> {
    const run = this.queue.then(() => this.runOne(bytes, options));
    this.queue = run;
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.settle({ ok: false, failure: 'closed' });
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private runOne(bytes: Buffer, options: RequestOptions): Promise<TransportOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, failure: 'closed' });
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve({ ok: false, failure: 'not-open' });
    this.options.decoder.reset();
    this.stats.commands++;
    return new Promise<TransportOutcome>((resolve) => {
      const timer = setTimeout(() => this.settle({ ok: false, failure: 'timeout' }), options.timeoutMs);
      this.pending = {
        accept: options.accept ?? (() => true),
        settle: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      this.stats.bytesWritten += bytes.length;
      port.write(bytes, (err) => {
        if (err) this.settle({ ok: false, failure: 'disconnected' });
      });
    });
  }

  private settle(outcome: TransportOutcome): void {
    const pending = this.pending;
    this.pending = null;
    pending?.settle(outcome);
  }

  private onData(chunk: Buffer): void {
    this.stats.bytesRead += chunk.length;
    const decoder = this.options.decoder;
    const garbageBefore = decoder.garbageBytes;
    for (const event of decoder.push(chunk)) {
      if (event.kind === 'bad-frame') {
        this.stats.badFrames++;
        if (this.pending) this.settle({ ok: false, failure: 'bad-frame' });
      } else if (this.pending?.accept(event.bytes)) {
        this.settle({ ok: true, frame: event.bytes });
      } else {
        this.stats.staleFrames++;
      }
    }
    this.stats.garbageBytes += decoder.garbageBytes - garbageBefore;
  }

  private openOnce(): Promise<boolean> {
    const { path, baudRate, parity } = this.options;
    const binding = this.options.binding ?? bindingFor(path);
    const port = new SerialPortStream({ binding, path, baudRate, parity, dataBits: 8, stopBits: 1, autoOpen: false });
    port.on('error', () => {
      // Asynchronous port errors surface as a 'close' or a failed command; nothing to add here.
    });
    return new Promise<boolean>((resolve) => {
      port.open((err) => {
        if (err || this.closed) {
          if (!err) port.close();
          this.scheduleReconnect();
          resolve(false);
          return;
        }
        this.port = port;
        this.reconnectIndex = 0;
        port.on('data', (chunk: Buffer) => this.onData(chunk));
        port.on('close', () => this.onLinkLost(port));
        this.emit('link', true);
        resolve(true);
      });
    });
  }

  private onLinkLost(port: SerialPortStream): void {
    if (this.port !== port) return;
    this.port = null;
    this.settle({ ok: false, failure: 'disconnected' });
    this.emit('link', false);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delays = this.options.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS;
    const delay = delays[Math.min(this.reconnectIndex, delays.length - 1)] ?? 1000;
    this.reconnectIndex++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.stats.reopenAttempts++;
      void this.openOnce();
    }, delay);
  }
}

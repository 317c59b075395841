import { lineTimeMs } from '../frame-decoder';
import type { DecodeEvent, FrameDecoder } from '../frame-decoder';
import type { DeviceLink } from './device-link';
import { acr30Protocol, idCardProtocol, type CardSlot, type DeviceProtocol } from './protocols';
import type { SimCard } from './sim-cards';

/**
 * A reader on the far end of a serial line. It paces its side of the line like a real UART at
 * `baudRate` (a command is heard when its last byte would have arrived; an answer is delivered
 * when its last byte would have been sent), since a pty moves bytes instantly.
 *
 * Faults spoil the answers to chosen commands, counted from when the fault is injected
 * (`at` = 1 is the next command), for `times` commands in a row:
 * - bad-checksum: the answer's checksum is wrong;
 * - drop-byte: one byte from the middle of the answer is lost;
 * - late: the answer comes `delayMs` late (the reader is busy meanwhile);
 * - silence: no answer at all;
 * - garbage: noise bytes precede the answer;
 * - remove-card: the card is taken out just before the command.
 */
export type FaultKind = 'bad-checksum' | 'drop-byte' | 'late' | 'silence' | 'garbage' | 'remove-card';
export const FAULT_KINDS: readonly FaultKind[] = ['bad-checksum', 'drop-byte', 'late', 'silence', 'garbage', 'remove-card'];

export interface Fault {
  kind: FaultKind;
  at?: number;
  times?: number;
  delayMs?: number;
}

interface ArmedFault {
  kind: FaultKind;
  from: number;
  until: number;
  delayMs: number;
}

export interface ReaderSimulatorOptions {
  driver: 'acr30' | 'idcard';
  card: SimCard | null;
  baudRate: number;
  /** Pace the line at baudRate (default true). */
  pace?: boolean;
}

const NOISE = Buffer.from([0x55, 0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a]);

export class ReaderSimulator {
  /** Commands heard so far (including corrupted ones). */
  commands = 0;
  private readonly slot: CardSlot;
  private readonly protocol: DeviceProtocol;
  private readonly decoder: FrameDecoder;
  private faults: ArmedFault[] = [];
  private link: DeviceLink | null = null;
  private rxEnd = 0;
  private txEnd = 0;
  private work: Promise<void> = Promise.resolve();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: ReaderSimulatorOptions) {
    this.slot = { card: options.card };
    this.protocol = options.driver === 'acr30' ? acr30Protocol(this.slot) : idCardProtocol(this.slot);
    this.decoder = this.protocol.createDecoder();
  }

  get card(): SimCard | null {
    return this.slot.card;
  }

  /** Serves the host on this line (a new link replaces the previous one). */
  attach(link: DeviceLink): void {
    this.link = link;
    this.decoder.reset();
    link.onData((chunk) => {
      if (this.link === link) this.hear(chunk);
    });
  }

  insertCard(card: SimCard | null): void {
    this.slot.card = card;
    this.protocol.cardChanged();
  }

  inject(fault: Fault): void {
    const from = this.commands + (fault.at ?? 1);
    this.faults.push({ kind: fault.kind, from, until: from + (fault.times ?? 1), delayMs: fault.delayMs ?? 2000 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const link = this.link;
    this.link = null;
    await link?.close();
  }

  private lineMs(bytes: number): number {
    return this.options.pace === false ? 0 : lineTimeMs(bytes, this.options.baudRate);
  }

  private hear(chunk: Buffer): void {
    const now = performance.now();
    this.rxEnd = Math.max(this.rxEnd, now) + this.lineMs(chunk.length);
    const heardAt = this.rxEnd;
    for (const event of this.decoder.push(chunk)) {
      this.work = this.work.then(() => this.after(heardAt)).then(() => this.respond(event));
    }
  }

  private after(at: number): Promise<void> {
    const wait = at - performance.now();
    if (wait <= 0) return Promise.resolve();
    return new Promise((resolve) => this.schedule(resolve, wait));
  }

  private schedule(fn: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, delayMs);
    this.timers.add(timer);
  }

  private active(kind: FaultKind, n: number): ArmedFault | undefined {
    return this.faults.find((f) => f.kind === kind && n >= f.from && n < f.until);
  }

  private respond(event: DecodeEvent): void {
    const n = ++this.commands;
    if (this.active('remove-card', n)) this.insertCard(null);
    let answer = event.kind === 'frame' ? this.protocol.answer(event.bytes) : this.protocol.answerBadFrame();
    if (!answer || this.active('silence', n)) return;
    if (this.active('bad-checksum', n)) answer = this.protocol.withBadChecksum(answer);
    if (this.active('drop-byte', n)) {
      const at = answer.length >> 1;
      answer = Buffer.concat([answer.subarray(0, at), answer.subarray(at + 1)]);
    }
    if (this.active('garbage', n)) answer = Buffer.concat([NOISE, answer]);
    const late = this.active('late', n);
    const start = Math.max(performance.now(), this.txEnd) + (late?.delayMs ?? 0);
    this.txEnd = start + this.lineMs(answer.length);
    const bytes = answer;
    const send = (): void => this.link?.write(bytes);
    const wait = this.txEnd - performance.now();
    if (wait <= 0) send();
    else this.schedule(send, wait);
  }
}

import { cardError, err, type CardIdentity, type CardResult } from '../../shared/card';
import { openReader, type CardReader } from '../card';
import { findCardOrThrow, openSimulatedReader, type SimulatedReader, type SimulatorOptions } from './reader-simulator';
import type { TerminalSettings } from './terminal-settings';

export type ReaderView = { driver: TerminalSettings['reader']['driver']; state: 'ready' | 'no-card' | 'disconnected' | 'error'; detail: string };

export interface ReaderService {
  read(timeoutMs?: number): Promise<CardResult<CardIdentity>>;
  /** The simulator's card slot (null for a real reader). */
  simulator(): { inserted: string | null; insert(key: string): void } | null;
  view(): ReaderView;
  close(): Promise<void>;
}

/**
 * The configured reader: the embedded reader simulator (the fresh-machine default) or a serial
 * ACR30 / ID-card reader. Opening never fails: a reader that is not there reports itself in `view()`
 * and every read answers with the reader's own Chinese error.
 */
export async function openReaderService(reader: TerminalSettings['reader'], simOptions: SimulatorOptions = {}): Promise<ReaderService> {
  let card: CardReader | null = null;
  let sim: SimulatedReader | null = null;
  let openError: string | null = null;
  try {
    if (reader.driver === 'simulator') {
      sim = await openSimulatedReader(simOptions);
      card = sim.reader;
    } else {
      card = await openReader({ driver: reader.driver, path: reader.port, baudRate: reader.baudRate as 9600 });
    }
  } catch (error) {
    openError = (error as Error).message;
  }

  return {
    async read(timeoutMs) {
      if (!card) return err(cardError('reader-not-connected', openError ?? reader.port));
      const reading = card.readCard();
      if (!timeoutMs) return reading;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<CardResult<CardIdentity>>((resolve) => {
        timer = setTimeout(() => resolve(err(cardError('reader-timeout'))), timeoutMs);
      });
      try {
        return await Promise.race([reading, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    simulator() {
      if (!sim) return null;
      const { simulator } = sim;
      return { inserted: simulator.card?.key ?? null, insert: (key) => simulator.insertCard(findCardOrThrow(key)) };
    },
    view() {
      if (!card) return { driver: reader.driver, state: 'disconnected', detail: cardError('reader-not-connected', openError ?? reader.port).message };
      const { status, error } = card.state;
      const simulated = reader.driver === 'simulator' ? '（模拟读卡器）' : '';
      switch (status) {
        case 'ready':
          return { driver: reader.driver, state: 'no-card', detail: `读卡器就绪，请插卡${simulated}` };
        case 'card-present':
        case 'reading':
          return { driver: reader.driver, state: 'ready', detail: `读卡器就绪，卡片已插入${simulated}` };
        case 'no-reader':
          return { driver: reader.driver, state: 'disconnected', detail: error?.message ?? '未连接读卡器' };
        default:
          return { driver: reader.driver, state: 'error', detail: error?.message ?? '读卡器报告错误' };
      }
    },
    async close() {
      if (sim) await sim.stop();
      else await card?.close();
    },
  };
}

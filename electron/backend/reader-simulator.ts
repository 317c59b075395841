import { findSimCard, openReader, SIM_CARDS, startEmbeddedReaderSimulator, type CardReader, type EmbeddedSimulator } from '../card';
import { BackendError } from './errors';

export interface SimulatorOptions {
  /** The card in the reader at start (a demo person's key or name; 'none' = empty). */
  card?: string;
  /** Pace the line like a real 9600-baud reader (default true; tests turn it off). */
  pace?: boolean;
}

export const DEFAULT_SIM_CARD = 'yang-guangying';

export interface SimulatedReader {
  reader: CardReader;
  simulator: EmbeddedSimulator['simulator'];
  stop(): Promise<void>;
}

/**
 * The demo reader: the reader simulator in-process on a mock serial binding (no socat, works on
 * Windows too), speaking the ACR30 protocol with a demo person's social-security card inserted.
 */
export async function openSimulatedReader(options: SimulatorOptions = {}): Promise<SimulatedReader> {
  const sim = await startEmbeddedReaderSimulator({ driver: 'acr30', card: options.card ?? DEFAULT_SIM_CARD, pace: options.pace, forceMock: true });
  try {
    const reader = await openReader({ driver: 'acr30', path: sim.portPath, pollIntervalMs: 0 });
    return {
      reader,
      simulator: sim.simulator,
      async stop() {
        await reader.close();
        await sim.stop();
      },
    };
  } catch (error) {
    await sim.stop();
    throw error;
  }
}

export function simulatorCardList() {
  return SIM_CARDS.map((c) => ({ key: c.key, name: c.holder.name, certno: c.holder.certno }));
}

export function findCardOrThrow(key: string) {
  const card = findSimCard(key);
  if (card === undefined) throw new BackendError('not-found', `模拟读卡器没有这张卡：${key}`);
  return card;
}

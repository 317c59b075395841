import type { CardDriverName, CardIdentity, CardResult } from '../../shared/card';
import { openReader, startEmbeddedReaderSimulator, type CardReader, type EmbeddedSimulator, type ReaderStatus } from '../../electron/card';

/** A reader opened on an in-process simulator, over a socat pair or the mock binding. */
export interface Rig {
  reader: CardReader;
  sim: EmbeddedSimulator;
  stop(): Promise<void>;
}

export const TODAY = () => '2026-01-01';

export async function startRig(options: {
  driver: CardDriverName;
  card: string;
  link: 'socat' | 'mock';
  baudRate?: 9600 | 115200;
  pace?: boolean;
  commandTimeoutMs?: number;
  pollIntervalMs?: number;
}): Promise<Rig> {
  const sim = await startEmbeddedReaderSimulator({
    driver: options.driver,
    card: options.card,
    baudRate: options.baudRate,
    pace: options.pace ?? false,
    forceMock: options.link === 'mock',
  });
  const reader = await openReader(
    {
      driver: options.driver,
      path: sim.portPath,
      baudRate: options.baudRate,
      commandTimeoutMs: options.commandTimeoutMs ?? 150,
      pollIntervalMs: options.pollIntervalMs ?? 0,
    },
    { today: TODAY, reconnectDelaysMs: [20, 50] },
  );
  return {
    reader,
    sim,
    async stop() {
      await reader.close();
      await sim.stop();
    },
  };
}

/** Resolves when the reader reaches `status`; rejects after `withinMs` so that a test never hangs. */
export function waitForStatus(reader: CardReader, status: ReaderStatus, withinMs = 5000): Promise<void> {
  if (reader.state.status === status) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reader.off('state', listener);
      reject(new Error(`reader stayed ${reader.state.status}, expected ${status}`));
    }, withinMs);
    const listener = (state: { status: ReaderStatus }): void => {
      if (state.status !== status) return;
      clearTimeout(timer);
      reader.off('state', listener);
      resolve();
    };
    reader.on('state', listener);
  });
}

/** The outcome in one comparable value: the whole identity, or the error code. */
export function outcome(result: CardResult<CardIdentity>): CardIdentity | string {
  return result.ok ? result.value : result.error.code;
}

import { DEFAULT_BAUD, type CardDriverName } from '../../../shared/card';
import { registerPortBinding, unregisterPortBinding } from '../bindings';
import { hasSocat, startSocatPair } from '../socat';
import { createMockDevicePort, openSerialDeviceLink } from './device-link';
import { findSimCard } from './sim-cards';
import { ReaderSimulator } from './simulator';

export interface EmbeddedSimulatorOptions {
  driver: CardDriverName;
  /** A sim card key, demo person's name, ID number or card number; 'none' for an empty reader. */
  card: string;
  baudRate?: number;
  /** Pace the line like a real UART (default true: reads take as long as on a real reader). */
  pace?: boolean;
  /** Use the mock binding even where socat exists. */
  forceMock?: boolean;
}

export interface EmbeddedSimulator {
  /** Give this to `openReader({ driver, path: portPath })`. */
  portPath: string;
  kind: 'socat' | 'mock';
  simulator: ReaderSimulator;
  stop(): Promise<void>;
}

let mockPorts = 0;

/**
 * Runs the reader simulator inside the app's process: on a socat pair where socat exists, else
 * on a mock-binding port registered so that `openReader` on `portPath` reaches it.
 */
export async function startEmbeddedReaderSimulator(options: EmbeddedSimulatorOptions): Promise<EmbeddedSimulator> {
  const card = findSimCard(options.card);
  if (card === undefined) throw new Error(`unknown simulator card: ${options.card}`);
  const baudRate = options.baudRate ?? DEFAULT_BAUD[options.driver];
  const simulator = new ReaderSimulator({ driver: options.driver, card, baudRate, pace: options.pace });

  if (!options.forceMock && hasSocat()) {
    const pair = await startSocatPair();
    try {
      simulator.attach(await openSerialDeviceLink(pair.devicePath, baudRate));
    } catch (err) {
      await pair.stop();
      throw err;
    }
    return {
      portPath: pair.hostPath,
      kind: 'socat',
      simulator,
      async stop() {
        await simulator.stop();
        await pair.stop();
      },
    };
  }

  const portPath = `sim:reader-${process.pid}-${++mockPorts}`;
  const port = createMockDevicePort(portPath);
  port.onOpen((link) => simulator.attach(link));
  registerPortBinding(portPath, port.binding);
  return {
    portPath,
    kind: 'mock',
    simulator,
    async stop() {
      unregisterPortBinding(portPath);
      await simulator.stop();
    },
  };
}

import type { CardReader } from '../card/reader';

/**
 * TODO(reader-sim): wire `startEmbeddedReaderSimulator` from electron/card once the card helper
 * publishes it; until then the simulator driver reports "not connected".
 */
export async function openSimulatedReader(): Promise<{ reader: CardReader; stop: () => Promise<void> }> {
  throw new Error('内置模拟读卡器尚未就绪');
}

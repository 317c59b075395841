/**
 * The card-reader layer (spec card-reader.md). The app needs only:
 * - `openReader(settings)` → a reader with `state`, `on('state')`, `readCard()`, `close()`;
 * - `startEmbeddedReaderSimulator({ driver, card })` → `{ portPath, stop() }` for the demo reader.
 * Pure pieces (CardIdentity, GB 11643, e-voucher, typed ID, scan detector) live in shared/card.
 */
export { openReader, type CardReader, type OpenReaderOptions, type ReaderState, type ReaderStatus } from './reader';
export { startEmbeddedReaderSimulator, type EmbeddedSimulator, type EmbeddedSimulatorOptions } from './sim/embedded';
export { ReaderSimulator, FAULT_KINDS, type Fault, type FaultKind } from './sim/simulator';
export { SIM_CARDS, findSimCard, type SimCard } from './sim/sim-cards';
export { openSerialDeviceLink, createMockDevicePort, type DeviceLink, type MockDevicePort } from './sim/device-link';
export { hasSocat, startSocatPair, type SocatPair } from './socat';
export { registerPortBinding, unregisterPortBinding } from './bindings';
export type { TransportStats } from './transport';

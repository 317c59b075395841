export { createBackend, type Backend, type CallContext } from './backend';
export type { BackendOptions } from './runtime';
export type { PrintReceipt } from './receipt-service';
export { CSV_COLUMNS } from './bill-import';
export type { TerminalSettings } from './terminal-settings';
export { logLinePrefix } from './logger';

import { thermalPrinterSchema, type ThermalPrinterInput, type ThermalPrinterSettings } from '../printer';
import type { Logger } from './logger';

/** The ledger settings key of the counter's thermal printer (until the site file's `printer.thermal` section carries it). */
export const THERMAL_PRINTER_KEY = 'thermalPrinter';

interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, actor?: string): Promise<void>;
}

/** The configured ESC/POS printer, or undefined (none, or a stored value that no longer parses: logged, receipts go the A5 way). */
export async function thermalPrinterOf(store: KeyValueStore, logger?: Logger): Promise<ThermalPrinterSettings | undefined> {
  const stored = await store.get(THERMAL_PRINTER_KEY);
  if (stored === undefined || stored === null) return undefined;
  const parsed = thermalPrinterSchema.safeParse(stored);
  if (!parsed.success) logger?.error('thermal printer settings', parsed.error);
  return parsed.success ? parsed.data : undefined;
}

export async function setThermalPrinter(store: KeyValueStore, value: ThermalPrinterInput | null, actor: string): Promise<void> {
  await store.set(THERMAL_PRINTER_KEY, value === null ? null : thermalPrinterSchema.parse(value), actor);
}

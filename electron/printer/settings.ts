import type { z } from 'zod';
import { THERMAL_WIDTHS, thermalPrinterSchema } from '../../shared/contract';

/** The schema is the contract's (the settings screen edits it); the printer module owns the rest. */
export { THERMAL_WIDTHS, thermalPrinterSchema };
export type ThermalWidth = (typeof THERMAL_WIDTHS)[number];
export type ThermalPrinterSettings = z.output<typeof thermalPrinterSchema>;
export type ThermalPrinterInput = z.input<typeof thermalPrinterSchema>;

/** Half-width characters per line in Font A (12×24 dots): 576 dots at 80 mm, 384 at 58 mm. */
export const COLUMNS: Record<ThermalWidth, number> = { '80mm': 48, '58mm': 32 };

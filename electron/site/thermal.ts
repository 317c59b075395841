import { z } from 'zod';
import { printerSettingsSchema, thermalPrinterSchema } from '../../shared/contract';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const WIDTH_NAMES: Record<string, '80mm' | '58mm'> = { '80': '80mm', '58': '58mm' };

/**
 * The site file's `printer.thermal`, written the way hospital IT writes it —
 * `{ port: COM3, baudRate: 9600, width: 80 }` or `{ device: /dev/usb/lp0, width: 58 }` — or in the
 * settings' own form `{ width: 80mm, connection: { type, path, baudRate } }`; validated by the one
 * thermalPrinterSchema either way.
 */
export const siteThermalPrinterSchema = z.preprocess((raw, ctx) => {
  if (!isObject(raw)) return raw;
  const { port, device, baudRate, width, ...rest } = raw;
  const named = { ...rest, width: WIDTH_NAMES[String(width)] ?? width };
  if (port !== undefined && device !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'port（串口）与 device（设备文件）只能填一个' });
    return named;
  }
  if (port !== undefined) return { ...named, connection: { type: 'serial', path: port, ...(baudRate === undefined ? {} : { baudRate }) } };
  if (device !== undefined) return { ...named, connection: { type: 'device', path: device, ...(baudRate === undefined ? {} : { baudRate }) } };
  if (!('connection' in rest)) ctx.addIssue({ code: 'custom', message: '请填写 port（串口，如 COM3）或 device（USB 打印机设备文件，如 /dev/usb/lp0）' });
  return baudRate === undefined ? named : { ...named, baudRate };
}, thermalPrinterSchema);

/**
 * The site's `printer` section: the system printer of a hospital (name, paper, silent — all three,
 * or none) and/or a pharmacy counter's thermal printer. Each part given is locked on the window.
 */
export const sitePrinterSchema = z
  .object({ ...printerSettingsSchema.partial().shape, thermal: siteThermalPrinterSchema.optional() })
  .strict()
  .superRefine((printer, ctx) => {
    const given = (['name', 'paper', 'silent'] as const).filter((key) => printer[key] !== undefined);
    if (given.length > 0 && given.length < 3) ctx.addIssue({ code: 'custom', message: '系统打印机须同时填写 name、paper、silent（或都不填）' });
  });

/** The system printer part, when the file gives it. */
export function systemPrinterOf(printer: z.output<typeof sitePrinterSchema>): z.output<typeof printerSettingsSchema> | undefined {
  const { name, paper, silent } = printer;
  return name !== undefined && paper !== undefined && silent !== undefined ? { name, paper, silent } : undefined;
}

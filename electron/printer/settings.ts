import { z } from 'zod';

export const THERMAL_WIDTHS = ['80mm', '58mm'] as const;
export type ThermalWidth = (typeof THERMAL_WIDTHS)[number];

/**
 * The thermal receipt printer of a pharmacy counter (the site file's `printer.thermal` section):
 * ESC/POS over a serial port, or a USB printer's device file (/dev/usb/lp0; on Windows a shared
 * printer's \\.\ path). Absent: receipts go to the system printer on A5/A4 as at a hospital.
 */
export const thermalPrinterSchema = z
  .object({
    width: z.enum(THERMAL_WIDTHS, { message: '热敏纸宽度必须是 80mm 或 58mm' }),
    connection: z.discriminatedUnion('type', [
      z
        .object({
          type: z.literal('serial'),
          path: z.string().trim().min(1, '请填写串口（如 COM3 或 /dev/ttyUSB0）').max(200),
          baudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)], { message: '波特率必须是 9600、19200、38400、57600 或 115200' }).default(9600),
        })
        .strict(),
      z.object({ type: z.literal('device'), path: z.string().trim().min(1, '请填写打印机设备文件（如 /dev/usb/lp0）').max(200) }).strict(),
    ], { message: '打印机连接方式必须是 serial（串口）或 device（设备文件）' }),
    /** Cut the paper after the receipt (printers without a cutter ignore the command). */
    cut: z.boolean().default(true),
  })
  .strict();

export type ThermalPrinterSettings = z.output<typeof thermalPrinterSchema>;
export type ThermalPrinterInput = z.input<typeof thermalPrinterSchema>;

/** Half-width characters per line in Font A (12×24 dots): 576 dots at 80 mm, 384 at 58 mm. */
export const COLUMNS: Record<ThermalWidth, number> = { '80mm': 48, '58mm': 32 };

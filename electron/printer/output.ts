import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import type { ThermalPrinterSettings } from './settings';

export class PrinterError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PrinterError';
  }
}

const WRITE_TIMEOUT_MS = 10_000;

/** Sends ESC/POS bytes to the configured printer: a serial port, or a USB printer's device file. */
export async function sendToPrinter(connection: ThermalPrinterSettings['connection'], bytes: Buffer, options: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? WRITE_TIMEOUT_MS;
  if (connection.type === 'device') return writeDevice(connection.path, bytes, timeoutMs);
  return writeSerial(connection.path, connection.baudRate, bytes, timeoutMs);
}

/**
 * Appends to the device file, never creating it (an unplugged printer's missing /dev/usb/lp0 must
 * not become a file that swallows receipts). A device that does not take the bytes in time (off,
 * out of paper; a FIFO nobody reads) answers printer-timeout; the stuck write finishes or fails on its own.
 */
async function writeDevice(path: string, bytes: Buffer, timeoutMs: number): Promise<void> {
  const work = (async () => {
    let handle;
    try {
      handle = await open(path, constants.O_WRONLY | constants.O_APPEND);
    } catch (error) {
      throw new PrinterError('printer-unavailable', `无法打开打印机设备 ${path}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    try {
      await handle.write(bytes);
    } catch (error) {
      throw new PrinterError('printer-write-failed', `打印机设备 ${path} 写入失败：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    } finally {
      await handle.close();
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new PrinterError('printer-timeout', `打印机设备 ${path} 写入超时（打印机是否开机、是否缺纸？）`)), timeoutMs);
  });
  try {
    await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
  }
}

function writeSerial(path: string, baudRate: number, bytes: Buffer, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    const timer = setTimeout(() => finish(new PrinterError('printer-timeout', `打印机串口 ${path} 写入超时（打印机是否开机、是否缺纸？）`)), timeoutMs);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      if (port.isOpen) port.close(() => (error ? reject(error) : resolve()));
      else if (error) reject(error);
      else resolve();
    };
    port.open((error) => {
      if (error) return finish(new PrinterError('printer-unavailable', `无法打开打印机串口 ${path}：${error.message}`));
      port.write(bytes, (writeError) => {
        if (writeError) return finish(new PrinterError('printer-write-failed', `打印机串口 ${path} 写入失败：${writeError.message}`));
        port.drain((drainError) => finish(drainError ? new PrinterError('printer-write-failed', `打印机串口 ${path} 写入失败：${drainError.message}`) : undefined));
      });
    });
  });
}

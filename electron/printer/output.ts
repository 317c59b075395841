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
export async function sendToPrinter(connection: ThermalPrinterSettings['connection'], bytes: Buffer): Promise<void> {
  if (connection.type === 'device') return writeDevice(connection.path, bytes);
  return writeSerial(connection.path, connection.baudRate, bytes);
}

async function writeDevice(path: string, bytes: Buffer): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'a');
  } catch (error) {
    throw new PrinterError('printer-unavailable', `无法打开打印机设备 ${path}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    await handle.write(bytes);
  } finally {
    await handle.close();
  }
}

function writeSerial(path: string, baudRate: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    const timer = setTimeout(() => finish(new PrinterError('printer-timeout', `打印机串口 ${path} 写入超时（打印机是否开机、是否缺纸？）`)), WRITE_TIMEOUT_MS);
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

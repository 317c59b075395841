import { BrowserWindow } from 'electron';
import type { PrintReceipt } from '../backend';

const MICRONS_PER_MM = 1000;
const PAGE_SIZES = {
  A5: 'A5',
  A4: 'A4',
  // 241 mm continuous stationery, one 280 mm form per receipt.
  '241mm': { width: 241 * MICRONS_PER_MM, height: 280 * MICRONS_PER_MM },
} as const;

/**
 * Prints a receipt page silently on the configured printer (empty name = system default) from a
 * hidden, sandboxed window with JavaScript off. The PDF archive is written by the backend already.
 */
export const printReceiptSilently: PrintReceipt = async ({ html }, printer) => {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    await new Promise<void>((resolve, reject) => {
      win.webContents.print(
        { silent: printer.silent, deviceName: printer.name || undefined, printBackground: true, pageSize: PAGE_SIZES[printer.paper] },
        (success, reason) => (success ? resolve() : reject(new Error(reason === 'cancelled' ? '打印已取消' : `打印失败：${reason}`))),
      );
    });
  } finally {
    win.destroy();
  }
};

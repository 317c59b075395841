import { EscPos } from './escpos';
import { COLUMNS, type ThermalPrinterSettings } from './settings';
import { pair, rule, wrap } from './text-width';

/** The QR payload of a test page: a scanner reading it back proves the printer's own QR command works. */
export const TEST_PAGE_QR = 'ONEBILL-PRINTER-TEST';

/** How a connection is named on the page and in the settings screen's verdict. */
export function connectionLabel(connection: ThermalPrinterSettings['connection']): string {
  return connection.type === 'serial' ? `串口 ${connection.path}（${connection.baudRate}）` : `设备文件 ${connection.path}`;
}

/**
 * The settings screen's test page: who and where, a full-width ruler (a line that wraps means the
 * width is set wrong), hanzi in GBK, the QR drawn by the printer, then the cut as configured.
 */
export function renderTestPage(printer: ThermalPrinterSettings, about: { hospital: string; terminalId: string; printedAt: string }): Buffer {
  const columns = COLUMNS[printer.width];
  const p = new EscPos().init().align('center').bold(true);
  p.line('热敏打印机测试页').bold(false);
  for (const line of wrap(about.hospital, columns)) p.line(line);
  p.align('left').line(rule(columns));
  for (const [label, value] of [
    ['纸宽', `${printer.width}（每行 ${columns} 个半角字符）`],
    ['连接', connectionLabel(printer.connection)],
    ['终端', about.terminalId],
    ['时间', about.printedAt],
  ] as const) {
    for (const line of pair(`${label}：`, value, columns)) p.line(line);
  }
  p.line(rule(columns));
  p.line('1234567890'.repeat(Math.ceil(columns / 10)).slice(0, columns));
  for (const line of wrap('中文：医保结算 甲类 乙类 丙类 ￥12.34', columns)) p.line(line);
  p.feed(1)
    .align('center')
    .qr(TEST_PAGE_QR, printer.width === '80mm' ? 6 : 4);
  p.line('此页不是结算单').align('left').feed(3);
  if (printer.cut) p.cut();
  return p.bytes();
}

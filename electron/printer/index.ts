export { thermalPrinterSchema, THERMAL_WIDTHS, COLUMNS, type ThermalPrinterSettings, type ThermalPrinterInput, type ThermalWidth } from './settings';
export { renderThermalReceipt } from './thermal-receipt';
export { sendToPrinter, PrinterError } from './output';
export { EscPos } from './escpos';
export { textWidth } from './text-width';
export { renderTestPage, connectionLabel, TEST_PAGE_QR } from './test-page';

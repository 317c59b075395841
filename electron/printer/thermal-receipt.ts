import { receiptSections, type ReceiptModel } from '../receipt';
import { EscPos } from './escpos';
import { COLUMNS, type ThermalWidth } from './settings';
import { pair, row, rule, wrap } from './text-width';

/** Bill columns at each width: 80 mm has room for 甲乙丙; 58 mm shows the category amount and the class totals below. */
const BILL_WIDTHS: Record<ThermalWidth, number[]> = { '80mm': [12, 9, 9, 9, 9], '58mm': [20, 12] };

/**
 * The one-page receipt's content laid out for a thermal roll, as ESC/POS bytes: the same sections
 * (receiptSections) in the same order, text in GBK, the settlement-id QR drawn by the printer
 * (GS ( k), then the cut.
 */
export function renderThermalReceipt(model: ReceiptModel, width: ThermalWidth, options: { cut?: boolean } = {}): Buffer {
  const columns = COLUMNS[width];
  const s = receiptSections(model);
  const p = new EscPos().init();
  const lines = (texts: string[]) => texts.forEach((t) => p.line(t));

  p.align('center').bold(true);
  lines(wrap(model.title, columns));
  p.bold(false);
  lines(wrap(model.subtitle, columns));
  if (model.reprint > 0) p.line(`（补打第 ${model.reprint} 次）`);
  p.align('left').line(rule(columns));
  for (const info of s.info) lines(pair(`${info.label}：`, info.value, columns));

  p.line(rule(columns));
  lines(wrap(s.billHeading, columns));
  const widths = BILL_WIDTHS[width];
  if (width === '80mm') {
    const pick = (cells: string[]) => [cells[0]!, cells[2]!, cells[3]!, cells[4]!, cells[5]!];
    p.line(row(pick(s.billHeader), widths));
    for (const r of s.billRows) p.line(row(pick(r), widths));
    p.bold(true)
      .line(row(pick(s.billTotal), widths))
      .bold(false);
  } else {
    p.line(row([s.billHeader[0]!, s.billHeader[5]!], widths));
    for (const r of s.billRows) p.line(row([r[0]!, r[5]!], widths));
    p.bold(true)
      .line(row([s.billTotal[0]!, s.billTotal[5]!], widths))
      .bold(false);
    for (const [i, label] of ['甲类', '乙类', '丙类'].entries()) lines(pair(`其中${label}`, s.billTotal[2 + i]!, columns));
  }

  p.line(rule(columns));
  for (const a of s.analysis) lines(pair(a.label, a.value, columns));
  p.line(rule(columns));
  for (const pay of s.payments) lines(pair(pay.label, pay.value, columns));
  p.line(rule(columns, '='));
  p.bold(true);
  lines(pair('个人现金支付', model.patientCash.amount, columns));
  p.bold(false);
  lines(wrap(`大写：${model.patientCash.uppercase}`, columns));
  if (s.notes.length) {
    p.line(rule(columns));
    for (const note of s.notes) lines(wrap(note, columns));
  }
  p.line(rule(columns));
  // The footer's and signature's parts (set apart by full-width spaces on the page) one per line on a roll.
  for (const part of s.footer.split(/\u3000+/)) lines(wrap(part, columns));
  p.feed(1);
  for (const part of s.signature.split(/\u3000+/)) lines(wrap(part, columns));
  p.feed(1)
    .align('center')
    .qr(model.qrText, width === '80mm' ? 6 : 4);
  p.line(model.qrText).align('left').feed(3);
  if (options.cut ?? true) p.cut();
  return p.bytes();
}

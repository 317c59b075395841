import { PAYER_LABELS } from './labels';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import PDFDocument from 'pdfkit';
import { resolveReceiptFont, type ReceiptFont } from './font';
import { ReceiptError, type ReceiptModel } from './model';
import { PAPER_GEOMETRY, type Paper } from './paper';
import { qrMatrix } from './qr';
import { receiptSections, type InfoPair } from './sections';

export interface RenderPdfOptions {
  paper: Paper;
  outPath: string;
  font?: Partial<ReceiptFont>;
}

type Doc = PDFKit.PDFDocument;
type Align = 'left' | 'right' | 'center';

/** Line heights in units of the body font size; the page is laid out from these alone. */
const H = { title: 2.0, subtitle: 1.8, rule: 0.8, info: 1.6, heading: 1.8, row: 1.6, cashBox: 4.8, note: 1.55, footer: 1.6, signature: 2.6 };

/** The grid's rows: two pairs a row, a wide pair alone on its row. */
function gridRows(items: readonly InfoPair[]): InfoPair[][] {
  const rows: InfoPair[][] = [];
  for (const item of items) {
    const last = rows[rows.length - 1];
    if (!item.wide && last && last.length === 1 && !last[0]!.wide) last.push(item);
    else rows.push([item]);
  }
  return rows;
}

function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * The receipt as a one-page PDF. The body font size is chosen so the whole model fits the page;
 * the model's category rows are already capped, so this never falls below a legible size for
 * any bill, and no text is written past the page edge (pdfkit then never adds a page).
 */
export async function renderReceiptPdf(model: ReceiptModel, options: RenderPdfOptions): Promise<{ path: string; pages: number }> {
  const geometry = PAPER_GEOMETRY[options.paper];
  if (!geometry) throw new ReceiptError('receipt-paper-unknown', `不支持的纸张：${String(options.paper)}（可选 A5、A4、241mm）`);
  const font = resolveReceiptFont(options.font);
  const sections = receiptSections(model);
  const { width, height, margin } = geometry;

  const units =
    H.title +
    H.subtitle +
    H.rule +
    gridRows(sections.info).length * H.info +
    H.rule +
    H.heading +
    (sections.billRows.length + 2) * H.row +
    gridRows(sections.analysis).length * H.row +
    H.heading +
    gridRows(sections.payments).length * H.row +
    H.rule +
    H.cashBox +
    sections.notes.length * H.note +
    H.rule +
    H.footer +
    H.signature;
  const fs = Math.min(geometry.maxFontSize, (height - 2 * margin) / units);

  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    info: { Title: `${model.subtitle} ${model.settlementId}`, Author: model.hospital.name, Subject: model.patient.name },
  });
  let pages = 1;
  doc.on('pageAdded', () => (pages += 1));
  try {
    doc.registerFont('cjk', font.path, font.name);
    doc.font('cjk');
  } catch {
    throw new ReceiptError('receipt-font-unusable', `中文字体无法使用：${font.path}${font.name ? `（${font.name}）` : ''}，请检查字体设置。`);
  }
  await mkdir(dirname(options.outPath), { recursive: true });
  const out = createWriteStream(options.outPath);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);

  const left = margin;
  const inner = width - 2 * margin;
  let y = margin;
  const text = (value: string, x: number, w: number, size: number, align: Align = 'left', color = '#000') => {
    doc.fontSize(size).fillColor(color);
    doc.text(fit(doc, value, w), x, y, { width: w, align, lineBreak: false });
  };
  const rule = (weight = 0.6) => {
    const at = y + (H.rule * fs) / 2;
    doc
      .moveTo(left, at)
      .lineTo(left + inner, at)
      .lineWidth(weight)
      .strokeColor('#000')
      .stroke();
    y += H.rule * fs;
  };
  const pairs = (items: readonly InfoPair[], areaWidth: number, lineHeight: number, numeric: boolean) => {
    const colWidth = areaWidth / 2;
    const labelWidth = numeric ? colWidth * 0.55 : fs * 5.2;
    for (const cells of gridRows(items)) {
      cells.forEach((item, col) => {
        const x = left + col * colWidth;
        text(`${item.label}${numeric ? '' : '：'}`, x, labelWidth, fs, 'left', '#333');
        const valueWidth = (item.wide ? areaWidth : colWidth) - labelWidth - fs * (numeric ? 1.2 : 0.6);
        text(item.value, x + labelWidth, valueWidth, fs, numeric ? 'right' : 'left');
      });
      y += lineHeight * fs;
    }
  };
  const hline = (at: number) =>
    doc
      .moveTo(left, at)
      .lineTo(left + inner, at)
      .lineWidth(0.4)
      .strokeColor('#666')
      .stroke();

  // Title block
  text(model.title, left, inner, fs * 1.55, 'center');
  y += H.title * fs;
  text(model.subtitle, left, inner, fs * 1.3, 'center');
  if (model.reprint > 0) text(`补打（第 ${model.reprint} 次）`, left, inner, fs, 'right', '#b00');
  y += H.subtitle * fs;
  rule(1);

  // Who, what, when — with the QR code of the settlement id at the right
  const qrSide = Math.min(gridRows(sections.info).length * H.info * fs, inner * 0.2);
  const qrTop = y;
  pairs(sections.info, inner - qrSide - fs, H.info, false);
  const qr = qrMatrix(model.qrText);
  const cell = qrSide / qr.size;
  for (const [r, c] of qr.dark) doc.rect(left + inner - qrSide + c * cell, qrTop + r * cell, cell, cell);
  doc.fillColor('#000').fill();
  rule();

  // The bill by fee category
  text(sections.billHeading, left, inner, fs * 1.1);
  y += H.heading * fs;
  const cols = [0.28, 0.1, 0.155, 0.155, 0.155, 0.155].map((f) => f * inner);
  const row = (cells: readonly string[], header = false) => {
    let x = left;
    cells.forEach((cell, i) => {
      const w = cols[i]!;
      text(cell, x + 2, w - 4, fs, i === 0 ? 'left' : 'right', header ? '#333' : '#000');
      x += w;
    });
    y += H.row * fs;
  };
  row(sections.billHeader, true);
  hline(y - 0.08 * fs);
  for (const cells of sections.billRows) row(cells);
  hline(y - 0.08 * fs);
  row(sections.billTotal);
  pairs(sections.analysis, inner, H.row, true);

  // Who pays what
  text('各方支付', left, inner, fs * 1.1);
  y += H.heading * fs;
  pairs(sections.payments, inner, H.row, true);
  rule();

  // What the patient pays, in figures and in 人民币大写
  const boxTop = y + 0.2 * fs;
  doc
    .rect(left, boxTop, inner, (H.cashBox - 0.4) * fs)
    .lineWidth(1.2)
    .strokeColor('#000')
    .stroke();
  y = boxTop + 0.45 * fs;
  text(PAYER_LABELS.patientCash, left + fs, inner * 0.4, fs * 1.15);
  text(`¥ ${model.patientCash.amount}`, left + inner * 0.4, inner * 0.6 - fs, fs * 1.9, 'right');
  y = boxTop + 2.5 * fs;
  text(`人民币大写：${model.patientCash.uppercase}`, left + fs, inner - 2 * fs, fs * 1.2);
  y = boxTop + (H.cashBox - 0.2) * fs;

  for (const note of sections.notes) {
    text(note, left, inner, fs, 'left', '#000');
    y += H.note * fs;
  }
  rule();

  text(sections.footer, left, inner, fs * 0.95, 'left', '#333');
  y += H.footer * fs;
  y += 0.8 * fs;
  text(sections.signature, left, inner, fs);

  doc.end();
  await done;
  return { path: options.outPath, pages };
}

import { PAYER_LABELS } from './labels';
import type { ReceiptModel } from './model';
import type { Paper } from './paper';
import { qrSvg } from './qr';
import { receiptSections, type InfoPair } from './sections';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const RECEIPT_CSS = `
  @page { margin: 8mm; }
  body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; color: #000; margin: 0; font-size: 12px; }
  .receipt { max-width: 720px; margin: 0 auto; padding: 16px; background: #fff; }
  h1 { font-size: 19px; text-align: center; margin: 0 0 4px; font-weight: 600; }
  h2 { font-size: 16px; text-align: center; margin: 0 0 8px; font-weight: 500; }
  h3 { font-size: 13px; margin: 10px 0 4px; }
  .reprint { color: #b00; text-align: right; margin: 0; }
  .head { display: flex; gap: 12px; border-top: 2px solid #000; border-bottom: 1px solid #000; padding: 6px 0; }
  .grid { flex: 1; display: grid; grid-template-columns: 1fr 1fr; gap: 2px 16px; margin: 0; }
  .grid div { display: flex; gap: 4px; }
  .grid dt { color: #333; min-width: 5em; }
  .grid .wide { grid-column: 1 / -1; }
  .grid dd { margin: 0; overflow-wrap: anywhere; }
  .amounts dd { margin-left: auto; font-variant-numeric: tabular-nums; }
  table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { padding: 2px 4px; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  thead th { color: #333; border-bottom: 1px solid #666; font-weight: 500; }
  tfoot td { border-top: 1px solid #666; }
  .cash { border: 2px solid #000; padding: 8px 12px; margin: 10px 0; }
  .cash .figure { font-size: 22px; float: right; }
  .cash .words { font-size: 15px; margin-top: 6px; }
  .notes { margin: 6px 0; padding: 0; list-style: none; }
  .footer { border-top: 1px solid #000; padding-top: 6px; color: #333; }
  .signature { margin-top: 18px; }
  .head svg { flex: none; }
  /* On paper (A5 is the smallest form) everything tightens so the receipt stays one page. */
  @media print {
    body { font-size: 10px; }
    .receipt { max-width: none; padding: 0; }
    h1 { font-size: 15px; }
    h2 { font-size: 13px; margin-bottom: 4px; }
    h3 { font-size: 11px; margin: 5px 0 2px; }
    th, td { padding: 1px 3px; }
    .head { padding: 3px 0; }
    .head svg { width: 72px; height: 72px; }
    .cash { padding: 4px 8px; margin: 6px 0; }
    .cash .figure { font-size: 17px; }
    .cash .words { font-size: 12px; margin-top: 2px; }
    .signature { margin-top: 10px; }
  }
`;

function pairsHtml(items: readonly InfoPair[], className: string): string {
  const rows = items.map((p) => `<div${p.wide ? ' class="wide"' : ''}><dt>${escapeHtml(p.label)}</dt><dd>${escapeHtml(p.value)}</dd></div>`).join('');
  return `<dl class="grid ${className}">${rows}</dl>`;
}

const cellsHtml = (cells: readonly string[], tag: 'td' | 'th') => `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;

/** The receipt body (no <html> wrapper), for on-screen preview. */
export function renderReceiptFragment(model: ReceiptModel): string {
  const s = receiptSections(model);
  return [
    '<article class="receipt">',
    `<h1>${escapeHtml(model.title)}</h1>`,
    `<h2>${escapeHtml(model.subtitle)}</h2>`,
    model.reprint > 0 ? `<p class="reprint">补打（第 ${model.reprint} 次）</p>` : '',
    `<section class="head">${pairsHtml(s.info, 'info')}${qrSvg(model.qrText, 96)}</section>`,
    `<h3>${escapeHtml(s.billHeading)}</h3>`,
    `<table><thead>${cellsHtml(s.billHeader, 'th')}</thead><tbody>${s.billRows.map((r) => cellsHtml(r, 'td')).join('')}</tbody>`,
    `<tfoot>${cellsHtml(s.billTotal, 'td')}</tfoot></table>`,
    pairsHtml(s.analysis, 'amounts'),
    '<h3>各方支付</h3>',
    pairsHtml(s.payments, 'amounts'),
    `<section class="cash"><span>${PAYER_LABELS.patientCash}</span><span class="figure">¥ ${escapeHtml(model.patientCash.amount)}</span>`,
    `<div class="words">人民币大写：${escapeHtml(model.patientCash.uppercase)}</div></section>`,
    s.notes.length ? `<ul class="notes">${s.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '',
    `<p class="footer">${escapeHtml(s.footer)}</p>`,
    `<p class="signature">${escapeHtml(s.signature)}</p>`,
    '</article>',
  ].join('');
}

/** Paper sizes in mm (portrait), for the page size and the on-screen width of a preview. */
const PAPER_MM: Record<Paper, { width: number; height: number }> = {
  A5: { width: 148, height: 210 },
  A4: { width: 210, height: 297 },
  '241mm': { width: 241, height: 280 },
};

/** With a paper: printed on that page size, and shown on screen as wide as the sheet. */
function paperCss(paper: Paper | undefined): string {
  if (!paper) return '';
  const { width, height } = PAPER_MM[paper];
  return `@page { size: ${width}mm ${height}mm; } @media screen { .receipt { max-width: none; width: ${width - 16}mm; } }`;
}

/** The Content-Security-Policy of every receipt document: no scripts, no fetches, inline styles and data: images only. */
export const RECEIPT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** A complete, script-free HTML document of the receipt, for Electron silent printing and preview. */
export function renderReceiptHtml(model: ReceiptModel, options: { paper?: Paper } = {}): string {
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${RECEIPT_CSP}">`,
    `<title>${escapeHtml(`${model.subtitle} ${model.settlementId}`)}</title>`,
    `<style>${RECEIPT_CSS}${paperCss(options.paper)}</style></head><body>`,
    renderReceiptFragment(model),
    '</body></html>',
  ].join('');
}

export { RECEIPT_CSS };

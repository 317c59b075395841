export {
  buildReceiptModel,
  ReceiptError,
  type ReceiptModel,
  type ReceiptContext,
  type ReceiptSettlement,
  type ReceiptAmountRow,
  type ReceiptPrescription,
} from './model';
export { renderReceiptPdf, type RenderPdfOptions } from './pdf';
export { renderReceiptHtml, renderReceiptFragment, RECEIPT_CSS, RECEIPT_CSP } from './html';
export { maskIdNumber } from './mask';
export { groupByCategory, type CategoryRow } from './categories';
export { PAPERS, type Paper } from './paper';
export { resolveReceiptFont, DEFAULT_CJK_FONT_PATH, DEFAULT_CJK_FONT_NAME, type ReceiptFont } from './font';
export { FLAG_LABELS, PAYER_LABELS, PAYMENT_LABELS } from './labels';
export { receiptSections, type ReceiptSections, type InfoPair } from './sections';

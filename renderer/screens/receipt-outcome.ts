import type { OpOutput } from '../../shared/contract';

export type ReceiptOutcome = OpOutput<'settlement.commit'>['receipt'];

/** What really happened to a receipt, in the cashier's words: printed, only archived, or failed. */
export function receiptText(receipt: ReceiptOutcome, what = '结算单'): { ok: boolean; text: string } {
  if (receipt.warning) return { ok: false, text: `${what}未能打印：${receipt.warning}` };
  if (receipt.printed) return { ok: true, text: `${what}已打印` };
  if (receipt.pdfPath) return { ok: true, text: `${what}已生成存档（未连接打印机，请在下方预览中打印）` };
  return { ok: false, text: `${what}未能生成` };
}

export function receiptsText(receipts: readonly ReceiptOutcome[]): string {
  const names = ['冲销凭证', '新结算单'];
  return receipts.map((r, i) => receiptText(r, names[i] ?? '结算单').text).join('；');
}

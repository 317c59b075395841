import { appendAudit, type AuditChain } from './audit';
import { ledgerStamp, type Clock } from '../../shared/time';
import type { Engine } from './engine/types';
import { LedgerError } from './result';

/** One row per printed receipt; the first print is the original, every later one a reprint (补打). */
export function createReceipts(db: Engine, now: Clock, chain: AuditChain) {
  /** Returns the reprint count after this print: 0 for the first print. */
  function recordPrint(settlementId: string, pdfPath: string, operatorId?: string): Promise<number> {
    return db.transaction(async (tx) => {
      if (!(await tx.value('SELECT 1 FROM settlements WHERE id = ?', [settlementId]))) throw new LedgerError('settlement-not-found', `找不到结算单：${settlementId}`);
      await tx.run('INSERT INTO receipt_prints (settlement_id, printed_at, pdf_path, operator_id) VALUES (?, ?, ?, ?)', [
        settlementId,
        ledgerStamp(now()),
        pdfPath,
        operatorId ?? null,
      ]);
      const reprints = Number(await tx.value('SELECT count(*) FROM receipt_prints WHERE settlement_id = ?', [settlementId])) - 1;
      await appendAudit(tx, chain, {
        actor: operatorId ?? 'system',
        action: reprints === 0 ? 'receipt.print' : 'receipt.reprint',
        subject: settlementId,
        detail: { pdfPath, reprints },
      });
      return reprints;
    });
  }

  async function prints(settlementId: string): Promise<Array<{ printedAt: string; pdfPath: string; operatorId: string | null }>> {
    const rows = await db.all<Record<string, string | null>>('SELECT printed_at, pdf_path, operator_id FROM receipt_prints WHERE settlement_id = ? ORDER BY id', [
      settlementId,
    ]);
    return rows.map((r) => ({ printedAt: r.printed_at!, pdfPath: r.pdf_path!, operatorId: r.operator_id ?? null }));
  }

  return { recordPrint, prints };
}

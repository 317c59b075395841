import type Database from 'better-sqlite3';
import type { AuditLog } from './audit';
import { localTimestamp, type Clock } from './clock';
import { LedgerError } from './result';

/** One row per printed receipt; the first print is the original, every later one a reprint (补打). */
export function createReceipts(db: Database.Database, audit: AuditLog, now: Clock) {
  const exists = db.prepare('SELECT 1 FROM settlements WHERE id = ?').pluck();
  const insert = db.prepare('INSERT INTO receipt_prints (settlement_id, printed_at, pdf_path, operator_id) VALUES (?, ?, ?, ?)');
  const count = db.prepare('SELECT count(*) FROM receipt_prints WHERE settlement_id = ?').pluck();

  /** Returns the reprint count after this print: 0 for the first print. */
  function recordPrint(settlementId: string, pdfPath: string, operatorId?: string): number {
    return db
      .transaction(() => {
        if (!exists.get(settlementId)) throw new LedgerError('settlement-not-found', `找不到结算单：${settlementId}`);
        insert.run(settlementId, localTimestamp(now()), pdfPath, operatorId ?? null);
        const reprints = (count.get(settlementId) as number) - 1;
        audit.append({
          actor: operatorId ?? 'system',
          action: reprints === 0 ? 'receipt.print' : 'receipt.reprint',
          subject: settlementId,
          detail: { pdfPath, reprints },
        });
        return reprints;
      })
      .immediate();
  }

  function prints(settlementId: string): Array<{ printedAt: string; pdfPath: string; operatorId: string | null }> {
    return (
      db.prepare('SELECT printed_at, pdf_path, operator_id FROM receipt_prints WHERE settlement_id = ? ORDER BY id').all(settlementId) as Array<
        Record<string, string | null>
      >
    ).map((r) => ({ printedAt: r.printed_at!, pdfPath: r.pdf_path!, operatorId: r.operator_id ?? null }));
  }

  return { recordPrint, prints };
}

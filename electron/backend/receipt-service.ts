import { ledgerStamp } from '../../shared/time';
import { join } from 'node:path';
import { buildReceiptModel, renderReceiptHtml, renderReceiptPdf, type Paper } from '../receipt';
import type { Ledger } from '../ledger';
import { renderThermalReceipt, sendToPrinter } from '../printer';
import type { Logger } from './logger';
import { privateDir, privateFiles } from './private-files';
import type { TerminalSettings } from './terminal-settings';

export interface ReceiptOutcome {
  pdfPath: string | null;
  printed: boolean;
  warning: string | null;
}

/** The shell's printer: Electron prints the receipt page silently to the named printer; browser mode has none. */
export type PrintReceipt = (job: { settlementId: string; pdfPath: string; html: string }, printer: TerminalSettings['printer']) => Promise<void>;

export interface ReceiptDeps {
  ledger: () => Ledger;
  dir: string;
  logger: Logger;
  printReceipt?: PrintReceipt;
  regionName: (region: string) => string | undefined;
  /** True while the bureau is the built-in simulator: every receipt then says 演示. */
  demo?: () => boolean;
}

/** Where copy `reprint` (0 = the original) of a settlement's receipt PDF is archived. */
export const receiptPdfPath = (dir: string, settlementId: string, reprint: number): string => join(dir, `${settlementId}${reprint > 0 ? `-reprint${reprint}` : ''}.pdf`);

/** The terminal's receipt font; without one the receipt module falls back to ONEBILL_RECEIPT_FONT, then Noto. */
const receiptFontOf = (settings: TerminalSettings) => (settings.receiptFont ? { path: settings.receiptFont } : undefined);

type StoredSettlement = NonNullable<Awaited<ReturnType<Ledger['getSettlement']>>>;

/** The receipt model of a stored settlement, as `operator` prints copy number `reprint` of it now. */
async function receiptModelOf(deps: ReceiptDeps, record: StoredSettlement, operator: { id: string; name: string }, settings: TerminalSettings, reprint: number) {
  const prescriptions = (await deps.ledger().catalogue.saleLines(record.id))
    .filter((l) => l.prescribingHospital !== null)
    .map((l) => ({ lineNo: l.lineNo, hospital: l.prescribingHospital!, level: l.prescribingLevel, number: l.prescriptionNo }));
  const source = await deps.ledger().settlementSources.sourceOf(record.id);
  const rt = await deps.ledger().realtime.recordOf(record.id);
  const centre = (rt?.centre as { setlinfo?: { hifp_pay?: string; hifmi_pay?: string; maf_pay?: string } } | undefined)?.setlinfo;
  const realtime =
    rt && centre ? { setlId: rt.setlId, basic: centre.hifp_pay ?? '0.00', catastrophic: centre.hifmi_pay ?? '0.00', assistance: centre.maf_pay ?? '0.00' } : null;
  return buildReceiptModel(
    { ...record, source, realtime },
    {
      hospital: { name: settings.hospital.name, code: settings.hospital.code },
      operator,
      printedAt: ledgerStamp(deps.ledger().now()),
      reprint,
      regionName: deps.regionName(record.policy.region),
      prescriptions,
      demo: deps.demo?.() ?? false,
    },
  );
}

/**
 * The receipt of a stored settlement as a script-free HTML document (restrictive CSP), for the
 * window's sandboxed preview: the latest copy as printed (补打 n when it was reprinted), or the
 * first copy when it was never printed. Null when the settlement does not exist.
 */
export function createReceiptPreview(deps: ReceiptDeps) {
  return async function previewReceipt(settlementId: string, operator: { id: string; name: string }, settings: TerminalSettings, paper: Paper): Promise<string | null> {
    const record = await deps.ledger().getSettlement(settlementId);
    if (!record) return null;
    return renderReceiptHtml(await receiptModelOf(deps, record, operator, settings, Math.max(0, record.printCount - 1)), { paper });
  };
}

/**
 * Renders the one-page receipt of a STORED settlement into `<userDataDir>/receipts/` and hands it
 * to the printer. Called only after the ledger committed the settlement and its outbox row, so a
 * receipt failure is a warning, never a lost settlement.
 */
export function createReceiptService(deps: ReceiptDeps) {
  return async function printReceipt(settlementId: string, operator: { id: string; name: string }, settings: TerminalSettings): Promise<ReceiptOutcome> {
    const ledger = deps.ledger();
    const record = await ledger.getSettlement(settlementId);
    if (!record) return { pdfPath: null, printed: false, warning: `找不到结算单 ${settlementId}` };
    const reprint = record.printCount;
    let pdfPath: string;
    let html: string;
    let model: Awaited<ReturnType<typeof receiptModelOf>>;
    try {
      model = await receiptModelOf(deps, record, operator, settings, reprint);
      html = renderReceiptHtml(model);
      privateDir(deps.dir);
      const out = receiptPdfPath(deps.dir, settlementId, reprint);
      pdfPath = (await renderReceiptPdf(model, { paper: settings.printer.paper, outPath: out, font: receiptFontOf(settings) })).path;
      privateFiles(pdfPath);
      await ledger.recordPrint(settlementId, pdfPath, operator.id);
    } catch (error) {
      deps.logger.error(`receipt ${settlementId}`, error);
      return { pdfPath: null, printed: false, warning: '结算已保存，但结算单生成失败（详情已记录在日志中），请检查结算单字体设置后补打' };
    }
    // The counter's ESC/POS printer, when the site file or this window's settings name one.
    const thermal = settings.thermalPrinter;
    if (thermal) {
      // A pharmacy counter: the roll printer gets the receipt at its width; the A5 PDF stays the archive copy.
      try {
        await sendToPrinter(thermal.connection, renderThermalReceipt(model, thermal.width, { cut: thermal.cut }));
        return { pdfPath, printed: true, warning: null };
      } catch (error) {
        deps.logger.error(`thermal print ${settlementId}`, error);
        return { pdfPath, printed: false, warning: `结算已保存，结算单已存档，但小票打印失败：${(error as Error).message}` };
      }
    }
    if (!deps.printReceipt) return { pdfPath, printed: false, warning: null };
    try {
      await deps.printReceipt({ settlementId, pdfPath, html }, settings.printer);
      return { pdfPath, printed: true, warning: null };
    } catch (error) {
      deps.logger.error(`print ${settlementId}`, error);
      return { pdfPath, printed: false, warning: '结算已保存，结算单已存档，但打印失败（详情已记录在日志中），请检查打印机后补打' };
    }
  };
}

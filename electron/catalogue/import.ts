import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { err, fail, type Failure, type Result } from '../../shared/result';
import type { CatalogueFormat, CatalogueRow, Ledger } from '../ledger';
import { readRows, type RawRow, type ReadCounter } from '../roster';
import { findCatalogueColumns, type CatalogueColumnIndex } from './columns';
import { sniffCatalogueFormat } from './format';
import { parse1301Row, read1301Rows } from './national-1301';
import { isRejection, parseCatalogueRow, type RowRejection } from './parse-row';
import { parseRatio } from './values';

export interface ImportCatalogueOptions {
  /** Shown in the version list; defaults to the file's name. */
  sourceName?: string;
  /** The day the catalogue applies from (YYYY-MM-DD); defaults to the import day. */
  effectiveDate?: string;
  operatorId?: string;
  /** The 1301 file has no self-pay ratio: the one its 乙类 drugs take (e.g. "0.05"), until 1319/a shop file gives one. */
  bRatio?: string;
  onProgress?: (progress: CatalogueImportProgress) => void;
  signal?: AbortSignal;
  /** How many bad rows to list in full (all are counted). */
  maxRejectedListed?: number;
}

export interface CatalogueImportProgress {
  rowsRead: number;
  imported: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number;
}

export interface CatalogueImportSummary {
  versionId: number;
  effectiveOn: string;
  imported: number;
  /** Rows the file marks invalid (1301 有效标志 0), not imported and not errors. */
  skipped: number;
  rejected: RowRejection[];
  rejectedCount: number;
  format: CatalogueFormat;
}

export type CatalogueImportOutcome = Result<CatalogueImportSummary, Failure & { rejected?: RowRejection[]; rejectedCount?: number }>;

const HEADER_SEARCH_ROWS = 10;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Imports a drug catalogue file as one new catalogue version, in effect from `effectiveDate`:
 * every good row in ONE transaction on a connection of its own, every bad row reported with its
 * line and reason, nothing kept when anything fails. Rows stream through in batches, a repeated
 * code is caught by the table's key, so memory does not grow with the file.
 */
export async function importCatalogue(ledger: Pick<Ledger, 'catalogueImport'>, filePath: string, options: ImportCatalogueOptions = {}): Promise<CatalogueImportOutcome> {
  if (options.effectiveDate !== undefined && !DATE.test(options.effectiveDate)) {
    return fail('catalogue-bad-date', `目录生效日期格式应为 YYYY-MM-DD：${options.effectiveDate}`);
  }
  if (options.bRatio !== undefined) {
    const ratio = parseRatio(options.bRatio);
    if ('error' in ratio || ratio.value === null) return fail('catalogue-bad-ratio', `乙类先行自付比例格式错误：${options.bRatio}`);
  }
  const sniffed = await sniffCatalogueFormat(filePath).catch(() => undefined);
  if (sniffed === undefined) return fail('catalogue-file-unreadable', `无法读取目录文件：${filePath}`);
  if (sniffed === 'xls') return fail('catalogue-unsupported-format', '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入');

  const maxListed = options.maxRejectedListed ?? 10_000;
  const rejected: RowRejection[] = [];
  let rejectedCount = 0;
  const reject = (r: RowRejection) => {
    rejectedCount++;
    if (rejected.length < maxListed) rejected.push(r);
  };
  const totalBytes = (await stat(filePath)).size;
  const counter: ReadCounter = { bytesRead: 0 };
  const sourceName = options.sourceName ?? basename(filePath);
  const bRatio = options.bRatio === undefined ? undefined : (parseRatio(options.bRatio) as { value: string }).value;

  const rows: AsyncIterable<RawRow[]> = sniffed.format === 'nhsa-1301' ? read1301Rows(filePath, sniffed.zipped, counter) : readRows(filePath, sniffed.format, counter);
  try {
    return await ledger.catalogueImport(async (session) => {
      let columns: CatalogueColumnIndex | undefined;
      let version: { versionId: number; effectiveOn: string } | undefined;
      let rowsRead = 0;
      let imported = 0;
      let skipped = 0;
      // Anything but a complete import keeps nothing: throwing rolls the transaction back.
      const refuse = (code: string, message: string): never => {
        throw new ImportRefused(err({ code, message, rejected, rejectedCount }));
      };
      for await (const batch of rows) {
        if (options.signal?.aborted) throw new ImportCancelled();
        const good: CatalogueRow[] = [];
        for (const row of batch) {
          if (sniffed.format !== 'nhsa-1301' && !columns) {
            columns = findCatalogueColumns(row.cells);
            if (!columns && row.line >= HEADER_SEARCH_ROWS) refuse('catalogue-missing-columns', `前 ${HEADER_SEARCH_ROWS} 行中找不到表头（须含“药品编码”“药品名称”列）`);
            continue;
          }
          if (!row.error && row.cells.every((c) => c === '')) continue;
          const parsed = sniffed.format === 'nhsa-1301' ? parse1301Row(row, { bRatio }) : parseCatalogueRow(row, columns!);
          if (parsed === 'skip') {
            skipped++;
            continue;
          }
          rowsRead++;
          if (isRejection(parsed)) reject(parsed);
          else good.push(parsed);
        }
        if (good.length) {
          version ??= await session.openVersion({ sourceName, format: sniffed.format, effectiveOn: options.effectiveDate, operatorId: options.operatorId });
          const duplicates = await session.addDrugs(version.versionId, good);
          imported += good.length - duplicates.length;
          for (const d of duplicates) reject({ line: d.line, code: 'catalogue-duplicate', reason: `药品编码与第 ${d.duplicateOf} 行重复` });
        }
        options.onProgress?.({ rowsRead, imported, rejected: rejectedCount, bytesRead: counter.bytesRead, totalBytes });
      }
      if (sniffed.format !== 'nhsa-1301' && !columns) refuse('catalogue-missing-columns', '目录为空或找不到表头（须含“药品编码”“药品名称”列）');
      if (!version || imported === 0) refuse('catalogue-nothing-valid', `目录中没有一行合格（${rejectedCount} 行有误），未导入`);
      const { versionId, effectiveOn } = version!;
      await session.closeVersion(versionId, imported, rejectedCount);
      await session.audit({
        actor: options.operatorId ?? 'system',
        action: 'catalogue.import',
        subject: String(versionId),
        detail: { sourceName, format: sniffed.format, imported, rejected: rejectedCount, skipped, effectiveOn },
      });
      return { ok: true as const, value: { versionId, effectiveOn, imported, skipped, rejected, rejectedCount, format: sniffed.format } };
    });
  } catch (error) {
    if (error instanceof ImportRefused) return error.outcome;
    if (error instanceof ImportCancelled) return fail('catalogue-import-cancelled', '目录导入已取消，未导入任何数据');
    return fail('catalogue-import-failed', `目录导入失败，未导入任何数据：${(error as Error).message}`);
  }
}

class ImportRefused extends Error {
  constructor(readonly outcome: CatalogueImportOutcome) {
    super('import refused');
  }
}

class ImportCancelled extends Error {}

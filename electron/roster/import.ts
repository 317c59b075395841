import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { localDate, localTimestamp } from '../ledger/clock';
import type { Ledger } from '../ledger';
import type { AppError } from '../ledger/result';
import { createRosterWriter } from '../ledger/rosters';
import { findColumns, missingColumns, type ColumnIndex } from './columns';
import type { IdentityCodeMapper } from './identity';
import { isRejection, parseRosterRow, type RowContext, type RowRejection } from './parse-row';
import { readRows, sniffFormat, type ReadCounter } from './read-rows';
import { validRosterDate } from './roster-date';

export interface ImportRosterOptions {
  /** Shown in the version list; defaults to the file's name. */
  sourceName?: string;
  /** The roster's pooling region: fills an empty 统筹区划 and picks the code table for mapping. */
  region?: string;
  /**
   * The month or day the roster is for ("2020-03" or "2020-03-20"): the version answers questions
   * about dates from then on (a month from its first day). Defaults to the import day.
   */
  rosterDate?: string;
  operatorId?: string;
  mapIdentityCode?: IdentityCodeMapper;
  onProgress?: (progress: RosterImportProgress) => void;
  signal?: AbortSignal;
  /** How many bad rows to list in full (all are counted); memory stays bounded on a bad file. */
  maxRejectedListed?: number;
}

export interface RosterImportProgress {
  rowsRead: number;
  imported: number;
  rejected: number;
  /** Bytes of the file read so far, out of totalBytes. */
  bytesRead: number;
  totalBytes: number;
}

export interface RosterImportSummary {
  versionId: number;
  imported: number;
  rejected: RowRejection[];
  rejectedCount: number;
  format: 'csv' | 'xlsx';
}

export type RosterImportOutcome =
  | { ok: true; value: RosterImportSummary }
  | { ok: false; error: AppError & { rejected?: RowRejection[]; rejectedCount?: number } };

const HEADER_SEARCH_ROWS = 10;

/**
 * Imports a roster file as one new roster version: every good row in ONE transaction on a
 * connection of its own (so the cashier's connection never joins it), every bad row reported
 * with its line and reason, nothing kept when anything fails. Rows stream through in batches;
 * duplicates are caught by the table's primary key, so memory does not grow with the file.
 *
 * The import holds the ledger's write lock until it commits: run it off the thread that commits
 * settlements (a worker), whose writes then wait for it (busy timeout 15 s).
 */
export async function importRoster(ledger: Ledger, filePath: string, options: ImportRosterOptions = {}): Promise<RosterImportOutcome> {
  if (options.rosterDate !== undefined && validRosterDate(options.rosterDate) === undefined) {
    return failure('roster-bad-date', `名单日期格式应为 YYYY-MM（名单所属月份）或 YYYY-MM-DD：${options.rosterDate}`);
  }
  const format = await sniffFormat(filePath).catch(() => undefined);
  if (format === undefined) return failure('roster-file-unreadable', `无法读取名单文件：${filePath}`);
  if (format === 'xls') return failure('roster-unsupported-format', '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入');

  const maxListed = options.maxRejectedListed ?? 10_000;
  const rejected: RowRejection[] = [];
  let rejectedCount = 0;
  const reject = (r: RowRejection) => {
    rejectedCount++;
    if (rejected.length < maxListed) rejected.push(r);
  };

  const totalBytes = (await stat(filePath)).size;
  const counter: ReadCounter = { bytesRead: 0 };
  const db = ledger.openConnection();
  let inTransaction = false;
  try {
    const writer = createRosterWriter(db);
    let columns: ColumnIndex | undefined;
    let rowContext: RowContext | undefined;
    let versionId = 0;
    let rowsRead = 0;
    let imported = 0;

    for await (const batch of readRows(filePath, format, counter)) {
      if (options.signal?.aborted) throw new ImportCancelled();
      for (const row of batch) {
        if (!columns) {
          columns = findColumns(row.cells);
          if (!columns) {
            if (row.line >= HEADER_SEARCH_ROWS) return failure('roster-missing-columns', `前 ${HEADER_SEARCH_ROWS} 行中找不到表头（须含“姓名”“证件号码”等列）`);
            continue;
          }
          const missing = missingColumns(columns);
          if (missing.length) return failure('roster-missing-columns', `名单缺少列：${missing.join('、')}`);
          db.exec('BEGIN IMMEDIATE');
          inTransaction = true;
          const at = ledger.now();
          versionId = writer.openVersion({
            importedAt: localTimestamp(at),
            importedOn: localDate(at),
            rosterDate: options.rosterDate ?? localDate(at),
            sourceName: options.sourceName ?? basename(filePath),
            region: options.region ?? null,
            operatorId: options.operatorId ?? null,
          });
          continue;
        }
        if (!row.error && row.cells.every((c) => c === '')) continue;
        rowsRead++;
        rowContext ??= { columns, region: options.region, mapIdentityCode: options.mapIdentityCode };
        const parsed = parseRosterRow(row, rowContext);
        if (isRejection(parsed)) {
          reject(parsed);
          continue;
        }
        const added = writer.addPerson(versionId, parsed);
        if (added.ok) imported++;
        else reject({ line: row.line, code: 'roster-duplicate', reason: `与第 ${added.duplicateOf} 行重复（同一证件号码、同一身份类别）` });
      }
      options.onProgress?.({ rowsRead, imported, rejected: rejectedCount, bytesRead: counter.bytesRead, totalBytes });
    }

    if (!columns) return failure('roster-missing-columns', '名单为空或找不到表头');
    if (imported === 0) {
      return { ok: false, error: { code: 'roster-nothing-valid', message: `名单中没有一行合格（${rejectedCount} 行有误），未导入`, rejected, rejectedCount } };
    }
    writer.closeVersion(versionId, imported, rejectedCount);
    ledger.auditOn(db).append({
      actor: options.operatorId ?? 'system',
      action: 'roster.import',
      subject: String(versionId),
      detail: { sourceName: options.sourceName ?? basename(filePath), format, imported, rejected: rejectedCount, rosterDate: options.rosterDate },
    });
    db.exec('COMMIT');
    inTransaction = false;
    return { ok: true, value: { versionId, imported, rejected, rejectedCount, format } };
  } catch (error) {
    if (error instanceof ImportCancelled) return failure('roster-import-cancelled', '名单导入已取消，未导入任何数据');
    return failure('roster-import-failed', `名单导入失败，未导入任何数据：${(error as Error).message}`);
  } finally {
    if (inTransaction) db.exec('ROLLBACK');
    db.close();
  }
}

class ImportCancelled extends Error {}

function failure(code: string, message: string): RosterImportOutcome {
  return { ok: false, error: { code, message } };
}

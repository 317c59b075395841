import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { err, fail, ok, type Failure, type Result } from '../../shared/result';
import { businessDate, ledgerStamp } from '../../shared/time';
import type { Ledger, RosterImportSession, RosterPersonRow } from '../ledger';
import { findColumns, missingColumns, type ColumnIndex } from './columns';
import type { IdentityCodeMapper } from './identity';
import { isRejection, parseRosterRow, type RowContext, type RowRejection } from './parse-row';
import { readRows, sniffFormat, type ReadCounter } from './read-rows';
import { validRosterDate } from './roster-date';

export interface ImportRosterOptions {
  /** Shown in the version list; defaults to the file's name. */
  sourceName?: string;
  /** The roster's pooling region: fills an empty 统筹区划; its code table reads rows whose area no policy file covers. */
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

export type RosterImportOutcome = Result<RosterImportSummary, Failure & { rejected?: RowRejection[]; rejectedCount?: number }>;

const HEADER_SEARCH_ROWS = 10;

/**
 * Imports a roster file as one new roster version: every good row in ONE ledger transaction of
 * its own (`ledger.rosterImport`), every bad row reported with its line and reason, nothing kept
 * when anything fails. Rows stream through in batches; duplicates are caught by the table's
 * primary key, so memory does not grow with the file.
 *
 * On SQLite the import holds the file's write lock until it commits: settlements committed
 * meanwhile wait for it (busy timeout 15 s).
 */
export async function importRoster(ledger: Pick<Ledger, 'rosterImport' | 'now'>, filePath: string, options: ImportRosterOptions = {}): Promise<RosterImportOutcome> {
  if (options.rosterDate !== undefined && validRosterDate(options.rosterDate) === undefined) {
    return fail('roster-bad-date', `名单日期格式应为 YYYY-MM（名单所属月份）或 YYYY-MM-DD：${options.rosterDate}`);
  }
  const format = await sniffFormat(filePath).catch(() => undefined);
  if (format === undefined) return fail('roster-file-unreadable', `无法读取名单文件：${filePath}`);
  if (format === 'xls') return fail('roster-unsupported-format', '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入');

  const maxListed = options.maxRejectedListed ?? 10_000;
  const rejected: RowRejection[] = [];
  let count = 0;
  const reject = Object.assign(
    (r: RowRejection) => {
      count++;
      if (rejected.length < maxListed) rejected.push(r);
    },
    { count: () => count, listed: rejected },
  );
  const rejectedCount = () => count;

  const totalBytes = (await stat(filePath)).size;
  const counter: ReadCounter = { bytesRead: 0 };
  try {
    return await ledger.rosterImport(async (session) => {
      const outcome = await importRows(session, filePath, format, counter, totalBytes, options, ledger.now, reject);
      // Anything but a complete import keeps nothing: throwing rolls the transaction back.
      if (!outcome.ok) throw new ImportRefused(outcome);
      rejected.sort((a, b) => a.line - b.line);
      return { ok: true as const, value: { ...outcome.value, rejected, rejectedCount: rejectedCount() } };
    });
  } catch (error) {
    if (error instanceof ImportRefused) {
      rejected.sort((a, b) => a.line - b.line);
      return error.outcome;
    }
    if (error instanceof ImportCancelled) return fail('roster-import-cancelled', '名单导入已取消，未导入任何数据');
    return fail('roster-import-failed', `名单导入失败，未导入任何数据：${(error as Error).message}`);
  }
}

async function importRows(
  session: RosterImportSession,
  filePath: string,
  format: 'csv' | 'xlsx',
  counter: ReadCounter,
  totalBytes: number,
  options: ImportRosterOptions,
  now: () => Date,
  reject: { (r: RowRejection): void; count(): number; listed: RowRejection[] },
): Promise<RosterImportOutcome> {
  let columns: ColumnIndex | undefined;
  let rowContext: RowContext | undefined;
  let versionId = 0;
  let rowsRead = 0;
  let imported = 0;

  for await (const batch of readRows(filePath, format, counter)) {
    if (options.signal?.aborted) throw new ImportCancelled();
    const good: Array<{ line: number; person: RosterPersonRow }> = [];
    for (const row of batch) {
      if (!columns) {
        columns = findColumns(row.cells);
        if (!columns) {
          if (row.line >= HEADER_SEARCH_ROWS) return fail('roster-missing-columns', `前 ${HEADER_SEARCH_ROWS} 行中找不到表头（须含“姓名”“证件号码”等列）`);
          continue;
        }
        const missing = missingColumns(columns);
        if (missing.length) return fail('roster-missing-columns', `名单缺少列：${missing.join('、')}`);
        const at = now();
        versionId = await session.openVersion({
          importedAt: ledgerStamp(at),
          importedOn: businessDate(at),
          rosterDate: options.rosterDate ?? businessDate(at),
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
      if (isRejection(parsed)) reject(parsed);
      else good.push({ line: row.line, person: parsed });
    }
    const added = await session.addPeople(
      versionId,
      good.map((g) => g.person),
    );
    added.forEach((a, i) => {
      if (a.ok) imported++;
      else reject({ line: good[i]!.line, code: 'roster-duplicate', reason: `与第 ${a.duplicateOf} 行重复（同一证件号码、同一身份类别）` });
    });
    options.onProgress?.({ rowsRead, imported, rejected: reject.count(), bytesRead: counter.bytesRead, totalBytes });
  }

  if (!columns) return fail('roster-missing-columns', '名单为空或找不到表头');
  if (imported === 0) {
    return err({
      code: 'roster-nothing-valid',
      message: `名单中没有一行合格（${reject.count()} 行有误），未导入`,
      rejected: reject.listed,
      rejectedCount: reject.count(),
    });
  }
  await session.closeVersion(versionId, imported, reject.count());
  await session.audit({
    actor: options.operatorId ?? 'system',
    action: 'roster.import',
    subject: String(versionId),
    detail: { sourceName: options.sourceName ?? basename(filePath), format, imported, rejected: reject.count(), rosterDate: options.rosterDate },
  });
  return ok({ versionId, imported, rejected: reject.listed, rejectedCount: reject.count(), format });
}

class ImportRefused extends Error {
  constructor(readonly outcome: RosterImportOutcome) {
    super('roster import refused');
  }
}

class ImportCancelled extends Error {}

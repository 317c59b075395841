import { checkCitizenId } from '../../shared/card';
import type { RosterPersonRow } from '../ledger';
import type { ColumnIndex, RosterColumn } from './columns';
import { resolveIdentity, type IdentityCodeMapper } from './identity';
import type { RawCell, RawRow } from './raw-row';
import { parseRosterDate } from './roster-date';

export interface RowRejection {
  line: number;
  code: string;
  reason: string;
}

export interface RowContext {
  columns: ColumnIndex;
  /** The roster's region: fills an empty 统筹区划, and maps the codes of a row whose area no policy file covers. */
  region?: string;
  mapIdentityCode?: IdentityCodeMapper;
}

const text = (cell: RawCell | undefined): string => (cell === undefined ? '' : typeof cell === 'string' ? cell.trim() : '');

/** Spreadsheet exports protect long numbers as ="4407..." or '4407...; take the digits back. */
const unprotect = (value: string) =>
  value.startsWith('=') || value.startsWith("'")
    ? value
        .replace(/^="(.*)"$/, '$1')
        .replace(/^'/, '')
        .trim()
    : value;

function cellOf(row: RawRow, ctx: RowContext, column: RosterColumn): RawCell | undefined {
  const at = ctx.columns[column];
  return at === undefined ? undefined : row.cells[at];
}

function rejection(row: RawRow, code: string, reason: string): RowRejection {
  return { line: row.line, code, reason };
}

function hasReplacementChar(cells: RawCell[]): boolean {
  for (const c of cells) if (typeof c === 'string' && c.includes('\uFFFD')) return true;
  return false;
}

/**
 * Checks one data row; every failure is a Chinese reason the person fixing the file can act on.
 * (Runs a million times per big roster: no closures per row.)
 */
export function parseRosterRow(row: RawRow, ctx: RowContext): RosterPersonRow | RowRejection {
  if (row.error) return rejection(row, 'roster-bad-line', row.error);
  if (hasReplacementChar(row.cells)) {
    return rejection(row, 'roster-bad-encoding', '含无法识别的字符（文件编码有误，请另存为 UTF-8 或 GBK）');
  }
  const name = text(cellOf(row, ctx, 'name'));
  if (!name) return rejection(row, 'roster-name-missing', '姓名为空');

  const rawCertno = unprotect(text(cellOf(row, ctx, 'certno')));
  const certno = checkCitizenId(rawCertno);
  if (!certno.ok) return rejection(row, certno.error.code, `证件号码“${rawCertno}”：${certno.error.message}`);

  const regionCode = text(cellOf(row, ctx, 'region')) || ctx.region || '';
  if (!regionCode) return rejection(row, 'roster-region-missing', '统筹区划为空');

  const identityRaw = text(cellOf(row, ctx, 'identity'));
  // A row's codes are its own area's (its 统筹区划), not the importing region's.
  const identity = resolveIdentity(identityRaw, regionCode, ctx.mapIdentityCode, ctx.region);
  if (!identity) return rejection(row, 'roster-identity-unknown', identityRaw ? `身份类别无法识别：${identityRaw}` : '身份类别为空');

  const beginCell = cellOf(row, ctx, 'beginDate') ?? '';
  const beginDate = parseRosterDate(beginCell);
  if (!beginDate) return rejection(row, 'roster-bad-date', `开始日期格式错误：${text(beginCell) || '（空）'}（应为 YYYY-MM-DD）`);
  const endCell = cellOf(row, ctx, 'endDate') ?? '';
  const endEmpty = typeof endCell === 'string' && endCell.trim() === '';
  const endDate = endEmpty ? null : parseRosterDate(endCell);
  if (endDate === undefined) return rejection(row, 'roster-bad-date', `结束日期格式错误：${text(endCell)}（应为 YYYY-MM-DD，长期有效可留空）`);
  if (endDate !== null && endDate < beginDate) return rejection(row, 'roster-end-before-start', `结束日期 ${endDate} 早于开始日期 ${beginDate}`);

  const certificate = unprotect(text(cellOf(row, ctx, 'certificate'))) || null;
  return { line: row.line, name, certno: certno.value, identity, identityRaw, beginDate, endDate, regionCode, certificate };
}

export function isRejection(value: RosterPersonRow | RowRejection): value is RowRejection {
  return 'reason' in value;
}

import { checkCitizenId } from '../../shared/card';
import type { RosterPersonRow } from '../ledger/rosters';
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
  /** The roster's region when a row leaves 统筹区划 empty; also the region for code mapping. */
  region?: string;
  mapIdentityCode?: IdentityCodeMapper;
}

const text = (cell: RawCell | undefined): string => (cell === undefined ? '' : typeof cell === 'string' ? cell.trim() : '');

/** Spreadsheet exports protect long numbers as ="4407..." or '4407...; take the digits back. */
const unprotect = (value: string) => value.replace(/^="(.*)"$/, '$1').replace(/^'/, '').trim();

/** Checks one data row; every failure is a Chinese reason the person fixing the file can act on. */
export function parseRosterRow(row: RawRow, ctx: RowContext): RosterPersonRow | RowRejection {
  const cell = (column: RosterColumn) => {
    const at = ctx.columns[column];
    return at === undefined ? undefined : row.cells[at];
  };
  const reject = (code: string, reason: string): RowRejection => ({ line: row.line, code, reason });

  if (row.cells.some((c) => typeof c === 'string' && c.includes('\uFFFD'))) {
    return reject('roster-bad-encoding', '含无法识别的字符（文件编码有误，请另存为 UTF-8 或 GBK）');
  }
  const name = text(cell('name'));
  if (!name) return reject('roster-name-missing', '姓名为空');

  const rawCertno = unprotect(text(cell('certno')));
  const certno = checkCitizenId(rawCertno);
  if (!certno.ok) return reject(certno.error.code, `证件号码“${rawCertno}”：${certno.error.message}`);

  const regionCode = text(cell('region')) || ctx.region || '';
  if (!regionCode) return reject('roster-region-missing', '统筹区划为空');

  const identityRaw = text(cell('identity'));
  const identity = resolveIdentity(identityRaw, ctx.region ?? regionCode, ctx.mapIdentityCode);
  if (!identity) return reject('roster-identity-unknown', identityRaw ? `身份类别无法识别：${identityRaw}` : '身份类别为空');

  const beginCell = cell('beginDate') ?? '';
  const beginDate = parseRosterDate(beginCell);
  if (!beginDate) return reject('roster-bad-date', `开始日期格式错误：${String(text(beginCell) || '（空）')}（应为 YYYY-MM-DD）`);
  const endCell = cell('endDate') ?? '';
  const endEmpty = typeof endCell === 'string' && endCell.trim() === '';
  const endDate = endEmpty ? null : parseRosterDate(endCell);
  if (endDate === undefined) return reject('roster-bad-date', `结束日期格式错误：${text(endCell)}（应为 YYYY-MM-DD，长期有效可留空）`);
  if (endDate !== null && endDate < beginDate) return reject('roster-end-before-start', `结束日期 ${endDate} 早于开始日期 ${beginDate}`);

  const certificate = unprotect(text(cell('certificate'))) || null;
  return { line: row.line, name, certno: certno.value, identity, identityRaw, beginDate, endDate, regionCode, certificate };
}

export function isRejection(value: RosterPersonRow | RowRejection): value is RowRejection {
  return 'reason' in value;
}

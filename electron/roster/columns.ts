import type { RawCell } from './raw-row';

/** The roster columns of bureau.md §4 and the header names they go by. */
export const ROSTER_COLUMNS = {
  name: ['姓名'],
  certno: ['证件号码', '身份证号码', '身份证号', '公民身份号码'],
  identity: ['身份类别', '人员身份类别', '身份类型', '人员类别'],
  beginDate: ['开始日期', '起始日期', '认定日期'],
  endDate: ['结束日期', '终止日期', '截止日期'],
  region: ['统筹区划', '统筹区', '统筹地区', '参保地'],
  certificate: ['就医证号', '就医证编号'],
} as const;

export type RosterColumn = keyof typeof ROSTER_COLUMNS;
export type ColumnIndex = Record<RosterColumn, number | undefined>;

const REQUIRED: readonly RosterColumn[] = ['name', 'certno', 'identity', 'beginDate', 'endDate', 'region'];

/** A header cell as compared with column names: no BOM, no white space. */
export const normaliseHeader = (cell: RawCell) => (typeof cell === 'string' ? cell.replace(/^\uFEFF/, '').replace(/\s+/g, '') : '');

/** Column positions from a header row, or undefined when it is not the header. */
export function findColumns(cells: RawCell[]): ColumnIndex | undefined {
  const names = cells.map(normaliseHeader);
  const index = Object.fromEntries(
    (Object.keys(ROSTER_COLUMNS) as RosterColumn[]).map((column) => {
      const at = names.findIndex((n) => (ROSTER_COLUMNS[column] as readonly string[]).includes(n));
      return [column, at >= 0 ? at : undefined];
    }),
  ) as ColumnIndex;
  return index.name !== undefined && index.certno !== undefined ? index : undefined;
}

/** Header names of required columns the header lacks. */
export function missingColumns(index: ColumnIndex): string[] {
  return REQUIRED.filter((c) => index[c] === undefined).map((c) => ROSTER_COLUMNS[c][0]);
}

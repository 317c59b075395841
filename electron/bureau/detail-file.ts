/**
 * The two TAB-separated files of 3202 (national-platform.md §16.2): the hospital's detail file, one
 * settlement per line (setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay,
 * refd_setl_flag), and the centre's result.txt (psn_no, mdtrt_id, setl_id, msgid, stmt_rslt,
 * refd_setl_flag, memo, medfee_sumamt, fund_pay_sumamt, acct_pay; the text `null` for empty).
 * Both sides read and write them here: the client and the simulator.
 */
export interface DetailLine {
  setlId: string;
  mdtrtId: string;
  psnNo: string;
  medfeeSumamt: string;
  fundPaySumamt: string;
  acctPay: string;
  /** 0 a settlement, 1 a refund (reversal). */
  refdSetlFlag: string;
}

export const DETAIL_FILE_NAME = 'detail.txt';
export const RESULT_FILE_NAME = 'result.txt';

const DETAIL_COLUMNS = ['setlId', 'mdtrtId', 'psnNo', 'medfeeSumamt', 'fundPaySumamt', 'acctPay', 'refdSetlFlag'] as const;
const AMOUNT = /^-?\d{1,14}(\.\d{1,2})?$/;

export function detailFileText(lines: readonly DetailLine[]): string {
  return lines.map((l) => DETAIL_COLUMNS.map((c) => l[c]).join('\t')).join('\n') + (lines.length ? '\n' : '');
}

/** The lines of a detail file, or the first line that is not one (1-based). */
export function parseDetailFile(text: string): { ok: true; lines: DetailLine[] } | { ok: false; line: number; message: string } {
  const lines: DetailLine[] = [];
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.trim() === '') continue;
    const cells = row.split('\t');
    if (cells.length !== DETAIL_COLUMNS.length) return { ok: false, line: i + 1, message: `应为 ${DETAIL_COLUMNS.length} 列，实为 ${cells.length} 列` };
    const line = Object.fromEntries(DETAIL_COLUMNS.map((c, k) => [c, cells[k]!.trim()])) as unknown as DetailLine;
    if (!line.setlId) return { ok: false, line: i + 1, message: '缺少 setl_id' };
    for (const c of ['medfeeSumamt', 'fundPaySumamt', 'acctPay'] as const)
      if (!AMOUNT.test(line[c])) return { ok: false, line: i + 1, message: `金额 ${line[c]} 格式错误` };
    if (!['0', '1'].includes(line.refdSetlFlag)) return { ok: false, line: i + 1, message: `refd_setl_flag ${line.refdSetlFlag} 应为 0 或 1` };
    lines.push(line);
  }
  return { ok: true, lines };
}

export interface ResultRow {
  psnNo: string | null;
  mdtrtId: string | null;
  setlId: string | null;
  msgid: string | null;
  /** §17.12: 0 对平, 1 中心多, 2 医药机构多, 3 数据不一致. */
  stmtRslt: string | null;
  refdSetlFlag: string | null;
  memo: string | null;
  medfeeSumamt: string | null;
  fundPaySumamt: string | null;
  acctPay: string | null;
}

const RESULT_COLUMNS = ['psnNo', 'mdtrtId', 'setlId', 'msgid', 'stmtRslt', 'refdSetlFlag', 'memo', 'medfeeSumamt', 'fundPaySumamt', 'acctPay'] as const;

export function resultFileText(rows: readonly ResultRow[]): string {
  const cell = (v: string | null) => (v === null || v === '' ? 'null' : v.replace(/[\t\r\n]/g, ' '));
  return rows.map((r) => RESULT_COLUMNS.map((c) => cell(r[c])).join('\t')).join('\n') + (rows.length ? '\n' : '');
}

export function parseResultFile(text: string): ResultRow[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((row) => row.trim() !== '')
    .map((row) => {
      const cells = row.split('\t');
      return Object.fromEntries(
        RESULT_COLUMNS.map((c, k) => [c, cells[k] === undefined || cells[k] === 'null' || cells[k] === '' ? null : cells[k]!.trim()]),
      ) as unknown as ResultRow;
    });
}

/**
 * HIS fee-detail import (费用明细). Two formats, both validated line by line so the cashier sees
 * every bad line at once ("第 3 行：单价不是有效数字"):
 *
 * - JSON: an array of lines in the case-file line format (settlement.md §6: code, name, class,
 *   price, qty, selfPayRatio, priceCap, kind, excessive, specificDrug, prescribedAtLevel,
 *   purchasePrice), or an object `{ title?, visit?, date?, patient?: { certno, name }, lines: [...] }`
 *   (the demo bills). A field given as null is absent. Errors name "第 n 条明细"; a file that is not
 *   JSON is explained with its line and column, never echoed.
 * - CSV (UTF-8, optional BOM), header row with these columns, in any order:
 *     项目编码,项目名称,类别,单价,数量,自付比例,限价,费用种类,药品进价[,单据号]
 *   Errors name the file's own line (the header is line 1). 单据号 (optional) is the HIS bill
 *   number, the same on every line that gives it; the JSON object form carries it as `hisBillNo`.
 *   类别: A/B/C or 甲/乙/丙; 自付比例: 乙类先行自付比例 0–1 (required for 乙类); 限价: optional price cap;
 *   费用种类: registration/diagnosis/drug/item/material or 挂号/诊查/药品/诊疗项目/材料 (optional).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { billSchema, isoDate, visitSchema } from '../../shared/contract';
import { billLineSchema, lineAmount, type BillLine } from '../../shared/engine';
import { formatMoney, sum } from '../../shared/money';
import { admissionContextSchema } from '../bureau';
import { BackendError, zodDetails } from './errors';
import { jsonProblem, looksBinary } from './json-syntax';

export type Bill = z.output<typeof billSchema>;

const MAX_LINES = 5000;

const hisBillNoSchema = z
  .union([z.string(), z.number().int().nonnegative()], { message: '单据号应为文字或整数' })
  .transform(String)
  .pipe(z.string().trim().min(1, '单据号为空').max(64, '单据号超过 64 个字符'));

const billHeaderSchema = z.object({
  title: z.string().optional(),
  visit: visitSchema.optional(),
  date: isoDate.optional(),
  patient: z.object({ certno: z.string(), name: z.string() }).optional(),
  /** 入院信息 for the 4101 settlement list: case number, departments, diagnoses, dates, ways, doctor. */
  admission: admissionContextSchema.optional(),
  /** 住院号/单据号: a number a HIS gives each bill (a number as text or an integer). */
  hisBillNo: hisBillNoSchema.optional(),
  lines: z.array(z.unknown()),
});

export const CSV_COLUMNS = {
  项目编码: 'code',
  项目名称: 'name',
  类别: 'class',
  单价: 'price',
  数量: 'qty',
  自付比例: 'selfPayRatio',
  限价: 'priceCap',
  费用种类: 'kind',
  药品进价: 'purchasePrice',
} as const;

/** Optional CSV column: the HIS bill number, the same on every line that gives it. */
const CSV_BILL_NO_COLUMN = '单据号';

const CLASS_NAMES: Record<string, string> = { 甲: 'A', 甲类: 'A', 乙: 'B', 乙类: 'B', 丙: 'C', 丙类: 'C' };
const KIND_NAMES: Record<string, string> = {
  挂号: 'registration',
  挂号费: 'registration',
  诊查: 'diagnosis',
  诊查费: 'diagnosis',
  药品: 'drug',
  诊疗项目: 'item',
  项目: 'item',
  材料: 'material',
  医用材料: 'material',
};

/**
 * Validates raw lines; every bad line is reported where the cashier finds it: `where(i)` names
 * line i — the file's own line number in a CSV (the header is line 1), "第 n 条明细" in JSON.
 */
export function validateLines(rawLines: unknown[], where: (index: number) => string = (i) => `第 ${i + 1} 条明细`): BillLine[] {
  if (rawLines.length === 0) throw new BackendError('bill-invalid', '费用明细为空');
  if (rawLines.length > MAX_LINES) throw new BackendError('bill-invalid', `费用明细超过 ${MAX_LINES} 行，请分单导入`);
  const lines: BillLine[] = [];
  const details: Array<{ path: string; message: string }> = [];
  rawLines.forEach((raw, index) => {
    const parsed = billLineSchema.safeParse(raw);
    if (parsed.success) lines.push(parsed.data);
    else for (const d of zodDetails(parsed.error)) details.push({ path: `lines.${index}${d.path ? `.${d.path}` : ''}`, message: `${where(index)}：${d.message}` });
  });
  if (details.length > 0) {
    const shown = details
      .slice(0, 3)
      .map((d) => d.message)
      .join('；');
    throw new BackendError('bill-invalid', `费用明细有 ${details.length} 处错误：${shown}${details.length > 3 ? '……' : ''}`, details.slice(0, 50));
  }
  return lines;
}

export function billFrom(source: string, title: string, lines: BillLine[], header: Omit<Partial<Bill>, 'lines' | 'total' | 'source' | 'title'> = {}): Bill {
  return billSchema.parse({
    source,
    title,
    lines,
    total: formatMoney(sum(lines.map(lineAmount))),
    ...header,
  });
}

export function importJsonBill(content: string, fileName = '费用明细.json'): Bill {
  const text = content.replace(/^\uFEFF/, '');
  if (looksBinary(text)) {
    throw new BackendError('bill-invalid', `费用明细文件「${fileName}」不是文本格式的 JSON（含二进制内容）：可能选错了文件，或文件不是 UTF-8 编码`);
  }
  const problem = jsonProblem(text);
  if (problem) {
    throw new BackendError('bill-invalid', `费用明细文件「${fileName}」不是有效的 JSON：第 ${problem.line} 行第 ${problem.column} 列，${problem.message}`);
  }
  const data: unknown = JSON.parse(text);
  if (Array.isArray(data)) return billFrom(fileName, fileName, validateLines(data));
  const header = billHeaderSchema.safeParse(data);
  if (!header.success) throw new BackendError('bill-invalid', '费用明细 JSON 应为明细行数组，或包含 lines 数组的对象', zodDetails(header.error));
  const { lines, title, ...rest } = header.data;
  return billFrom(fileName, title ?? fileName, validateLines(lines), rest);
}

export function importCsvBill(content: string, fileName = '费用明细.csv'): Bill {
  if (looksBinary(content)) {
    throw new BackendError('bill-invalid', `费用明细文件「${fileName}」不是文本格式的 CSV（含二进制内容）：可能选错了文件，或文件不是 UTF-8 编码`);
  }
  let parsed: Array<{ record: Record<string, string>; info: { lines: number }; raw: string }>;
  try {
    parsed = parseCsv(content, { bom: true, columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, info: true, raw: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new BackendError('bill-invalid', `费用明细 CSV 无法解析${line ? `：第 ${line} 行` : ''}（引号不成对或列数与表头不符）`);
  }
  const rows = parsed.map((p) => p.record);
  // The file's line where each record starts (a quoted cell may span lines).
  const lineOf = parsed.map(
    (p) =>
      p.info.lines -
      (p.raw
        .replace(/^(\r?\n)+/, '')
        .replace(/\r?\n$/, '')
        .match(/\n/g)?.length ?? 0),
  );
  const first = rows[0];
  if (first) {
    const missing = ['项目编码', '类别', '单价', '数量'].filter((c) => !(c in first));
    if (missing.length > 0) throw new BackendError('bill-invalid', `费用明细 CSV 缺少列：${missing.join('、')}（表头应为 ${Object.keys(CSV_COLUMNS).join(',')}）`);
  }
  const lines = validateLines(rows.map(csvRowToLine), (i) => `第 ${lineOf[i]} 行`);
  const hisBillNo = csvBillNo(rows, lineOf);
  return billFrom(fileName, fileName, lines, hisBillNo ? { hisBillNo } : {});
}

/** The 单据号 column's one number (blank cells skipped); two different numbers are two bills in one file. */
function csvBillNo(rows: Record<string, string>[], lineOf: number[]): string | undefined {
  let found: { number: string; line: number } | undefined;
  rows.forEach((row, i) => {
    const number = row[CSV_BILL_NO_COLUMN]?.trim();
    if (!number) return;
    if (number.length > 64) throw new BackendError('bill-invalid', `第 ${lineOf[i]} 行：单据号超过 64 个字符`);
    if (found && found.number !== number) {
      throw new BackendError('bill-invalid', `费用明细 CSV 含两个单据号：第 ${found.line} 行 ${found.number}，第 ${lineOf[i]} 行 ${number}；一个文件只能是一张费用单`);
    }
    found ??= { number, line: lineOf[i]! };
  });
  return found?.number;
}

function csvRowToLine(row: Record<string, string>): Record<string, unknown> {
  const line: Record<string, unknown> = {};
  for (const [column, field] of Object.entries(CSV_COLUMNS)) {
    const cell = row[column]?.trim();
    if (cell === undefined || cell === '') continue;
    if (field === 'class') line.class = CLASS_NAMES[cell] ?? cell.toUpperCase();
    else if (field === 'kind') line.kind = KIND_NAMES[cell] ?? cell;
    else line[field] = cell;
  }
  return line;
}

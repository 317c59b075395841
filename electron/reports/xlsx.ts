/**
 * A ReportDocument as an XLSX workbook (exceljs): one sheet per table, title and period on top,
 * a bold header, amounts as numbers formatted to the fen, ratios as percentages.
 * Amounts are kept as decimal strings everywhere else; the Number here is only the cell's
 * display value (two decimals, far below 2^53), never used for arithmetic.
 */
import ExcelJS from 'exceljs';
import type { ColumnKind, ReportCell, ReportDocument } from './document';

const FORMATS: Record<ColumnKind, string | undefined> = { text: undefined, int: '0', money: '#,##0.00', ratio: '0.00%' };

function cellValue(kind: ColumnKind, value: ReportCell | undefined): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'text') return String(value);
  const n = Number(value);
  return Number.isFinite(n) ? n : String(value);
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}${i}`;
  used.add(name);
  return name;
}

export async function buildReportWorkbook(doc: ReportDocument): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OneBill 一单通';
  const used = new Set<string>();
  for (const table of doc.tables.length > 0 ? doc.tables : [{ title: doc.title, columns: [], rows: [] }]) {
    const ws = wb.addWorksheet(sheetName(table.title, used));
    const width = Math.max(1, table.columns.length);
    ws.addRow([doc.title]).font = { bold: true, size: 14 };
    ws.addRow([doc.subtitle]);
    ws.addRow([table.title]).font = { bold: true };
    for (const r of [1, 2, 3]) ws.mergeCells(r, 1, r, width);
    const header = ws.addRow(table.columns.map((c) => c.label));
    header.font = { bold: true };
    const body = [...table.rows, ...(table.total ? [table.total] : [])];
    for (const row of body) ws.addRow(table.columns.map((c) => cellValue(c.kind, row[c.key])));
    if (table.total) ws.lastRow!.font = { bold: true };
    table.columns.forEach((c, i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.max(10, Math.min(40, c.label.length * 2 + 4));
      const fmt = FORMATS[c.kind];
      if (fmt) column.numFmt = fmt;
    });
    for (const note of doc.notes) ws.addRow([note]);
  }
  return wb;
}

/** Writes the report to `path` (.xlsx) and returns the path. */
export async function writeReportXlsx(doc: ReportDocument, path: string): Promise<string> {
  const wb = await buildReportWorkbook(doc);
  await wb.xlsx.writeFile(path);
  return path;
}

/**
 * The one shape every report takes, for the screen and for XLSX alike: titled tables of typed
 * columns. Money cells are amount strings ("1234.50"), ratios are decimal strings ("0.1234").
 */
export type ColumnKind = 'text' | 'int' | 'money' | 'ratio';

export interface ReportColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export type ReportCell = string | number | null;
export type ReportRow = Record<string, ReportCell>;

export interface ReportTable {
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** A closing row (合计), same keys as the columns. */
  total?: ReportRow;
}

export interface ReportDocument {
  title: string;
  /** Period, terminal, when it was made... */
  subtitle: string;
  tables: ReportTable[];
  notes: string[];
}

export const col = (key: string, label: string, kind: ColumnKind = 'text'): ReportColumn => ({ key, label, kind });

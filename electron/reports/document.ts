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

/** What a region's policy file declares about one of its reports: for which region, its title, which columns. */
export interface ReportDeclaration {
  region: string;
  regionName: string;
  title: string;
  /** Column keys to keep, in this order, in every table that has them; absent: all. */
  columns?: readonly string[];
}

/** The declared columns of each table (a table keeps its own columns when none of the declared ones are in it). */
export function declaredColumns(doc: ReportDocument, columns: readonly string[] | undefined): ReportDocument {
  if (!columns) return doc;
  return {
    ...doc,
    tables: doc.tables.map((t) => {
      const kept = columns.flatMap((key) => t.columns.filter((c) => c.key === key));
      return kept.length === 0 ? t : { ...t, columns: kept };
    }),
  };
}

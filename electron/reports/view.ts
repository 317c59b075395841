/** A ReportDocument as display strings (the contract's reportDocumentSchema): one string per cell, in column order. */
import { dec } from '../../shared/money';
import type { ColumnKind, ReportCell, ReportDocument, ReportRow } from './document';

export interface ReportDocumentView {
  title: string;
  subtitle: string;
  tables: Array<{ title: string; columns: Array<{ key: string; label: string; kind: ColumnKind }>; rows: string[][]; total: string[] | null }>;
  notes: string[];
}

export function displayCell(kind: ColumnKind, value: ReportCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (kind === 'ratio' && value !== '') return `${dec(value).times(100).toFixed(2)}%`;
  return String(value);
}

export function documentView(doc: ReportDocument): ReportDocumentView {
  return {
    title: doc.title,
    subtitle: doc.subtitle,
    tables: doc.tables.map((t) => {
      const line = (row: ReportRow) => t.columns.map((c) => displayCell(c.kind, row[c.key]));
      return { title: t.title, columns: t.columns.map((c) => ({ ...c })), rows: t.rows.map(line), total: t.total ? line(t.total) : null };
    }),
    notes: [...doc.notes],
  };
}

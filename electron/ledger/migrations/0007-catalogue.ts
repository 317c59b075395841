import type { Migration } from './types';
import { appendOnly } from './append-only';

/**
 * The drug catalogue (electron/catalogue imports it): versions in effect from their effective date,
 * like roster versions; a drug row per (version, code). Unit prices, ratios and caps are decimal
 * text as in bill_lines (a unit price may carry 4 decimals, so it is not fen). `sale_lines` keeps,
 * per pharmacy-counter settlement line, the catalogue version its price and class came from and
 * the prescription a Liaoning specific drug was sold on. Plain SQL (no WITHOUT ROWID, no SQLite
 * functions) so the same statements serve a PostgreSQL ledger
 * (STRICT, as every ledger table here, is the one SQLite word, at the end of each CREATE TABLE).
 */
export const catalogue: Migration = {
  id: 7,
  name: 'catalogue',
  sql: `
CREATE TABLE catalogue_versions (
  id INTEGER PRIMARY KEY,
  imported_at TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  source_name TEXT NOT NULL,
  format TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  rejected_count INTEGER NOT NULL,
  operator_id TEXT
) STRICT;
CREATE INDEX catalogue_versions_by_effective ON catalogue_versions (effective_on, id);

CREATE TABLE catalogue_drugs (
  version_id INTEGER NOT NULL REFERENCES catalogue_versions (id),
  code TEXT NOT NULL,
  line INTEGER NOT NULL,
  name TEXT,
  initials TEXT,
  specification TEXT,
  unit TEXT,
  price TEXT,
  class TEXT CHECK (class IN ('A', 'B', 'C')),
  self_pay_ratio TEXT,
  price_cap TEXT,
  specific_drug INTEGER CHECK (specific_drug IN (0, 1)),
  barcode TEXT,
  PRIMARY KEY (version_id, code)
) STRICT;
CREATE INDEX catalogue_drugs_by_code ON catalogue_drugs (code, version_id);
CREATE INDEX catalogue_drugs_by_barcode ON catalogue_drugs (barcode);
CREATE INDEX catalogue_drugs_by_initials ON catalogue_drugs (initials);

CREATE TABLE sale_lines (
  settlement_id TEXT NOT NULL REFERENCES settlements (id),
  line_no INTEGER NOT NULL,
  code TEXT NOT NULL,
  catalogue_version_id INTEGER REFERENCES catalogue_versions (id),
  uncatalogued INTEGER NOT NULL CHECK (uncatalogued IN (0, 1)),
  prescribing_hospital TEXT,
  prescribing_level INTEGER,
  prescription_no TEXT,
  PRIMARY KEY (settlement_id, line_no)
) STRICT;
${appendOnly('catalogue_drugs')}${appendOnly('sale_lines')}
`,
};

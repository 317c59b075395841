import type Database from 'better-sqlite3';
import type { LineClass } from '../../shared/engine/schema';
import { createAuditLog } from './audit';
import { localDate, localTimestamp, type Clock } from './clock';

export type CatalogueFormat = 'csv' | 'xlsx' | 'nhsa-1301';

/** One drug row as a catalogue file gives it; null = the file says nothing (an earlier version may). */
export interface CatalogueRow {
  line: number;
  code: string;
  name: string | null;
  /** Pinyin initials of the name, upper case ("阿莫西林胶囊" → "AMXLJN"). */
  initials: string | null;
  specification: string | null;
  unit: string | null;
  price: string | null;
  class: LineClass | null;
  selfPayRatio: string | null;
  priceCap: string | null;
  specificDrug: boolean | null;
  barcode: string | null;
}

export interface CatalogueVersion {
  id: number;
  importedAt: string;
  /** From this day on the version answers look-ups (the import's effective date, else the import day). */
  effectiveOn: string;
  sourceName: string;
  format: CatalogueFormat;
  rowCount: number;
  rejectedCount: number;
  operatorId: string | null;
}

/** A drug as the counter sells it on a date: every field from the latest version in effect that gives it. */
export interface CatalogueDrug {
  code: string;
  name: string;
  initials: string;
  specification: string | null;
  unit: string | null;
  price: string | null;
  class: LineClass | null;
  selfPayRatio: string | null;
  priceCap: string | null;
  specificDrug: boolean;
  barcode: string | null;
  /** The latest version in effect that lists the code: the catalogue version a sale of it used. */
  versionId: number;
  effectiveOn: string;
}

/** What a pharmacy-counter settlement line came from, kept with the settlement. */
export interface SaleLine {
  lineNo: number;
  code: string;
  catalogueVersionId: number | null;
  /** Not in the catalogue: sold as 丙类 after the cashier confirmed it. */
  uncatalogued: boolean;
  prescribingHospital: string | null;
  prescribingLevel: number | null;
  prescriptionNo: string | null;
}

type Row = Record<string, string | number | null>;

const toVersion = (r: Row): CatalogueVersion => ({
  id: r.id as number,
  importedAt: r.imported_at as string,
  effectiveOn: r.effective_on as string,
  sourceName: r.source_name as string,
  format: r.format as CatalogueFormat,
  rowCount: r.row_count as number,
  rejectedCount: r.rejected_count as number,
  operatorId: r.operator_id as string | null,
});

const FIELDS = {
  name: 'name',
  initials: 'initials',
  specification: 'specification',
  unit: 'unit',
  price: 'price',
  class: 'class',
  selfPayRatio: 'self_pay_ratio',
  priceCap: 'price_cap',
  specificDrug: 'specific_drug',
  barcode: 'barcode',
} as const;

/**
 * Rows of one code, latest version first → the drug on that date. A file may carry only some
 * columns (the national 1301 file has the class but no price; a shop's price list may have the
 * price but no class): each field falls through to the latest earlier version that has it.
 */
function mergeRows(rows: Row[]): CatalogueDrug | undefined {
  const latest = rows[0];
  if (!latest) return undefined;
  const pick = (column: string) => rows.find((r) => r[column] !== null)?.[column] ?? null;
  const name = (pick(FIELDS.name) as string | null) ?? (latest.code as string);
  return {
    code: latest.code as string,
    name,
    initials: (pick(FIELDS.initials) as string | null) ?? '',
    specification: pick(FIELDS.specification) as string | null,
    unit: pick(FIELDS.unit) as string | null,
    price: pick(FIELDS.price) as string | null,
    class: pick(FIELDS.class) as LineClass | null,
    selfPayRatio: pick(FIELDS.selfPayRatio) as string | null,
    priceCap: pick(FIELDS.priceCap) as string | null,
    specificDrug: pick(FIELDS.specificDrug) === 1,
    barcode: pick(FIELDS.barcode) as string | null,
    versionId: latest.version_id as number,
    effectiveOn: latest.effective_on as string,
  };
}

const MAX_SEARCH = 50;

/** The next prefix after `prefix` in code-point order, for an index range scan (portable, unlike LIKE). */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** Catalogue storage: versions, drug rows and the look-ups the counter makes. */
export function createCatalogueStore(db: Database.Database, openConnection: () => Database.Database, now: Clock) {
  // Prepared on first use: a ledger opened with fewer migrations (tests) has no catalogue tables.
  const lazy = (sql: string) => {
    let statement: Database.Statement | undefined;
    return () => (statement ??= db.prepare(sql));
  };
  const IN_EFFECT = 'v.effective_on <= ?';
  const rowsOfCode = lazy(
    `SELECT d.*, v.effective_on FROM catalogue_drugs d JOIN catalogue_versions v ON v.id = d.version_id
     WHERE d.code = ? AND ${IN_EFFECT} ORDER BY v.effective_on DESC, v.id DESC`,
  );
  const codesByBarcode = lazy(
    `SELECT DISTINCT d.code FROM catalogue_drugs d JOIN catalogue_versions v ON v.id = d.version_id WHERE d.barcode = ? AND ${IN_EFFECT} LIMIT ${MAX_SEARCH}`,
  );
  const codesByInitials = lazy(
    `SELECT DISTINCT d.code FROM catalogue_drugs d JOIN catalogue_versions v ON v.id = d.version_id
     WHERE d.initials >= ? AND d.initials < ? AND ${IN_EFFECT} ORDER BY d.code LIMIT ?`,
  );
  const versions = lazy('SELECT * FROM catalogue_versions ORDER BY id DESC LIMIT ?');
  const version = lazy('SELECT * FROM catalogue_versions WHERE id = ?');
  const inEffect = lazy('SELECT * FROM catalogue_versions v WHERE v.effective_on <= ? ORDER BY v.effective_on DESC, v.id DESC LIMIT 1');
  const saleLines = lazy('SELECT * FROM sale_lines WHERE settlement_id = ? ORDER BY line_no');

  const findSync = (code: string, onDate: string) => mergeRows(rowsOfCode().all(code, onDate) as Row[]);

  return {
    /** The drug with this catalogue code on a date, or undefined. */
    async find(code: string, onDate: string): Promise<CatalogueDrug | undefined> {
      return findSync(code.trim(), onDate);
    },

    /**
     * What the cashier typed or scanned: an exact catalogue code, a barcode, or the start of the
     * name's pinyin initials (case-insensitive). Exact matches come first; at most `limit` drugs.
     */
    async search(query: string, onDate: string, limit = 20): Promise<CatalogueDrug[]> {
      const text = query.trim();
      if (!text) return [];
      const found = new Map<string, CatalogueDrug>();
      const add = (drug: CatalogueDrug | undefined) => {
        if (drug && !found.has(drug.code) && found.size < limit) found.set(drug.code, drug);
      };
      add(findSync(text, onDate));
      for (const code of codesByBarcode().pluck().all(text, onDate) as string[]) {
        const drug = findSync(code, onDate);
        if (drug?.barcode === text) add(drug);
      }
      const initials = text.toUpperCase();
      if (/^[A-Z]{1,20}$/.test(initials) && found.size < limit) {
        for (const code of codesByInitials().pluck().all(initials, prefixEnd(initials), onDate, limit * 2) as string[]) {
          const drug = findSync(code, onDate);
          if (drug?.initials.startsWith(initials)) add(drug);
        }
      }
      return [...found.values()];
    },

    async versions(limit = 50): Promise<CatalogueVersion[]> {
      return (versions().all(limit) as Row[]).map(toVersion);
    },

    async version(id: number): Promise<CatalogueVersion | undefined> {
      const row = version().get(id) as Row | undefined;
      return row && toVersion(row);
    },

    /** The latest version in effect on a date; undefined when no catalogue applies yet. */
    async versionInEffect(onDate: string): Promise<CatalogueVersion | undefined> {
      const row = inEffect().get(onDate) as Row | undefined;
      return row && toVersion(row);
    },

    async saleLines(settlementId: string): Promise<SaleLine[]> {
      return (saleLines().all(settlementId) as Row[]).map((r) => ({
        lineNo: r.line_no as number,
        code: r.code as string,
        catalogueVersionId: r.catalogue_version_id as number | null,
        uncatalogued: r.uncatalogued === 1,
        prescribingHospital: r.prescribing_hospital as string | null,
        prescribingLevel: r.prescribing_level as number | null,
        prescriptionNo: r.prescription_no as string | null,
      }));
    },

    /** Starts an import: one new version written in ONE transaction on a connection of its own. */
    async beginImport(v: { sourceName: string; format: CatalogueFormat; effectiveOn?: string; operatorId?: string }): Promise<CatalogueImportWriter> {
      return openImportWriter(openConnection(), now, v);
    },
  };
}

export type CatalogueStore = ReturnType<typeof createCatalogueStore>;

export interface CatalogueImportWriter {
  versionId: number;
  effectiveOn: string;
  /** Adds rows; answers the ones refused as a repeat of a code earlier in the same file. */
  add(rows: CatalogueRow[]): Promise<Array<{ line: number; duplicateOf: number }>>;
  commit(counts: { rowCount: number; rejectedCount: number }, audit: { actor: string; detail: Record<string, unknown> }): Promise<void>;
  /** Keeps nothing. Safe to call after commit (does nothing then). */
  close(): Promise<void>;
}

function openImportWriter(
  db: Database.Database,
  now: Clock,
  v: { sourceName: string; format: CatalogueFormat; effectiveOn?: string; operatorId?: string },
): CatalogueImportWriter {
  let open = true;
  try {
    db.exec('BEGIN IMMEDIATE');
    const at = now();
    const versionId = ((db.prepare('SELECT coalesce(max(id), 0) FROM catalogue_versions').pluck().get() as number) ?? 0) + 1;
    const effectiveOn = v.effectiveOn ?? localDate(at);
    db.prepare(
      `INSERT INTO catalogue_versions (id, imported_at, effective_on, source_name, format, row_count, rejected_count, operator_id)
       VALUES (?, ?, ?, ?, ?, 0, 0, ?)`,
    ).run(versionId, localTimestamp(at), effectiveOn, v.sourceName, v.format, v.operatorId ?? null);
    const insert = db.prepare(
      `INSERT INTO catalogue_drugs (version_id, code, line, name, initials, specification, unit, price, class, self_pay_ratio, price_cap, specific_drug, barcode)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const lineOf = db.prepare('SELECT line FROM catalogue_drugs WHERE version_id = ? AND code = ?').pluck();
    const close = db.prepare('UPDATE catalogue_versions SET row_count = ?, rejected_count = ? WHERE id = ?');
    const addAll = db.transaction((rows: CatalogueRow[]) => {
      const refused: Array<{ line: number; duplicateOf: number }> = [];
      for (const r of rows) {
        try {
          insert.run(versionId, r.code, r.line, r.name, r.initials, r.specification, r.unit, r.price, r.class, r.selfPayRatio, r.priceCap,
            r.specificDrug === null ? null : r.specificDrug ? 1 : 0, r.barcode);
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
          refused.push({ line: r.line, duplicateOf: lineOf.get(versionId, r.code) as number });
        }
      }
      return refused;
    });
    return {
      versionId,
      effectiveOn,
      async add(rows) {
        return addAll(rows); // a savepoint inside the open transaction
      },
      async commit(counts, audit) {
        close.run(counts.rowCount, counts.rejectedCount, versionId);
        createAuditLog(db, now).append({ actor: audit.actor, action: 'catalogue.import', subject: String(versionId), detail: audit.detail });
        db.exec('COMMIT');
        open = false;
        db.close();
      },
      async close() {
        if (!db.open) return;
        if (open) db.exec('ROLLBACK');
        open = false;
        db.close();
      },
    };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    throw error;
  }
}

/** Writes a sale's lines inside the settlement's commit transaction (see commit.ts). */
export function createSaleLinesWriter(db: Database.Database) {
  let insert: Database.Statement | undefined;
  const sql = (
    `INSERT INTO sale_lines (settlement_id, line_no, code, catalogue_version_id, uncatalogued, prescribing_hospital, prescribing_level, prescription_no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  );
  return (settlementId: string, lines: readonly SaleLine[]) => {
    insert ??= db.prepare(sql);
    for (const l of lines) {
      insert.run(settlementId, l.lineNo, l.code, l.catalogueVersionId, l.uncatalogued ? 1 : 0, l.prescribingHospital, l.prescribingLevel, l.prescriptionNo);
    }
  };
}

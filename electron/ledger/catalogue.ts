import type { LineClass } from '../../shared/engine';
import type { AuditChain, AuditEntry } from './audit';
import { publishStagedImport } from './staged-import';
import { businessDate, ledgerStamp, type Clock } from '../../shared/time';
import type { Engine, Queryable } from './engine/types';

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

type Row = Record<string, unknown>;

const toVersion = (r: Row): CatalogueVersion => ({
  id: Number(r.id),
  importedAt: r.imported_at as string,
  effectiveOn: r.effective_on as string,
  sourceName: r.source_name as string,
  format: r.format as CatalogueFormat,
  rowCount: Number(r.row_count),
  rejectedCount: Number(r.rejected_count),
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
    specificDrug: Number(pick(FIELDS.specificDrug)) === 1,
    barcode: pick(FIELDS.barcode) as string | null,
    versionId: Number(latest.version_id),
    effectiveOn: latest.effective_on as string,
  };
}

const MAX_SEARCH = 50;

/** The next prefix after `prefix` in code-point order, for an index range scan (portable, unlike LIKE). */
const prefixEnd = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

const IN_EFFECT = 'v.staged_by IS NULL AND v.effective_on <= ?';
const ROWS_OF_CODE = `SELECT d.*, v.effective_on FROM catalogue_drugs d JOIN catalogue_versions v ON v.id = d.version_id
  WHERE d.code = ? AND ${IN_EFFECT} ORDER BY v.effective_on DESC, v.id DESC`;
const CODES_BY_BARCODE = `SELECT DISTINCT d.code FROM catalogue_drugs d JOIN catalogue_versions v ON v.id = d.version_id
  WHERE d.barcode = ? AND ${IN_EFFECT} LIMIT ${MAX_SEARCH}`;
const CODES_BY_INITIALS = `SELECT DISTINCT d.code FROM catalogue_drugs d JOIN catalogue_versions v ON v.id = d.version_id
  WHERE d.initials >= ? AND d.initials < ? AND ${IN_EFFECT} ORDER BY d.code LIMIT ?`;

/** Catalogue look-ups the counter makes, and the versions list. */
export function createCatalogueStore(db: Engine) {
  const find = async (code: string, onDate: string) => mergeRows(await db.all<Row>(ROWS_OF_CODE, [code, onDate]));
  const codes = async (sql: string, params: unknown[]) => (await db.all<{ code: string }>(sql, params)).map((r) => r.code);

  return {
    /** The drug with this catalogue code on a date, or undefined. */
    async find(code: string, onDate: string): Promise<CatalogueDrug | undefined> {
      return find(code.trim(), onDate);
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
      add(await find(text, onDate));
      for (const code of await codes(CODES_BY_BARCODE, [text, onDate])) {
        const drug = await find(code, onDate);
        if (drug?.barcode === text) add(drug);
      }
      const initials = text.toUpperCase();
      if (/^[A-Z]{1,20}$/.test(initials) && found.size < limit) {
        for (const code of await codes(CODES_BY_INITIALS, [initials, prefixEnd(initials), onDate, limit * 2])) {
          const drug = await find(code, onDate);
          if (drug?.initials.startsWith(initials)) add(drug);
        }
      }
      return [...found.values()];
    },

    async versions(limit = 50): Promise<CatalogueVersion[]> {
      return (await db.all<Row>('SELECT * FROM catalogue_versions WHERE staged_by IS NULL ORDER BY id DESC LIMIT ?', [limit])).map(toVersion);
    },

    async version(id: number): Promise<CatalogueVersion | undefined> {
      const row = await db.get<Row>('SELECT * FROM catalogue_versions WHERE id = ?', [id]);
      return row && toVersion(row);
    },

    /** The latest version in effect on a date; undefined when no catalogue applies yet. */
    async versionInEffect(onDate: string): Promise<CatalogueVersion | undefined> {
      const row = await db.get<Row>(
        'SELECT * FROM catalogue_versions v WHERE v.staged_by IS NULL AND v.effective_on <= ? ORDER BY v.effective_on DESC, v.id DESC LIMIT 1',
        [onDate],
      );
      return row && toVersion(row);
    },

    async saleLines(settlementId: string): Promise<SaleLine[]> {
      return (await db.all<Row>('SELECT * FROM sale_lines WHERE settlement_id = ? ORDER BY line_no', [settlementId])).map((r) => ({
        lineNo: Number(r.line_no),
        code: r.code as string,
        catalogueVersionId: r.catalogue_version_id === null ? null : Number(r.catalogue_version_id),
        uncatalogued: Number(r.uncatalogued) === 1,
        prescribingHospital: r.prescribing_hospital as string | null,
        prescribingLevel: r.prescribing_level === null ? null : Number(r.prescribing_level),
        prescriptionNo: r.prescription_no as string | null,
      }));
    },
  };
}

export type CatalogueStore = ReturnType<typeof createCatalogueStore>;

/** What one import writes, inside its own transaction. */
export interface CatalogueImportSession {
  openVersion(v: { sourceName: string; format: CatalogueFormat; effectiveOn?: string; operatorId?: string }): Promise<{ versionId: number; effectiveOn: string }>;
  /** Adds rows; answers the ones refused as a repeat of a code earlier in the same file. */
  addDrugs(versionId: number, rows: readonly CatalogueRow[]): Promise<Array<{ line: number; duplicateOf: number }>>;
  closeVersion(versionId: number, rowCount: number, rejectedCount: number): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

/**
 * One catalogue import, staged as a roster import is (ledger/rosters.ts): the version opened
 * unpublished, each `addDrugs` call a short transaction, the counts and audit row kept for the
 * publishing transaction.
 */
function stagedCatalogueSession(db: Engine, now: Clock, stagedBy: string) {
  let versionId: number | undefined;
  let counts = { rowCount: 0, rejectedCount: 0 };
  let auditEntry: AuditEntry | undefined;
  const session: CatalogueImportSession = {
    async openVersion(v) {
      const at = now();
      const effectiveOn = v.effectiveOn ?? businessDate(at);
      versionId = Number(
        await db.transaction((tx) =>
          tx.value(
            `INSERT INTO catalogue_versions (imported_at, effective_on, source_name, format, row_count, rejected_count, operator_id, staged_by)
             VALUES (?, ?, ?, ?, 0, 0, ?, ?) RETURNING id`,
            [ledgerStamp(at), effectiveOn, v.sourceName, v.format, v.operatorId ?? null, stagedBy],
          ),
        ),
      );
      return { versionId, effectiveOn };
    },
    addDrugs: (id, rows) =>
      db.transaction(async (tx) => {
        const refused: Array<{ line: number; duplicateOf: number }> = [];
        for (const r of rows) {
          // ON CONFLICT DO NOTHING rather than catching the key error: on PostgreSQL an error ends the transaction.
          const added = await tx.run(
            `INSERT INTO catalogue_drugs (version_id, code, line, name, initials, specification, unit, price, class, self_pay_ratio, price_cap, specific_drug, barcode)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
            [
              id,
              r.code,
              r.line,
              r.name,
              r.initials,
              r.specification,
              r.unit,
              r.price,
              r.class,
              r.selfPayRatio,
              r.priceCap,
              r.specificDrug === null ? null : r.specificDrug ? 1 : 0,
              r.barcode,
            ],
          );
          if (added !== 1) {
            const line = await tx.value<number>('SELECT line FROM catalogue_drugs WHERE version_id = ? AND code = ?', [id, r.code]);
            refused.push({ line: r.line, duplicateOf: Number(line) });
          }
        }
        return refused;
      }),
    async closeVersion(_id, rowCount, rejectedCount) {
      counts = { rowCount, rejectedCount };
    },
    async audit(entry) {
      auditEntry = entry;
    },
  };
  return { session, versionId: () => versionId, counts: () => counts, auditEntry: () => auditEntry };
}

/**
 * Runs one catalogue import: its rows in short transactions of their own (a settlement commit
 * never waits behind it for longer than one batch), published with its audit row in one short
 * transaction when `fn` resolves. When `fn` throws the version stays unpublished, which no look-up
 * or version list sees: its drug rows cannot be deleted (catalogue_drugs is append-only), so it is
 * marked `discarded` rather than removed.
 */
export function createCatalogueImport(db: Engine, now: Clock, chain: AuditChain, stagedBy: string) {
  return async <T>(fn: (session: CatalogueImportSession) => Promise<T>): Promise<T> => {
    return publishStagedImport(db, chain, 'catalogue_versions', stagedCatalogueSession(db, now, stagedBy), fn, (versionId) =>
      db.transaction((tx) => tx.run("UPDATE catalogue_versions SET staged_by = 'discarded' WHERE id = ?", [versionId])),
    );
  };
}

/** Writes a sale's lines inside the settlement's commit transaction (see commit.ts). */
export async function writeSaleLines(tx: Queryable, settlementId: string, lines: readonly SaleLine[]): Promise<void> {
  for (const l of lines) {
    await tx.run(
      `INSERT INTO sale_lines (settlement_id, line_no, code, catalogue_version_id, uncatalogued, prescribing_hospital, prescribing_level, prescription_no)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [settlementId, l.lineNo, l.code, l.catalogueVersionId, l.uncatalogued ? 1 : 0, l.prescribingHospital, l.prescribingLevel, l.prescriptionNo],
    );
  }
}

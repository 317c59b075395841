import type Database from 'better-sqlite3';
import type { Identity } from '../../shared/engine/schema';

export interface RosterPersonRow {
  line: number;
  name: string;
  certno: string;
  identity: Identity;
  /** The 身份类别 cell as given: an engine identity, its Chinese label, or a regional code. */
  identityRaw: string;
  beginDate: string;
  endDate: string | null;
  regionCode: string;
  certificate: string | null;
}

export interface RosterVersion {
  id: number;
  importedAt: string;
  importedOn: string;
  /** The roster's own date as given: the month it is for ("2021-03") or a day; the import day when none was given. */
  rosterDate: string;
  /** From this date on the version answers roster questions: rosterDate (a month → its first day). */
  effectiveOn: string;
  sourceName: string;
  region: string | null;
  rowCount: number;
  rejectedCount: number;
  operatorId: string | null;
}

const toVersion = (r: Record<string, string | number | null>): RosterVersion => ({
  id: r.id as number,
  importedAt: r.imported_at as string,
  importedOn: r.imported_on as string,
  rosterDate: r.roster_date as string,
  effectiveOn: r.effective_on as string,
  sourceName: r.source_name as string,
  region: r.region as string | null,
  rowCount: r.row_count as number,
  rejectedCount: r.rejected_count as number,
  operatorId: r.operator_id as string | null,
});

/**
 * The write side of roster versions, used by the import on its own connection inside one
 * transaction: open a version, add people, close it with its counts.
 */
export function createRosterWriter(db: Database.Database) {
  const insertVersion = db.prepare(
    `INSERT INTO roster_versions (imported_at, imported_on, roster_date, source_name, region, row_count, rejected_count, operator_id)
     VALUES (@importedAt, @importedOn, @rosterDate, @sourceName, @region, 0, 0, @operatorId)`,
  );
  const insertPerson = db.prepare(
    `INSERT INTO roster_persons (certno, version_id, identity, identity_raw, line, name, begin_date, end_date, region_code, certificate)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const lineOf = db.prepare('SELECT line FROM roster_persons WHERE certno = ? AND version_id = ? AND identity = ?').pluck();
  const close = db.prepare('UPDATE roster_versions SET row_count = ?, rejected_count = ? WHERE id = ?');

  function openVersion(v: Omit<RosterVersion, 'id' | 'rowCount' | 'rejectedCount' | 'effectiveOn'>): number {
    return Number(insertVersion.run(v).lastInsertRowid);
  }

  /** Adds one person; a repeat of (certno, identity) in the same version answers the first line. */
  function addPerson(versionId: number, p: RosterPersonRow): { ok: true } | { ok: false; duplicateOf: number } {
    try {
      insertPerson.run(p.certno, versionId, p.identity, p.identityRaw, p.line, p.name, p.beginDate, p.endDate, p.regionCode, p.certificate);
      return { ok: true };
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw error;
      return { ok: false, duplicateOf: lineOf.get(p.certno, versionId, p.identity) as number };
    }
  }

  function closeVersion(versionId: number, rowCount: number, rejectedCount: number): void {
    close.run(rowCount, rejectedCount, versionId);
  }

  return { openVersion, addPerson, closeVersion };
}

export interface RosterIdentity {
  identity: Identity;
  raw: string;
  beginDate: string;
  endDate: string | null;
  /** beginDate ≤ the question date ≤ endDate (an empty end date is open). */
  inForce: boolean;
  line: number;
}

export interface RosterAnswer {
  certno: string;
  name: string;
  regionCode: string;
  certificate: string | null;
  identities: RosterIdentity[];
  identitiesInForce: Identity[];
  /** The version the answer comes from. */
  version: RosterVersion;
  /** Set when a later roster (still in effect on the date) no longer lists the person. */
  absentFrom: RosterVersion | null;
}

/**
 * The date a version answers from: its roster date (a month "2021-03" → "2021-03-01"), or the
 * import day for a roster date in no known shape. SQL over `roster_versions` aliased `v`.
 */
const EFFECTIVE_ON = `CASE
  WHEN v.roster_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN v.roster_date || '-01'
  WHEN v.roster_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN v.roster_date
  ELSE v.imported_on END`;
const VERSION_COLUMNS = `v.*, ${EFFECTIVE_ON} AS effective_on`;

/**
 * Who was on the roster on a date.
 *
 * Reading: each version is in effect from its effective date (the roster date the import named —
 * the month a list is for, handed to hospitals by the 20th of the month before, bureau.md §4 — or
 * else the day it was imported). The answer about a date D comes from the latest version in effect
 * on D that lists the person (monthly files may carry only the changes; the same effective date:
 * the later import), and each identity row is in force on D when its 开始日期 ≤ D ≤ 结束日期.
 * A version whose effective date is after D never answers about D, so next month's list imported
 * early does not change this month's settlements. When a later version (in effect on D) does not
 * list the person, `absentFrom` says so: with full monthly lists that means they left the roster,
 * and the caller should not rely on the older answer without asking the bureau.
 */
export function createRosterLookup(db: Database.Database) {
  const rows = db.prepare(
    `SELECT p.*, ${EFFECTIVE_ON} AS effective_on FROM roster_persons p JOIN roster_versions v ON v.id = p.version_id
     WHERE p.certno = ? AND ${EFFECTIVE_ON} <= ?
     ORDER BY effective_on DESC, v.id DESC, p.line`,
  );
  const version = db.prepare(`SELECT ${VERSION_COLUMNS} FROM roster_versions v WHERE v.id = ?`);
  const latestBy = db.prepare(`SELECT ${VERSION_COLUMNS} FROM roster_versions v WHERE ${EFFECTIVE_ON} <= ? ORDER BY effective_on DESC, v.id DESC LIMIT 1`);
  const versions = db.prepare(`SELECT ${VERSION_COLUMNS} FROM roster_versions v ORDER BY v.id DESC LIMIT ?`);

  function findByCertno(certno: string, onDate: string): RosterAnswer | undefined {
    const found = rows.all(certno.trim().toUpperCase(), onDate) as Array<Record<string, string | number | null>>;
    const first = found[0];
    if (!first) return undefined;
    const mine = found.filter((r) => r.version_id === first.version_id);
    const identities = mine.map(
      (r): RosterIdentity => ({
        identity: r.identity as Identity,
        raw: r.identity_raw as string,
        beginDate: r.begin_date as string,
        endDate: r.end_date as string | null,
        inForce: (r.begin_date as string) <= onDate && (r.end_date === null || onDate <= (r.end_date as string)),
        line: r.line as number,
      }),
    );
    const latest = toVersion(latestBy.get(onDate) as Record<string, string | number | null>);
    return {
      certno: first.certno as string,
      name: first.name as string,
      regionCode: first.region_code as string,
      certificate: first.certificate as string | null,
      identities,
      identitiesInForce: [...new Set(identities.filter((i) => i.inForce).map((i) => i.identity))],
      version: toVersion(version.get(first.version_id) as Record<string, string | number | null>),
      absentFrom: latest.id === first.version_id ? null : latest,
    };
  }

  function listVersions(limit = 50): RosterVersion[] {
    return (versions.all(limit) as Array<Record<string, string | number | null>>).map(toVersion);
  }

  /** The latest version in effect on a date (what an offline answer about that date rests on). */
  function versionInEffect(onDate: string): RosterVersion | undefined {
    const row = latestBy.get(onDate) as Record<string, string | number | null> | undefined;
    return row && toVersion(row);
  }

  return { findByCertno, listVersions, versionInEffect };
}

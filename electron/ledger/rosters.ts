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
  rosterDate: string;
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

  function openVersion(v: Omit<RosterVersion, 'id' | 'rowCount' | 'rejectedCount'>): number {
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
  /** Set when a later roster (still imported on/before the date) no longer lists the person. */
  absentFrom: RosterVersion | null;
}

/**
 * Who was on the roster on a date, as this terminal knew it then.
 *
 * Reading: the roster of a date D is what had been imported by D. The answer comes from the
 * latest version imported on or before D that lists the person (monthly files may carry only the
 * changes), and each identity row is in force on D when its 开始日期 ≤ D ≤ 结束日期. A roster
 * imported after D never changes the answer about D, so a past settlement can be re-explained.
 * When a later version (imported ≤ D) does not list the person, `absentFrom` says so: with
 * full monthly lists that means they left the roster, and the caller should not rely on the
 * older answer without asking the bureau.
 */
export function createRosterLookup(db: Database.Database) {
  const rows = db.prepare(
    `SELECT p.*, v.imported_on FROM roster_persons p JOIN roster_versions v ON v.id = p.version_id
     WHERE p.certno = ? AND v.imported_on <= ?
     ORDER BY v.imported_on DESC, v.id DESC, p.line`,
  );
  const version = db.prepare('SELECT * FROM roster_versions WHERE id = ?');
  const latestBy = db.prepare('SELECT * FROM roster_versions WHERE imported_on <= ? ORDER BY imported_on DESC, id DESC LIMIT 1');

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
    return (db.prepare('SELECT * FROM roster_versions ORDER BY id DESC LIMIT ?').all(limit) as Array<Record<string, string | number | null>>).map(toVersion);
  }

  return { findByCertno, listVersions };
}

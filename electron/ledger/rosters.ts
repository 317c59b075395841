import type { AuditChain, AuditEntry } from './audit';
import { publishStagedImport } from './staged-import';
import type { Dialect, Engine } from './engine/types';
import type { Identity } from '../../shared/engine';

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

export type RosterVersionStart = Omit<RosterVersion, 'id' | 'rowCount' | 'rejectedCount' | 'effectiveOn'>;

/** The write side of one roster import: open a version, add people, close it with its counts. */
export interface RosterImportSession {
  openVersion(v: RosterVersionStart): Promise<number>;
  /** Adds people in order; a repeat of (certno, identity) in the same version answers the first line. */
  addPeople(versionId: number, people: readonly RosterPersonRow[]): Promise<Array<{ ok: true } | { ok: false; duplicateOf: number }>>;
  closeVersion(versionId: number, rowCount: number, rejectedCount: number): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

/** Rows deleted per transaction when a staged version is thrown away. */
const DISCARD_BATCH = 5000;

/** Deletes a staged version's people in short transactions (walking the primary key by certno), then the version. */
async function discardStagedRoster(db: Engine, versionId: number): Promise<void> {
  let after = '';
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const keys = await tx.all<{ certno: string }>('SELECT certno FROM roster_persons WHERE certno > ? AND version_id = ? ORDER BY certno LIMIT ?', [
        after,
        versionId,
        DISCARD_BATCH,
      ]);
      if (keys.length === 0) {
        await tx.run('DELETE FROM roster_versions WHERE id = ? AND staged_by IS NOT NULL', [versionId]);
        return true;
      }
      const last = keys.at(-1)!.certno;
      await tx.run('DELETE FROM roster_persons WHERE version_id = ? AND certno >= ? AND certno <= ?', [versionId, keys[0]!.certno, last]);
      after = last;
      return false;
    });
    if (done) return;
  }
}

/**
 * One roster import, staged: the version is opened unpublished (`staged_by`), every `addPeople`
 * call is a short transaction of its own, and `closeVersion` and `audit` are kept for the one last
 * transaction that publishes the version with its audit row. Look-ups see only published versions.
 */
function stagedRosterSession(db: Engine, stagedBy: string) {
  let versionId: number | undefined;
  let counts: { rowCount: number; rejectedCount: number } = { rowCount: 0, rejectedCount: 0 };
  let auditEntry: AuditEntry | undefined;
  const session: RosterImportSession = {
    async openVersion(v) {
      versionId = Number(
        await db.transaction((tx) =>
          tx.value(
            `INSERT INTO roster_versions (imported_at, imported_on, roster_date, source_name, region, row_count, rejected_count, operator_id, staged_by)
             VALUES (@importedAt, @importedOn, @rosterDate, @sourceName, @region, 0, 0, @operatorId, @stagedBy) RETURNING id`,
            { ...v, stagedBy },
          ),
        ),
      );
      return versionId;
    },
    addPeople: (id, people) =>
      db.transaction(async (tx) => {
        const out: Array<{ ok: true } | { ok: false; duplicateOf: number }> = [];
        for (const p of people) {
          // ON CONFLICT DO NOTHING rather than catching the key error: on PostgreSQL an error ends the transaction.
          const added = await tx.run(
            `INSERT INTO roster_persons (certno, version_id, identity, identity_raw, line, name, begin_date, end_date, region_code, certificate)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
            [p.certno, id, p.identity, p.identityRaw, p.line, p.name, p.beginDate, p.endDate, p.regionCode, p.certificate],
          );
          if (added === 1) out.push({ ok: true });
          else {
            const line = await tx.value<number>('SELECT line FROM roster_persons WHERE certno = ? AND version_id = ? AND identity = ?', [p.certno, id, p.identity]);
            out.push({ ok: false, duplicateOf: Number(line) });
          }
        }
        return out;
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
 * Runs one roster import: kept (published, with its audit row, in one short transaction) when `fn`
 * resolves, nothing when it throws (the staged rows are deleted in short transactions). The rows
 * are written in short transactions of their own, so a settlement commit never waits behind the
 * import for longer than one batch. A version this terminal left staged (the program stopped
 * mid-import) is thrown away first. Rosters are one set for the whole ledger (every window).
 */
export function createRosterImport(db: Engine, chain: AuditChain, stagedBy: string) {
  return async <T>(fn: (session: RosterImportSession) => Promise<T>): Promise<T> => {
    const leftovers = await db.all<{ id: number }>('SELECT id FROM roster_versions WHERE staged_by = ?', [stagedBy]);
    for (const { id } of leftovers) await discardStagedRoster(db, Number(id));
    return publishStagedImport(db, chain, 'roster_versions', stagedRosterSession(db, stagedBy), fn, (versionId) => discardStagedRoster(db, versionId));
  };
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
 * import day for a roster date in no known shape. SQL over `roster_versions` aliased `v`, per dialect.
 */
const effectiveOn = (dialect: Dialect) => {
  const month = dialect === 'sqlite' ? `v.roster_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'` : `v.roster_date ~ '^[0-9]{4}-[0-9]{2}$'`;
  const day = dialect === 'sqlite' ? `v.roster_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'` : `v.roster_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;
  return `CASE WHEN ${month} THEN v.roster_date || '-01' WHEN ${day} THEN v.roster_date ELSE v.imported_on END`;
};

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
export function createRosterLookup(db: Engine) {
  const EFFECTIVE_ON = effectiveOn(db.dialect);
  const VERSION_COLUMNS = `v.*, ${EFFECTIVE_ON} AS effective_on`;
  const latestBy = `SELECT ${VERSION_COLUMNS} FROM roster_versions v WHERE v.staged_by IS NULL AND ${EFFECTIVE_ON} <= ? ORDER BY effective_on DESC, v.id DESC LIMIT 1`;

  async function findByCertno(certno: string, onDate: string): Promise<RosterAnswer | undefined> {
    const found = await db.all<Record<string, string | number | null>>(
      `SELECT p.*, ${EFFECTIVE_ON} AS effective_on FROM roster_persons p JOIN roster_versions v ON v.id = p.version_id
       WHERE p.certno = ? AND v.staged_by IS NULL AND ${EFFECTIVE_ON} <= ?
       ORDER BY effective_on DESC, v.id DESC, p.line`,
      [certno.trim().toUpperCase(), onDate],
    );
    const first = found[0];
    if (!first) return undefined;
    const mine = found.filter((r) => r.version_id === first.version_id);
    const identities = mine.map((r): RosterIdentity => ({
      identity: r.identity as Identity,
      raw: r.identity_raw as string,
      beginDate: r.begin_date as string,
      endDate: r.end_date as string | null,
      inForce: (r.begin_date as string) <= onDate && (r.end_date === null || onDate <= (r.end_date as string)),
      line: r.line as number,
    }));
    const latest = toVersion((await db.get<Record<string, string | number | null>>(latestBy, [onDate]))!);
    const own = await db.get<Record<string, string | number | null>>(`SELECT ${VERSION_COLUMNS} FROM roster_versions v WHERE v.id = ?`, [first.version_id]);
    return {
      certno: first.certno as string,
      name: first.name as string,
      regionCode: first.region_code as string,
      certificate: first.certificate as string | null,
      identities,
      identitiesInForce: [...new Set(identities.filter((i) => i.inForce).map((i) => i.identity))],
      version: toVersion(own!),
      absentFrom: latest.id === first.version_id ? null : latest,
    };
  }

  async function listVersions(limit = 50): Promise<RosterVersion[]> {
    return (
      await db.all<Record<string, string | number | null>>(`SELECT ${VERSION_COLUMNS} FROM roster_versions v WHERE v.staged_by IS NULL ORDER BY v.id DESC LIMIT ?`, [
        limit,
      ])
    ).map(toVersion);
  }

  /** The latest version in effect on a date (what an offline answer about that date rests on). */
  async function versionInEffect(onDate: string): Promise<RosterVersion | undefined> {
    const row = await db.get<Record<string, string | number | null>>(latestBy, [onDate]);
    return row && toVersion(row);
  }

  return { findByCertno, listVersions, versionInEffect };
}

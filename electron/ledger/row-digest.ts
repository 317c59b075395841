import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from './canonical-json';

/** The record tables the audit chain covers, by their key column. */
export const COVERED_TABLES = { settlements: 'id', reversals: 'settlement_id', settlement_events: 'id' } as const;
export type CoveredTable = keyof typeof COVERED_TABLES;

/**
 * A digest of stored rows (every column), written into the audit row of the write that made them:
 * the chain then covers the amounts themselves, so a row changed behind the triggers' back shows.
 */
export function createRowDigests(db: Database.Database) {
  const select = Object.fromEntries(
    Object.entries(COVERED_TABLES).map(([table, key]) => [table, db.prepare(`SELECT * FROM ${table} WHERE ${key} = ?`)]),
  ) as Record<CoveredTable, Database.Statement>;

  function digest(table: CoveredTable, key: string | number): string | null {
    const row = select[table].get(key) as Record<string, unknown> | undefined;
    return row ? createHash('sha256').update(canonicalJson(row)).digest('hex') : null;
  }

  return {
    digest,
    /** `{ "settlements:T01-…": digest, … }` for an audit row's detail; call after the rows are written, in the same transaction. */
    cover(rows: Array<[CoveredTable, string | number]>): Record<string, string> {
      return Object.fromEntries(rows.map(([table, key]) => [`${table}:${key}`, digest(table, key) ?? 'missing']));
    },
  };
}

export type RowDigests = ReturnType<typeof createRowDigests>;

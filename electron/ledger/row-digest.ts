import { createHash } from 'node:crypto';
import type { Dialect, Queryable } from './engine/types';
import { PRE_14_CATASTROPHIC_VISITS } from './migrations/0014-catastrophic-base';

/** The record tables the audit chain covers, by their key column. */
export const COVERED_TABLES = { settlements: 'id', reversals: 'settlement_id', settlement_events: 'id' } as const;
export type CoveredTable = keyof typeof COVERED_TABLES;

/**
 * The digest of one stored row (sha256): every column, null ones left out (so a column a later additive
 * migration adds, null in old rows, leaves their digests as they were), and PostgreSQL's `seq`
 * left out (where the row stands in commit order, SQLite's rowid; a ledger moved to the server by
 * `transferLedger` keeps its digests). A settlement's `catastrophic_base_fen` is left out where it
 * holds what migration 14 backfilled (the pre-14 rule over the row's own visit and copay1), so
 * the backfilled rows keep their digests; any other value is digested, so a change either way shows.
 */
export function digestOf(row: Record<string, unknown>): string {
  const hash = createHash('sha256');
  // Each column as name, type, length and value (unambiguous), in name order: no JSON escaping of the long text columns.
  for (const name of Object.keys(row).sort()) {
    const value = row[name];
    if (value === null || value === undefined || name === 'seq') continue;
    if (name === 'catastrophic_base_fen' && isBackfilledBase(row)) continue;
    const text = String(value);
    hash.update(`${name}\u0000${typeof value}\u0000${text.length}\u0000`).update(text);
  }
  return hash.digest('hex');
}

function isBackfilledBase(row: Record<string, unknown>): boolean {
  const pre14 = (PRE_14_CATASTROPHIC_VISITS as readonly unknown[]).includes(row.visit) ? Number(row.copay1_fen) : 0;
  return Number(row.catastrophic_base_fen) === pre14;
}

/** Where a covered row stands in commit order (SQLite's rowid, PostgreSQL's seq; a reversal row by its settlement's). */
export function orderOf(dialect: Dialect, table: CoveredTable): string {
  const seq = dialect === 'sqlite' ? 'rowid' : 'seq';
  if (table === 'settlements') return `t.${seq}`;
  if (table === 'reversals') return `(SELECT s.${seq} FROM settlements s WHERE s.id = t.settlement_id)`;
  return 't.id';
}

/**
 * `{ "settlements:T01-…": digest, … }` for the audit row of the write that made the rows: the chain
 * then covers the stored amounts themselves. Call after the rows are written, in the same transaction.
 */
export async function coverRows(tx: Queryable, rows: Array<[CoveredTable, string | number]>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, key] of rows) {
    const row = await tx.get<Record<string, unknown>>(`SELECT * FROM ${table} t WHERE t.${COVERED_TABLES[table]} = ?`, [key]);
    out[`${table}:${key}`] = row ? digestOf(row) : 'missing';
  }
  return out;
}

/** The commit-order watermark of each covered table: rows after it must be covered by an audit row. */
export async function coverageMarks(tx: Queryable): Promise<Record<CoveredTable, number>> {
  const seq = tx.dialect === 'sqlite' ? 'rowid' : 'seq';
  return {
    settlements: Number((await tx.value(`SELECT coalesce(max(${seq}), 0) FROM settlements`)) ?? 0),
    reversals: Number((await tx.value(`SELECT coalesce(max(s.${seq}), 0) FROM reversals r JOIN settlements s ON s.id = r.settlement_id`)) ?? 0),
    settlement_events: Number((await tx.value('SELECT coalesce(max(id), 0) FROM settlement_events')) ?? 0),
  };
}

/**
 * Growing from one PC to many: copies a one-window site's SQLite ledger into the hospital's
 * PostgreSQL ledger (`npm run ledger:migrate`). Every table, every row, every column as stored:
 * ids, integer-fen amounts, events, outbox states and claims, the audit chain with its hashes,
 * and each settlement's commit order (SQLite's rowid becomes `settlements.seq`).
 *
 * One transaction on the server: a refusal or failure writes nothing. Idempotent: a row already
 * there with the same content is left alone (a second run copies nothing); a row with the same key
 * and different content is a collision and refuses the whole copy (`ledger-migrate-collision`).
 * Verified per table before committing: the rows copied plus those already there make the
 * source's count, and the server's count and integer sums (fen) grew by exactly what was copied.
 */
import { openSqliteEngine } from './engine/sqlite';
import type { Engine, Queryable, Row } from './engine/types';
import { lockKey } from './locks';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { LedgerError } from './result';
import { systemClock } from '../../shared/time';

export interface TableCopy {
  table: string;
  /** Rows in the SQLite ledger. */
  source: number;
  /** Rows written to the server by this run. */
  copied: number;
  /** Rows the server already held with the same content. */
  present: number;
}

export interface TransferReport {
  tables: TableCopy[];
  copied: number;
  /** The SQLite chain's last hash, found at the same place in the server's chain. */
  auditHead: string | null;
}

export interface TransferProgress {
  table: string;
  done: number;
  total: number;
}

interface Column {
  name: string;
  type: string;
  pk: number;
}

const PAGE = 2000;
const MAX_PARAMS = 30_000;
const SKIPPED = new Set(['schema_migrations']);
/**
 * Tables whose rows change in place (queue states, last-seen, accounts, settings, the terminal
 * registry): once the server holds a row it is the newer one (the hospital carried on after the
 * first copy), so it stands. Only the counters are checked: the server's must not be behind.
 */
const MUTABLE = new Set(['outbox', 'patients', 'operators', 'settings', 'terminals', 'counters']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const isInteger = (c: Column) => c.type.toUpperCase() === 'INTEGER';

/** Copies the SQLite ledger at `from` into the PostgreSQL ledger `to` (which the caller closes). */
export async function transferLedger(args: { from: string; to: Engine; onProgress?: (p: TransferProgress) => void; nativeBinding?: string }): Promise<TransferReport> {
  if (args.to.dialect !== 'postgres') throw new LedgerError('ledger-migrate-target', '迁移目标必须是医院台账服务器（postgres://…）');
  const source = openSqliteEngine({ path: args.from, nativeBinding: args.nativeBinding });
  try {
    // Both sides at this build's schema (the SQLite file upgraded as the app would at start).
    await migrate(source, MIGRATIONS, systemClock);
    await migrate(args.to, MIGRATIONS, systemClock);
    const tables = (await source.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`))
      .map((t) => t.name)
      .filter((t) => !SKIPPED.has(t));
    return await args.to.transaction(async (tx) => {
      await tx.value('SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))', [lockKey('ledger-migrate')]);
      const report: TableCopy[] = [];
      for (const table of tables) report.push(await copyTable(source, tx, table, args.onProgress));
      await advanceIdentities(tx);
      // The server's chain holds the SQLite chain as its beginning (it may have grown since a first copy).
      const last = await source.get<{ id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
      const from = last?.hash ?? null;
      const to = last ? ((await tx.value<string>('SELECT hash FROM audit_log WHERE id = ?', [last.id])) ?? null) : null;
      if (from !== to) throw new LedgerError('ledger-migrate-verify', `迁移核对失败：审计链末条不一致（本机 ${from ?? '无'}，服务器 ${to ?? '无'}），未写入任何数据`);
      return { tables: report, copied: report.reduce((n, t) => n + t.copied, 0), auditHead: to };
    });
  } finally {
    await source.close();
  }
}

async function copyTable(source: Engine, tx: Queryable, table: string, onProgress?: (p: TransferProgress) => void): Promise<TableCopy> {
  const columns = await source.all<Column>(`SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`, [table]);
  const keys = columns
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  if (keys.length === 0) throw new Error(`ledger table without a primary key: ${table}`);
  const withSeq = table === 'settlements';
  const names = [...columns.map((c) => c.name), ...(withSeq ? ['seq'] : [])];
  const integers = columns.filter(isInteger).map((c) => c.name);
  const select = `SELECT ${columns.map((c) => quote(c.name)).join(', ')}${withSeq ? ', rowid AS seq' : ''} FROM ${quote(table)} ORDER BY ${keys.map(quote).join(', ')}`;
  const aggregate = `SELECT count(*) AS n${integers.map((c, i) => `, coalesce(sum(${quote(c)}), 0) AS s${i}`).join('')} FROM ${quote(table)}`;
  const totals = async (q: Queryable) => Object.values((await q.get<Row>(aggregate))!).map(Number);

  const total = Number(await source.value(`SELECT count(*) FROM ${quote(table)}`));
  const before = await totals(tx);
  const added = [0, ...integers.map(() => 0)];
  let present = 0;
  const perStatement = Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / names.length)));
  for (let offset = 0; offset < total; offset += PAGE) {
    const page = await source.all<Row>(`${select} LIMIT ? OFFSET ?`, [PAGE, offset]);
    for (let i = 0; i < page.length; i += perStatement) {
      const rows = page.slice(i, i + perStatement);
      const inserted = await insertRows(tx, table, names, keys, rows, withSeq);
      const skipped = rows.filter((r) => !inserted.has(keyOf(keys, r)));
      await assertSame(tx, table, MUTABLE.has(table) ? (table === 'counters' ? ['value'] : []) : names, keys, skipped);
      present += skipped.length;
      for (const r of rows) {
        if (!inserted.has(keyOf(keys, r))) continue;
        added[0]!++;
        integers.forEach((c, k) => (added[k + 1]! += Number(r[c] ?? 0)));
      }
    }
    onProgress?.({ table, done: Math.min(total, offset + page.length), total });
  }
  const after = await totals(tx);
  const wrong = after.findIndex((v, i) => v - before[i]! !== added[i]);
  if (wrong >= 0 || added[0]! + present !== total) {
    const what = wrong <= 0 ? '行数' : `${integers[wrong - 1]} 合计`;
    throw new LedgerError('ledger-migrate-verify', `迁移核对失败：${table} 的${what}不符，未写入任何数据`);
  }
  return { table, source: total, copied: added[0]!, present };
}

const keyOf = (keys: readonly string[], row: Row) => JSON.stringify(keys.map((k) => row[k]));

/** Inserts what is not there yet; answers the keys it inserted. */
async function insertRows(
  tx: Queryable,
  table: string,
  names: readonly string[],
  keys: readonly string[],
  rows: readonly Row[],
  overriding: boolean,
): Promise<Set<string>> {
  const values: unknown[] = [];
  const tuples = rows.map((r) => `(${names.map((n) => (values.push(r[n] ?? null), '?')).join(', ')})`);
  const returned = await tx.all<Row>(
    `INSERT INTO ${quote(table)} (${names.map(quote).join(', ')}) ${overriding ? 'OVERRIDING SYSTEM VALUE ' : ''}VALUES ${tuples.join(', ')}
     ON CONFLICT DO NOTHING RETURNING ${keys.map(quote).join(', ')}`,
    values,
  );
  return new Set(returned.map((r) => keyOf(keys, r)));
}

/**
 * Rows the server did not take: each must be there already with the same `compared` columns as in
 * the SQLite ledger (a counter: not behind it).
 */
async function assertSame(tx: Queryable, table: string, compared: readonly string[], keys: readonly string[], rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const values: unknown[] = [];
  const match = rows.map((r) => `(${keys.map((k) => (values.push(r[k]), `${quote(k)} = ?`)).join(' AND ')})`).join(' OR ');
  const names = [...new Set([...keys, ...compared])];
  const held = new Map((await tx.all<Row>(`SELECT ${names.map(quote).join(', ')} FROM ${quote(table)} WHERE ${match}`, values)).map((r) => [keyOf(keys, r), r]));
  const same = (n: string, a: unknown, b: unknown) => (table === 'counters' && n === 'value' ? Number(b) >= Number(a) : sameValue(a, b));
  for (const row of rows) {
    const there = held.get(keyOf(keys, row));
    const differs = there ? compared.find((n) => !same(n, row[n], there[n])) : '另一唯一键';
    if (differs !== undefined) {
      throw new LedgerError(
        'ledger-migrate-collision',
        `医院台账中已有编号相同而内容不同的记录（${table} ${keys.map((k) => `${k}=${String(row[k])}`).join('，')}，字段 ${differs}），未复制任何数据。` +
          '请确认目标是这台电脑自己的新台账，或联系信息科处理编号冲突',
      );
    }
  }
}

const sameValue = (a: unknown, b: unknown) => (a ?? null) === (b ?? null) || (typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : false);

/** Identity columns continue after the copied ids. */
async function advanceIdentities(tx: Queryable): Promise<void> {
  const identities = await tx.all<{ t: string; c: string }>(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'`,
  );
  for (const { t, c } of identities) {
    await tx.value(`SELECT setval(pg_get_serial_sequence(?, ?), m) FROM (SELECT max(${quote(c)}) AS m FROM ${quote(t)}) x WHERE m IS NOT NULL`, [t, c]);
  }
}

import type Database from 'better-sqlite3';
import { localTimestamp, type Clock } from './clock';
import type { Migration } from './migrations';
import { LedgerError } from './result';

/**
 * Brings the database up to `available`. The applied ids must be a prefix of the available ids
 * (Actual Budget's rule); a database that has ids this build does not know was written by a newer
 * app and is refused with `ledger-too-new` rather than being half-understood.
 */
export function migrate(db: Database.Database, available: readonly Migration[], now: Clock): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = (db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all() as number[]);
  const known = available.map((m) => m.id);
  assertOrdered(known);

  const newest = known.at(-1) ?? 0;
  if (applied.some((id) => id > newest)) {
    throw new LedgerError(
      'ledger-too-new',
      `本机账本由更新版本的一单通写入（数据库版本 ${applied.at(-1)}，本程序只认识到 ${newest}），请升级本程序后再打开，切勿降级使用`,
    );
  }
  const isPrefix = applied.every((id, i) => known[i] === id);
  if (!isPrefix) {
    throw new LedgerError(
      'ledger-migrations-out-of-sync',
      `本机账本的升级记录与本程序不一致（已应用 ${applied.join(',')}），请联系技术支持，不要继续收费`,
    );
  }

  const record = db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
  const pending = available.slice(applied.length);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, migration.name, localTimestamp(now()));
    }).immediate();
  }
  return pending.map((m) => m.id);
}

function assertOrdered(ids: number[]): void {
  ids.forEach((id, i) => {
    if (i > 0 && id <= ids[i - 1]!) throw new Error(`migration ids must increase: ${ids.join(',')}`);
  });
}

import { ledgerStamp, type Clock } from '../../shared/time';
import type { Engine } from './engine/types';
import { lockKey } from './locks';
import type { Migration } from './migrations';
import { LedgerError } from './result';

const MIGRATIONS_TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
};

/**
 * Brings the database up to `available`. The applied ids must be a prefix of the available ids
 * (Actual Budget's rule); a database that has ids this build does not know was written by a newer
 * app and is refused with `ledger-too-new` rather than being half-understood. Each migration is
 * one transaction; on a shared server the windows starting together take turns (an advisory lock).
 */
export async function migrate(db: Engine, available: readonly Migration[], now: Clock): Promise<number[]> {
  const known = available.map((m) => m.id);
  assertOrdered(known);
  const done: number[] = [];
  // One transaction per migration (a failing one leaves the earlier ones applied), each re-reading
  // what is applied under the lock, since another window may have migrated in the meantime.
  for (;;) {
    const step = await db.transaction(async (tx) => {
      if (tx.dialect === 'postgres') await tx.value('SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))', [lockKey('migrations')]);
      await tx.exec(MIGRATIONS_TABLE[tx.dialect]);
      const applied = (await tx.all<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id')).map((r) => Number(r.id));
      const newest = known.at(-1) ?? 0;
      if (applied.some((id) => id > newest)) {
        throw new LedgerError(
          'ledger-too-new',
          `本机账本由更新版本的一单通写入（数据库版本 ${applied.at(-1)}，本程序只认识到 ${newest}），请升级本程序后再打开，切勿降级使用`,
        );
      }
      if (!applied.every((id, i) => known[i] === id)) {
        throw new LedgerError('ledger-migrations-out-of-sync', `本机账本的升级记录与本程序不一致（已应用 ${applied.join(',')}），请联系技术支持，不要继续收费`);
      }
      const migration = available[applied.length];
      if (!migration) return undefined;
      const sql = tx.dialect === 'sqlite' ? migration.sql : migration.postgres;
      if (sql === undefined) throw new Error(`migration ${migration.id} has no ${tx.dialect} form`);
      await tx.exec(sql);
      await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)', [migration.id, migration.name, ledgerStamp(now())]);
      return migration.id;
    });
    if (step === undefined) return done;
    done.push(step);
  }
}

function assertOrdered(ids: number[]): void {
  ids.forEach((id, i) => {
    if (i > 0 && id <= ids[i - 1]!) throw new Error(`migration ids must increase: ${ids.join(',')}`);
  });
}

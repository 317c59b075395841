import type Database from 'better-sqlite3';
import type { AuditLog } from './audit';
import { localTimestamp, type Clock } from './clock';

/** Terminal settings as key → JSON value (printer, terminal id, bureau URL...). Every change is audited. */
export function createSettings(db: Database.Database, audit: AuditLog, now: Clock) {
  const select = db.prepare('SELECT value_json FROM settings WHERE key = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );

  function get<T = unknown>(key: string): T | undefined {
    const json = select.get(key) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  function set(key: string, value: unknown, actor = 'system'): void {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`setting ${key} has no JSON form`);
    db.transaction(() => {
      upsert.run(key, json, localTimestamp(now()));
      audit.append({ actor, action: 'settings.set', subject: key, detail: { value } });
    }).immediate();
  }

  function all(): Record<string, unknown> {
    const rows = db.prepare('SELECT key, value_json FROM settings ORDER BY key').all() as Array<{ key: string; value_json: string }>;
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json)]));
  }

  return { get, set, all };
}

export type Settings = ReturnType<typeof createSettings>;

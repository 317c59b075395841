import { appendAudit, type AuditChain } from './audit';
import { ledgerStamp, type Clock } from '../../shared/time';
import type { Engine } from './engine/types';

/** Settings as key → JSON value (printer, terminal id, bureau URL...). Every change is audited. */
export function createSettings(db: Engine, now: Clock, chain: AuditChain) {
  async function get<T = unknown>(key: string): Promise<T | undefined> {
    const json = await db.value<string>('SELECT value_json FROM settings WHERE key = ?', [key]);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  async function set(key: string, value: unknown, actor = 'system'): Promise<void> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`setting ${key} has no JSON form`);
    await db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
        [key, json, ledgerStamp(now())],
      );
      await appendAudit(tx, chain, { actor, action: 'settings.set', subject: key, detail: { value } });
    });
  }

  async function all(): Promise<Record<string, unknown>> {
    const rows = await db.all<{ key: string; value_json: string }>('SELECT key, value_json FROM settings ORDER BY key');
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json)]));
  }

  return { get, set, all };
}

export type Settings = ReturnType<typeof createSettings>;

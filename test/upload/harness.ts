// A ledger of real settlements, the bureau simulator on loopback and a client, all torn down by stop().
import { join } from 'node:path';
import { BureauClient } from '../../electron/bureau/client';
import { startBureauSimulator, type BureauSimulator } from '../../tools/bureau-sim/server';
import type { FaultSettingsInput } from '../../tools/bureau-sim/faults';
import { tempLedger } from '../ledger/helpers';
import { library } from '../../tools/fixtures';
import Database from 'better-sqlite3';

export const HOSPITAL = { code: 'H52010200001', name: '测试医院', area: '520100' };

export async function startHarness(options: { retries?: number } = {}) {
  const t = await tempLedger();
  const dir = join(t.path, '..');
  const simDbPath = join(dir, 'sim.sqlite');
  const sim: BureauSimulator = await startBureauSimulator({ dbPath: simDbPath, library: library() });
  const statePath = join(dir, 'state.sqlite');
  const client = BureauClient.open(
    {
      url: sim.url,
      hospitalCode: HOSPITAL.code,
      hospitalName: HOSPITAL.name,
      areaCode: HOSPITAL.area,
      operator: { code: 'system', name: '系统' },
      retries: options.retries ?? 0,
      retryDelayMs: 0,
      timeoutMs: 5_000,
    },
    statePath,
  );
  const simDb = new Database(simDbPath, { readonly: true });
  return {
    ...t,
    dir,
    sim,
    simDbPath,
    statePath,
    client,
    async faults(settings: FaultSettingsInput) {
      const res = await fetch(`http://127.0.0.1:${sim.port}/admin/faults`, { method: 'POST', body: JSON.stringify(settings) });
      if (!res.ok) throw new Error(await res.text());
    },
    /** setl_id → how many rows the bureau holds for it, and its setl_list_id. */
    stored(): Map<string, { count: number; setlListId: string; flag: string; initId: string | null }> {
      const rows = simDb
        .prepare(
          'SELECT setl_id AS id, count(*) AS n, min(setl_list_id) AS list, min(refd_setl_flag) AS flag, min(init_setl_id) AS init FROM settlement GROUP BY setl_id',
        )
        .all() as Array<{ id: string; n: number; list: string; flag: string; init: string | null }>;
      return new Map(rows.map((r) => [r.id, { count: r.n, setlListId: r.list, flag: r.flag, initId: r.init }]));
    },
    outbox(): Record<string, { status: string; error: string | null; setlId: string | null }> {
      const rows = t.sql.prepare('SELECT settlement_id, status, last_error, bureau_setl_id FROM outbox').all() as Array<Record<string, string | null>>;
      return Object.fromEntries(rows.map((r) => [r.settlement_id!, { status: r.status!, error: r.last_error ?? null, setlId: r.bureau_setl_id ?? null }]));
    },
    async stop() {
      simDb.close();
      client.close();
      await sim.stop();
      await t.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

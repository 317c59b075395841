// One hospital, two windows (T01, T02) on one ledger, one bureau (the strict simulator over
// loopback): both uploaders run at the same time. Their claims never overlap (FOR UPDATE SKIP
// LOCKED on PostgreSQL, the single writer on SQLite), each settlement is stored once at the bureau,
// a person's lists reach it in commit order, and 3201 for the hospital's day balances at both.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BureauClient } from '../../electron/bureau/client';
import type { SettlementListInput } from '../../electron/bureau/settlement-list';
import type { Ledger } from '../../electron/ledger';
import { createUploader, reconcileDay, type UploadBureau } from '../../electron/upload';
import { startBureauSimulator } from '../../tools/bureau-sim/server';
import { DIALECTS, inOrder, tempDir, tempLedger, unwrap } from '../ledger/helpers';
import { PATIENTS, commitReal, library } from '../../tools/fixtures';
import { HOSPITAL } from './harness';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const noWait = { sleep: async () => undefined, backoff: { maxAttempts: 4, baseMs: 1 } };

describe.each(DIALECTS)('two terminals upload one hospital ledger (%s)', (dialect) => {
  it('never send the same row at the same time; each settlement is stored once; 3201 balances at both', { timeout: 120_000 }, async () => {
    const t = await tempLedger({ dialect, terminalId: 'T01', machineId: 'pc-1' });
    cleanups.push(() => t.close());
    const t2 = await t.reopen({ terminalId: 'T02', machineId: 'pc-2' });
    const files = tempDir('onebill-two-uploaders-');
    cleanups.push(files.remove);
    const simDbPath = join(files.dir, 'sim.sqlite');
    const sim = await startBureauSimulator({ dbPath: simDbPath, library: library() });
    cleanups.push(() => sim.stop());

    // 40 settlements of six people from both windows, one reversal among them.
    const people = Object.values(PATIENTS);
    const windows: Ledger[] = [t.ledger, t2];
    const ids = await inOrder(
      Array.from({ length: 40 }, (_, i) => i),
      async (i) => {
        t.clock.tick(1000);
        return commitReal(windows[i % 2]!, people[i % people.length]!, {
          lines: [
            ['A', `${100 + i}.00`, '1'],
            ['C', '20.00', '1'],
          ],
        });
      },
    );
    t.clock.tick(1000);
    const reversal = unwrap(await t2.reverseSettlement(ids[3]!, { supervisorId: 'supervisor', reason: '收费错误' })).settlementId;
    const all = [...ids, reversal];

    // Every list each uploader posts, and which lists are in flight at this moment.
    const inFlight = new Map<string, string>();
    const overlaps: string[] = [];
    const posted: string[] = [];
    const bureauFor = (terminal: string, n: number): { bureau: UploadBureau; client: BureauClient } => {
      const client = BureauClient.open(
        {
          url: sim.url,
          hospitalCode: HOSPITAL.code,
          hospitalName: HOSPITAL.name,
          areaCode: HOSPITAL.area,
          operator: { code: 'system', name: '系统' },
          retries: 0,
          retryDelayMs: 0,
          timeoutMs: 5_000,
        },
        join(files.dir, `state-${n}.sqlite`),
      );
      cleanups.push(() => client.close());
      return {
        client,
        bureau: {
          async uploadSettlements(lists: readonly SettlementListInput[]) {
            const setlIds = lists.map((l) => l.setlinfo.setl_id);
            for (const id of setlIds) {
              if (inFlight.has(id)) overlaps.push(`${id}: ${inFlight.get(id)} and ${terminal}`);
              inFlight.set(id, terminal);
            }
            posted.push(...setlIds);
            try {
              return await client.uploadSettlements(lists);
            } finally {
              for (const id of setlIds) inFlight.delete(id);
            }
          },
        },
      };
    };
    const one = bureauFor('T01', 1);
    const two = bureauFor('T02', 2);
    const [a, b] = await Promise.all([
      createUploader({ ledger: t.ledger, bureau: one.bureau, batchSize: 3, ...noWait }).runOnce(),
      // SQLite: one file has one writer; two uploaders in one process share its connection (two
      // connections in one thread would wait for each other), each with its own claims.
      createUploader({ ledger: dialect === 'postgres' ? t2 : t.ledger, claimant: 'T02', bureau: two.bureau, batchSize: 3, ...noWait }).runOnce(),
    ]);

    expect(overlaps).toEqual([]);
    expect([...posted].sort()).toEqual([...all].sort()); // each sent once: nothing twice, nothing left
    expect(a.acked + b.acked).toBe(all.length);
    expect(a.acked).toBeGreaterThan(0);
    expect(b.acked).toBeGreaterThan(0);
    expect(a.complete && b.complete).toBe(true);
    expect(await t.ledger.outboxCounts()).toMatchObject({ acked: all.length, total: all.length });

    const sims = new Database(simDbPath, { readonly: true });
    cleanups.push(() => sims.close());
    const stored = sims.prepare('SELECT setl_id AS id, count(*) AS n FROM settlement GROUP BY setl_id').all() as Array<{ id: string; n: number }>;
    expect(stored.map((r) => r.id).sort()).toEqual([...all].sort());
    expect(stored.every((r) => r.n === 1)).toBe(true);

    // The bureau reconciles the hospital: both windows send the same totals (all windows) and balance.
    for (const [ledger, client] of [
      [t.ledger, one.client],
      [t2, two.client],
    ] as const) {
      const day = await reconcileDay({ ledger, bureau: client, date: '2021-03-15' });
      expect(day.groups.map((g) => g.bureauMessage)).not.toContain(expect.stringContaining('不平'));
      expect(day.balanced).toBe(true);
      expect(day.groups.reduce((n, g) => n + g.terminal.count, 0)).toBe(all.length);
    }
  });

  it('a claim another uploader holds is left alone until it lapses; its own claims are its again at once', async () => {
    const t = await tempLedger({ dialect, terminalId: 'T01', machineId: 'pc-1' });
    cleanups.push(() => t.close());
    const t2 = await t.reopen({ terminalId: 'T02', machineId: 'pc-2' });
    const ids = await inOrder([0, 1, 2, 3], async (i) => {
      t.clock.tick(1000);
      return commitReal(t.ledger, Object.values(PATIENTS)[i]!, {});
    });
    const first = await t.ledger.claimOutbox({ claimant: 'T01', limit: 2, leaseMs: 60_000 });
    expect(first).toEqual(ids.slice(0, 2));
    // T02 gets only what T01 does not hold; T01 (restarted after a crash) takes its own back.
    expect(await t2.claimOutbox({ claimant: 'T02', limit: 10, leaseMs: 60_000 })).toEqual(ids.slice(2));
    expect(await t2.claimOutbox({ claimant: 'T02', limit: 10, leaseMs: 60_000 })).toEqual(ids.slice(2));
    expect(await t.ledger.claimOutbox({ claimant: 'T01', limit: 10, leaseMs: 60_000 })).toEqual(ids.slice(0, 2));
    expect(await t.ledger.outboxDueIds('T03')).toEqual([]);
    // A crashed claim lapses: after the lease another terminal takes it.
    t.clock.tick(61_000);
    expect(await t.ledger.claimOutbox({ claimant: 'T03', limit: 10 })).toEqual(ids);
    // An answer ends the claim.
    unwrap(await t.ledger.markOutbox({ settlementId: ids[0]!, status: 'pending' }));
    expect(await t2.claimOutbox({ claimant: 'T02', limit: 10 })).toEqual([ids[0]]);
  });

  it("claims a person's later row only together with the earlier ones (the centre settles on top of them)", async () => {
    const t = await tempLedger({ dialect, terminalId: 'T01', machineId: 'pc-1' });
    cleanups.push(() => t.close());
    const t2 = await t.reopen({ terminalId: 'T02', machineId: 'pc-2' });
    const ids = await inOrder([0, 1, 2], async (i) => {
      t.clock.tick(1000);
      return commitReal(i === 1 ? t2 : t.ledger, i === 2 ? PATIENTS.zhao : PATIENTS.wang, { lines: [['A', `${200 + i}.00`, '1']] });
    });
    // T01 holds wang's first settlement: T02 may not send wang's second one before it, only zhao's.
    expect(await t.ledger.claimOutbox({ claimant: 'T01', limit: 1 })).toEqual([ids[0]]);
    expect(await t2.claimOutbox({ claimant: 'T02', limit: 10 })).toEqual([ids[2]]);
    unwrap(await t.ledger.markOutbox({ settlementId: ids[0]!, status: 'acked', bureauSetlId: 'X1' }));
    expect(await t2.claimOutbox({ claimant: 'T02', limit: 10 })).toEqual([ids[1], ids[2]]);
  });
});

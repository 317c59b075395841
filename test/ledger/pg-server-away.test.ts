// The hospital's PostgreSQL server away, and a connection dropped in the middle of a commit: a
// clear refusal, nothing half-written, and the ledger carries on by itself when the server is back.
// A cluster of its own (the shared test server must not be stopped under the other suites).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerError, openLedger, type Ledger } from '../../electron/ledger';
import { openPostgresEngine } from '../../electron/ledger/engine/postgres';
import { startThrowawayCluster, type Cluster } from '../../tools/pg';
import { sampleCommit } from '../../tools/fixtures';
import { testClock, unwrap } from './helpers';

let cluster: Cluster;
let ledger: Ledger;
const clock = testClock();
const count = async (sql: string) => {
  const c = new pg.Client({ connectionString: cluster.url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
};

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  ledger = await openLedger({ engine: openPostgresEngine({ url: cluster.url, connectTimeoutMs: 1500 }), now: clock.now });
  await ledger.ensureDemoOperators();
}, 60_000);
afterAll(async () => {
  await ledger?.close().catch(() => undefined);
  cluster?.stop();
});

describe('PostgreSQL server away', () => {
  it('a connection killed mid-commit leaves no settlement, no outbox row, no audit row', async () => {
    unwrap(await ledger.commitSettlement(sampleCommit()));
    const before = await count(`SELECT (SELECT count(*) FROM settlements) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM bills) AS n`);
    const audit = await count('SELECT count(*) AS n FROM audit_log');
    // Hold the audit chain's lock, so the commit stops after writing its rows, just before its audit row.
    const holder = new pg.Client({ connectionString: cluster.url });
    await holder.connect();
    await holder.query('BEGIN');
    const { lockKey } = await import('../../electron/ledger/locks');
    await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey('audit-chain')]);
    const commit = ledger.commitSettlement(sampleCommit());
    const outcome = commit.then(
      () => null,
      (error: unknown) => error,
    );
    // Wait until the commit is waiting for the lock, then drop its connection.
    let waiting: number[] = [];
    for (let i = 0; i < 100 && waiting.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      waiting = (await holder.query(`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid as number);
    }
    expect(waiting.length).toBe(1);
    await holder.query('SELECT pg_terminate_backend($1)', [waiting[0]]);
    expect(await outcome).toMatchObject({ code: 'ledger-unavailable' });
    await holder.query('ROLLBACK');
    await holder.end();
    expect(await count(`SELECT (SELECT count(*) FROM settlements) + (SELECT count(*) FROM outbox) + (SELECT count(*) FROM bills) AS n`)).toBe(before);
    expect(await count('SELECT count(*) AS n FROM audit_log')).toBe(audit);
    // The pool replaced the dropped connection: the next commit goes through.
    expect((await ledger.commitSettlement(sampleCommit())).ok).toBe(true);
    expect(await ledger.verifyAuditChain()).toMatchObject({ ok: true });
  });

  it('refuses clearly (no password in the message) while the server is down, and recovers by itself', async () => {
    const stored = await count('SELECT count(*) AS n FROM settlements');
    cluster.pause();
    let error: unknown;
    try {
      await ledger.commitSettlement(sampleCommit());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerError);
    expect(error).toMatchObject({ code: 'ledger-unavailable', message: expect.stringContaining('无法连接医院账本服务器') });
    await expect(ledger.ytdFor('520102196503150017', 2021)).rejects.toMatchObject({ code: 'ledger-unavailable' });
    cluster.resume();
    expect((await ledger.commitSettlement(sampleCommit())).ok).toBe(true);
    expect(await count('SELECT count(*) AS n FROM settlements')).toBe(stored + 1);
  }, 60_000);
});

// Two terminals (child processes) settling on one PostgreSQL ledger: one is SIGKILLed mid-commit
// and started again, then the server itself is restarted mid-run. Nothing reported is lost,
// nothing is half-written (every settlement has its bill, outbox row and attempt; the audit chain
// holds), both terminals say the server is away and carry on by themselves when it is back.
// A cluster of its own: the shared test server must not be restarted under the other suites.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/ledger';
import { openPostgresEngine } from '../../electron/ledger/engine/postgres';
import { startThrowawayCluster, type Cluster } from '../../tools/pg';
import { tempDir } from './helpers';
import { sampleCommit } from '../../tools/fixtures';

const ROOT = resolve(__dirname, '../..');
let cluster: Cluster;
let dir: ReturnType<typeof tempDir>;
let childScript: string;
let keyFile: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = tempDir('onebill-pg-crash-');
  childScript = join(dir.dir, 'pg-crash-child.cjs');
  await build({
    entryPoints: [join(__dirname, 'pg-crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'pg'],
    outfile: childScript,
    logLevel: 'silent',
  });
  cluster = await startThrowawayCluster();
  // The hospital's audit key: the first window creates it, every window names the same file.
  keyFile = join(dir.dir, 'audit.key');
  const ledger = await openLedger({ engine: openPostgresEngine({ url: cluster.url }), terminalId: 'T00', machineId: 'pc-setup', auditKeyFile: keyFile });
  await ledger.ensureDemoOperators();
  await ledger.close();
}, 120_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  cluster?.stop();
  dir?.remove();
});

interface Terminal {
  child: ChildProcess;
  /** Whole lines written so far. */
  lines(): string[];
  waitFor(test: (lines: string[]) => boolean, what: string, ms?: number): Promise<void>;
  exited: Promise<string | null>;
}

function terminal(id: string, run: number): Terminal {
  const child = spawn(process.execPath, [childScript, cluster.url, id, String(run), keyFile], {
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<string | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  const lines = () =>
    out
      .slice(0, out.lastIndexOf('\n') + 1)
      .split('\n')
      .filter(Boolean);
  return {
    child,
    lines,
    exited,
    async waitFor(test, what, ms = 60_000) {
      const until = Date.now() + ms;
      while (!test(lines())) {
        if (child.exitCode !== null) throw new Error(`terminal ${id} ended by itself: ${err}`);
        if (Date.now() > until) throw new Error(`terminal ${id}: no ${what} within ${ms} ms; output: ${out.slice(-500)} ${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

const idsOf = (lines: string[]) => lines.filter((l) => /^T0\d-\d{8}-\d{6}$/.test(l));
const cutOffOf = (lines: string[]) => {
  const last = lines.filter((l) => l.startsWith('attempt ')).at(-1);
  return last && !/^T0\d-\d{8}-\d{6}$/.test(lines.at(-1) ?? '') ? last.slice('attempt '.length) : null;
};
const settled = (n: number) => (lines: string[]) => idsOf(lines).length >= n;

describe('PostgreSQL ledger: a terminal killed mid-commit, the server restarted mid-run', () => {
  it('loses nothing, half-writes nothing, and both terminals carry on', { timeout: 240_000 }, async () => {
    const t1 = terminal('T01', 1);
    const t2 = terminal('T02', 1);
    await t1.waitFor(settled(3), 'settlements');
    await t2.waitFor(settled(3), 'settlements');

    // SIGKILL T01 in the middle of its commits, and start it again (same terminal, same machine).
    await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 150)));
    t1.child.kill('SIGKILL');
    expect(await t1.exited).toBe('SIGKILL');
    const t1again = terminal('T01', 2);
    await t1again.waitFor(settled(3), 'settlements after the restart');

    // The server goes away and comes back (pg_ctl stop -m immediate, then start: a crash restart).
    const before = [idsOf(t1again.lines()).length, idsOf(t2.lines()).length];
    cluster.pause();
    await t1again.waitFor((l) => l.includes('away'), '"away" while the server is down', 30_000);
    await t2.waitFor((l) => l.includes('away'), '"away" while the server is down', 30_000);
    cluster.resume();
    await t1again.waitFor((l) => l.includes('back') && idsOf(l).length >= before[0]! + 3, 'settlements after the server came back');
    await t2.waitFor((l) => l.includes('back') && idsOf(l).length >= before[1]! + 3, 'settlements after the server came back');

    for (const t of [t1again, t2]) {
      t.child.kill('SIGKILL');
      await t.exited;
    }
    const runs = [t1, t1again, t2];
    const reported = runs.flatMap((t) => idsOf(t.lines()));
    expect(new Set(reported).size).toBe(reported.length);

    // The cashier repeats each attempt whose answer was cut off: it settles once, ever.
    const ledger = await openLedger({ engine: openPostgresEngine({ url: cluster.url }), terminalId: 'T09', machineId: 'pc-check', auditKeyFile: keyFile });
    try {
      for (const attemptId of runs.map((t) => cutOffOf(t.lines())).filter((a): a is string => a !== null)) {
        const again = await ledger.commitSettlement({ ...sampleCommit(), attemptId });
        expect(again.ok).toBe(true);
      }
      // The keyed chain and every settlement and status row it covers survived the kills and the server crash.
      expect(await ledger.verifyLedger()).toMatchObject({ ok: true, keyed: true, problems: [] });
    } finally {
      await ledger.close();
    }

    const check = new pg.Client({ connectionString: cluster.url });
    await check.connect();
    try {
      const q = async (sql: string) => (await check.query(sql)).rows as Array<Record<string, unknown>>;
      const ids = new Map((await q('SELECT id, count(*)::int AS n FROM settlements GROUP BY id')).map((r) => [r.id as string, r.n as number]));
      expect(reported.filter((id) => ids.get(id) !== 1)).toEqual([]);
      // Nothing half-written: no settlement without its outbox row, bill, attempt and audit row.
      expect(await q(`SELECT s.id FROM settlements s LEFT JOIN outbox o ON o.settlement_id = s.id WHERE o.settlement_id IS NULL`)).toEqual([]);
      expect(await q(`SELECT s.id FROM settlements s LEFT JOIN bills b ON b.settlement_id = s.id WHERE b.id IS NULL`)).toEqual([]);
      const attempts = (await q('SELECT count(*)::int AS n, count(DISTINCT settlement_id)::int AS s FROM settlement_attempts'))[0];
      expect(attempts).toEqual({ n: ids.size, s: ids.size });
      const audited = Number((await q(`SELECT count(DISTINCT subject) AS n FROM audit_log WHERE action = 'settlement.commit'`))[0]!.n);
      expect(audited).toBe(ids.size);
      // Both terminals went on after the restart; settlement ids stay unique hospital-wide.
      expect(idsOf(t1again.lines()).every((id) => id.startsWith('T01-'))).toBe(true);
      expect(idsOf(t2.lines()).every((id) => id.startsWith('T02-'))).toBe(true);
    } finally {
      await check.end();
    }
  });
});

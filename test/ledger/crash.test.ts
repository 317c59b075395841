import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/ledger';
import { tempDir } from './helpers';
import { sampleCommit } from '../../tools/fixtures';

const RUNS = 100;
const ROOT = resolve(__dirname, '../..');

// The child is crash-child.ts, bundled once by esbuild: a tsx start-up per run (~0.5 s) would
// not fit 100 runs in the time budget, and the code under test is the same.
let dir: ReturnType<typeof tempDir>;
let childScript: string;
let ledgerPath: string;

beforeAll(async () => {
  dir = tempDir('onebill-crash-');
  childScript = join(dir.dir, 'crash-child.cjs');
  await build({
    entryPoints: [join(__dirname, 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    outfile: childScript,
    logLevel: 'silent',
  });
  ledgerPath = join(dir.dir, 'ledger.sqlite');
  const ledger = await openLedger({ path: ledgerPath });
  await ledger.ensureDemoOperators();
  await ledger.close();
});
afterAll(async () => dir.remove());

const randomBetween = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

/** Runs the child until SIGKILL: the ids it reported as committed, and its last attempt (answered or not). */
function runAndKill(run: number): Promise<{ ids: string[]; lastAttempt: string | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [childScript, ledgerPath, String(run)], {
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = (ms: number) => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), ms);
    };
    // Most runs die while settling; every tenth dies at a random moment from spawn (maybe while opening).
    if (run % 10 === 0) kill(randomBetween(5, 150));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.startsWith('ready\n')) kill(randomBetween(20, 300));
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself (${String(_code)}): ${err}`));
      // Only whole lines count: a line cut by the kill was not fully reported.
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      const lines = complete.split('\n');
      const lastAttempt =
        lines
          .filter((l) => l.startsWith('attempt '))
          .at(-1)
          ?.slice('attempt '.length) ?? null;
      resolvePromise({ ids: lines.filter((l) => /^T01-\d{8}-\d{6}$/.test(l)), lastAttempt });
    });
  });
}

describe('ledger under SIGKILL', () => {
  it(`keeps every reported settlement exactly once, with its outbox row, across ${RUNS} kills`, async () => {
    const reported: string[] = [];
    const cutOff: string[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const { ids, lastAttempt } = await runAndKill(run);
      reported.push(...ids);
      if (lastAttempt) cutOff.push(lastAttempt);
    }
    expect(reported.length).toBeGreaterThan(RUNS);
    // After the restart the cashier repeats each visit whose answer was cut off: its attempt settles once, ever.
    const repeated = await openLedger({ path: ledgerPath });
    let replayed = 0;
    try {
      for (const attemptId of cutOff) {
        const again = await repeated.commitSettlement({ ...sampleCommit(), attemptId });
        if (!again.ok) throw new Error(again.error.message);
        if (again.value.replayed) replayed++;
      }
    } finally {
      await repeated.close();
    }
    // Most kills land after the commit of the last attempt (the answer cut off), not before it.
    expect(replayed).toBeGreaterThan(0);

    const ledger = await openLedger({ path: ledgerPath });
    const check = new Database(ledgerPath, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      const counts = new Map<string, number>();
      for (const row of check.prepare('SELECT id FROM settlements').pluck().iterate() as IterableIterator<string>) {
        counts.set(row, (counts.get(row) ?? 0) + 1);
      }
      const withOutbox = new Set(check.prepare('SELECT settlement_id FROM outbox').pluck().all() as string[]);
      expect(new Set(reported).size).toBe(reported.length);
      expect(reported.filter((id) => counts.get(id) !== 1 || !withOutbox.has(id))).toEqual([]);
      expect([...counts.keys()].filter((id) => !withOutbox.has(id))).toEqual([]);
      expect(withOutbox.size).toBe(counts.size);
      // At most one commit per run can have landed without being reported, plus the repeats of attempts that never landed.
      expect(counts.size - reported.length).toBeLessThanOrEqual(RUNS + (cutOff.length - replayed));
      // The keyed chain and every settlement and status row it covers survived the kills.
      expect(await ledger.verifyLedger()).toMatchObject({ ok: true, keyed: true, problems: [] });
      // One settlement per attempt (visit), none without one.
      const attempts = check.prepare('SELECT count(*) AS n, count(DISTINCT settlement_id) AS s FROM settlement_attempts').get() as { n: number; s: number };
      expect(attempts).toEqual({ n: counts.size, s: counts.size });
    } finally {
      check.close();
      await ledger.close();
    }
    const raw = new Database(ledgerPath, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM settlements s LEFT JOIN bills b ON b.settlement_id = s.id WHERE b.id IS NULL').pluck().get()).toBe(0);
    raw.close();
  }, 300_000);
});

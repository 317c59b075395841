// Kills the uploader (a real child process running `npm run upload -- --now`) with SIGKILL at random
// moments while the simulator is slow, several times, then lets it finish: every settlement must be
// stored at the bureau exactly once, every outbox row acknowledged, and the day must balance.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BureauClient } from '../../electron/bureau/client';
import { openLedger } from '../../electron/ledger';
import { reconcileDay } from '../../electron/upload';
import { startBureauSimulator, type BureauSimulator } from '../../tools/bureau-sim/server';
import { tempDir, testClock } from '../ledger/helpers';
import { library } from '../../tools/fixtures';
import { openFilledLedger } from './fill-ledger';
import { HOSPITAL } from './harness';
import { mulberry32 } from '../../shared/random';

const KILLS = 5;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function runUploader(args: string[]): { child: ChildProcess; started: Promise<void>; exited: Promise<{ code: number | null; signal: string | null; output: string }> } {
  // `node --import tsx` keeps the uploader in ONE process, so SIGKILL leaves no orphan behind.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/upload.ts', '--now', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  child.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
    if (output.includes('上传进度')) markStarted();
  });
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      markStarted();
      resolve({ code, signal, output });
    }),
  );
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, started, exited };
}

describe('uploader killed at random moments', () => {
  // One 4101 per settlement list (spec §15): 200 lists at 40 ms each, five kills, then the final run.
  it('loses nothing and stores nothing twice', { timeout: 120_000 }, async () => {
    const { dir, remove } = tempDir('onebill-kill-');
    cleanups.push(remove);
    const ledgerPath = join(dir, 'ledger.db');
    const clock = testClock();
    const filled = await openFilledLedger(ledgerPath, 200, { reverseEvery: 20, now: () => (clock.tick(1000), clock.now()) });
    const ids = filled.ids;
    await filled.ledger.close();

    const simDbPath = join(dir, 'sim.db');
    const sim: BureauSimulator = await startBureauSimulator({ dbPath: simDbPath, library: library(), faults: { latencyMs: 40, infnos: ['4101'] } });
    cleanups.push(() => sim.stop());
    const args = ['--ledger', ledgerPath, '--bureau', sim.url, '--state', join(dir, 'state.db'), '--hospital', HOSPITAL.code, '--area', HOSPITAL.area, '--batch', '8'];

    const seed = Date.now() % 100_000;
    const random = mulberry32(seed);
    const states: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const { child, exited, started } = runUploader(args);
      // Killed while uploading: a random moment after its first progress line (start-up time varies).
      await started;
      await new Promise((r) => setTimeout(r, Math.floor(random() * 1500)));
      child.kill('SIGKILL');
      await exited;
      const peek = new Database(ledgerPath, { readonly: true });
      states.push(JSON.stringify(peek.prepare('SELECT status, count(*) AS n FROM outbox GROUP BY status').all()));
      peek.close();
    }
    console.log(`kill seed ${seed}; outbox after each kill: ${states.join(' | ')}`);

    const final = await runUploader([...args, '--date', '2021-03-15']).exited;
    expect(final.output).toContain('对账 2021-03-15：平衡');
    expect(final.code).toBe(0);

    const simDb = new Database(simDbPath, { readonly: true });
    cleanups.push(() => simDb.close());
    const stored = simDb.prepare('SELECT setl_id AS id, setl_list_id AS setlId FROM settlement ORDER BY setl_id').all() as Array<{ id: string; setlId: string }>;
    expect(stored.map((s) => s.id)).toEqual([...ids].sort());

    const ledger = await openLedger({ path: ledgerPath });
    cleanups.push(() => ledger.close());
    const raw = new Database(ledgerPath, { readonly: true });
    cleanups.push(() => raw.close());
    const box = raw.prepare('SELECT settlement_id AS id, status, bureau_setl_id AS setlId FROM outbox ORDER BY settlement_id').all();
    expect(box).toEqual(stored.map((s) => ({ id: s.id, status: 'acked', setlId: s.setlId })));

    const client = BureauClient.open(
      { url: sim.url, hospitalCode: HOSPITAL.code, hospitalName: HOSPITAL.name, areaCode: HOSPITAL.area, operator: { code: 'system', name: '系统' } },
      join(dir, 'state.db'),
    );
    cleanups.push(() => client.close());
    const day = await reconcileDay({ ledger, bureau: client, date: '2021-03-15' });
    expect(day.groups.map((g) => [g.balanced, g.terminal.count])).toEqual([[true, ids.length]]);
  });
});

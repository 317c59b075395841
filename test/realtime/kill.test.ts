// SIGKILLs a real-time settling process (kill-child.ts: the bureau client, the real-time flow and
// its attempt store) while its 2304 is in flight, then settles the same attempt again from the
// files it left: the centre holds exactly one settlement of the bill, whether the lost 2304 was
// processed before the recovery (5203 finds it, 2601 undoes it) or after (refused as reversed).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BureauClient } from '../../electron/bureau/client';
import { RealtimeFlow, RealtimeStateStore } from '../../electron/realtime';
import { CASHIER, HOSPITAL } from '../bureau/helpers';
import { inpatientBill, startRealtimeHarness, type RealtimeHarness } from './helpers';

let h: RealtimeHarness;
beforeAll(async () => {
  h = await startRealtimeHarness();
});
afterAll(() => h.close());

/** Runs kill-child.ts until its 2304 is in flight, then SIGKILLs it. */
async function killMidSettle(dir: string, attemptId: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/realtime/kill-child.ts', h.sim.url, dir, attemptId], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child never quoted: ${output}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('QUOTED')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  });
  // The 2304 is on its way (its msgid stored first); the centre holds it for the latency.
  await new Promise((r) => setTimeout(r, 400));
  child.kill('SIGKILL');
  await exited;
  return output;
}

describe('real-time settlement killed mid-2304', () => {
  it.each([
    ['processed before the recovery', 2500],
    ['still in flight during the recovery', 0],
  ])('leaves exactly one settlement at the centre: lost 2304 %s', { timeout: 120_000 }, async (_case, waitMs) => {
    const dir = h.dir;
    const runDir = join(dir, randomUUID());
    (await import('node:fs')).mkdirSync(runDir);
    const attemptId = randomUUID();
    const before = await h.admin(undefined);
    await h.setFaults({ latencyMs: 1500, infnos: ['2304'] });
    const output = await killMidSettle(runDir, attemptId);
    expect(output).not.toMatch(/SETTLED|FAILED/);
    if (waitMs > 0) {
      await new Promise((r) => setTimeout(r, waitMs));
      expect((await h.admin(undefined)).settlements).toBe(before.settlements + 1);
    }
    await h.setFaults({});
    // The process comes back: the same files, the same attempt.
    const client = BureauClient.open({ url: h.sim.url, ...HOSPITAL, operator: CASHIER, timeoutMs: 5000 }, join(runDir, 'client-state.sqlite'));
    const store = new RealtimeStateStore(join(runDir, 'realtime-state.db'));
    try {
      const pending = store.get(attemptId)?.pending ?? [];
      expect(pending).toHaveLength(1);
      const settled = await new RealtimeFlow(client, store).settle(inpatientBill(900, attemptId));
      if (!settled.ok) throw new Error(settled.error.message);
      expect(settled.value.recovered.at(-1)).toBe(`2601：已冲正报文 ${pending[0]!.msgid}`);
      // Let a 2304 still held by the centre arrive: it is refused.
      await new Promise((r) => setTimeout(r, 1800));
      expect((await h.admin(undefined)).settlements).toBe(before.settlements + 1);
    } finally {
      store.close();
      client.close();
    }
  });
});

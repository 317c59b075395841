import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemoBureau, type DemoBureau, type DemoBureauOptions } from '../../electron/backend/demo-bureau';
import { loadPolicyLibrary } from '../../electron/policy';
import { startBureauSimulator } from '../../tools/bureau-sim';

describe('demo bureau adapter (electron/ names the simulator only as a file to load)', () => {
  it('the simulator has the shape the adapter declares (tsc checks this assignment)', () => {
    const declared: (options: DemoBureauOptions) => Promise<DemoBureau> = startBureauSimulator;
    expect(declared).toBeTypeOf('function');
  });

  it('loads the simulator from source, which answers on its URL and stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onebill-demo-bureau-'));
    try {
      const bureau = await startDemoBureau({ port: 0, dbPath: join(dir, 'bureau-sim.db'), library: loadPolicyLibrary(), areaCode: '520102' });
      expect(bureau.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      const answer = await fetch(bureau.url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(answer.status).toBeGreaterThan(0);
      await bureau.stop();
      await expect(fetch(bureau.url, { method: 'POST', body: '{}' })).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

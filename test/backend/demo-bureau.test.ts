import { describe, expect, it } from 'vitest';
import { loadBureauSimulator, type DemoBureauModule } from '../../electron/backend/demo-bureau';
import * as simulator from '../../tools/bureau-sim/server';

describe('demo bureau adapter', () => {
  it('declares a shape the simulator has (checked by tsc), and loads the simulator from source', async () => {
    const declared: DemoBureauModule = simulator;
    const loaded = await loadBureauSimulator();
    expect(loaded.startBureauSimulator).toBe(declared.startBureauSimulator);
  });
});

/**
 * npm run bureau -- --port 8765 --db ./bureau-sim.sqlite [--latency 200] [--error-rate 0.1]
 *                   [--faults infcode,http500,drop,malformed] [--fail-next 3] [--infnos 4101,1101]
 *                   [--after-processing] [--seed 7]
 * Starts the bureau simulator on 127.0.0.1. The port also comes from BUREAU_PORT, the file from BUREAU_DB.
 * Faults can be changed while it runs: curl -X POST 127.0.0.1:<port>/admin/faults -d '{"failNext":2,"kinds":["drop"]}'
 */
import { parseArgs } from 'node:util';
import { FAULT_KINDS, startBureauSimulator, type FaultKind } from './bureau-sim';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.BUREAU_PORT ?? '8765' },
    db: { type: 'string', default: process.env.BUREAU_DB ?? 'bureau-sim.sqlite' },
    latency: { type: 'string', default: '0' },
    'error-rate': { type: 'string', default: '0' },
    faults: { type: 'string', default: 'infcode' },
    'fail-next': { type: 'string', default: '0' },
    infnos: { type: 'string', default: '' },
    'after-processing': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});

const kinds = values.faults.split(',').map((k) => k.trim()) as FaultKind[];
const unknownKind = kinds.find((k) => !FAULT_KINDS.includes(k));
if (unknownKind) {
  console.error(`未知的故障类型 ${unknownKind}（可选：${FAULT_KINDS.join(', ')}）`);
  process.exit(2);
}

const simulator = await startBureauSimulator({
  port: Number(values.port),
  dbPath: values.db,
  faults: {
    latencyMs: Number(values.latency),
    errorRate: Number(values['error-rate']),
    kinds,
    failNext: Number(values['fail-next']),
    infnos: values.infnos ? values.infnos.split(',') : [],
    afterProcessing: values['after-processing'],
    seed: Number(values.seed),
  },
});
console.log(`医保中心模拟器已启动：${simulator.url}（数据库 ${values.db}）`);
console.log(`故障注入：POST http://127.0.0.1:${simulator.port}/admin/faults；状态：GET /admin/stats`);

const shutdown = () => {
  void simulator.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

// npm run bench:card [-- --reads 100 --driver acr30|idcard|all]
// Reads a demo card N times through a socat pair with the reader simulator pacing the line like a
// real UART, at 9600 and 115200 baud, and prints the mean read time beside the line-time floor
// (bytes exchanged × 10 bits ÷ baud) and their ratio. Target: within 1.5× of the floor at 9600.
import { parseArgs } from 'node:util';
import { openReader, ReaderSimulator, findSimCard, openSerialDeviceLink, startSocatPair } from '../../electron/card';
import { fmt, percentile } from './stats';

const { values } = parseArgs({
  options: { reads: { type: 'string', default: '100' }, driver: { type: 'string', default: 'acr30' } },
});
const reads = Number(values.reads);
const drivers = values.driver === 'all' ? (['acr30', 'idcard'] as const) : ([values.driver as 'acr30' | 'idcard'] as const);

async function bench(driver: 'acr30' | 'idcard', baudRate: number): Promise<void> {
  const pair = await startSocatPair();
  const simulator = new ReaderSimulator({ driver, card: findSimCard('chen-xiulan')!, baudRate, pace: true });
  simulator.attach(await openSerialDeviceLink(pair.devicePath, baudRate));
  const reader = await openReader({ driver, path: pair.hostPath, baudRate: baudRate as 9600 | 115200, pollIntervalMs: 0 });
  try {
    const warm = await reader.readCard();
    if (!warm.ok) throw new Error(`${warm.error.code} ${warm.error.message}`);
    const samples: number[] = [];
    const bytesBefore = reader.stats.bytesRead + reader.stats.bytesWritten;
    for (let i = 0; i < reads; i++) {
      const t0 = performance.now();
      const result = await reader.readCard();
      samples.push(performance.now() - t0);
      if (!result.ok) throw new Error(`read ${i}: ${result.error.code} ${result.error.message}`);
    }
    const bytesPerRead = (reader.stats.bytesRead + reader.stats.bytesWritten - bytesBefore) / reads;
    const floorMs = (bytesPerRead * 10 * 1000) / baudRate;
    const meanMs = samples.reduce((a, b) => a + b, 0) / reads;
    samples.sort((a, b) => a - b);
    console.log(
      `${driver.padEnd(6)} ${String(baudRate).padStart(6)} baud  reads ${reads}  bytes/read ${fmt(bytesPerRead, 0)}  ` +
        `mean ${fmt(meanMs, 1)} ms  p50 ${fmt(percentile(samples, 50), 1)}  p99 ${fmt(percentile(samples, 99), 1)}  ` +
        `floor ${fmt(floorMs, 1)} ms  ratio ${fmt(meanMs / floorMs, 3)}`,
    );
  } finally {
    await reader.close();
    await simulator.stop();
    await pair.stop();
  }
}

for (const driver of drivers) {
  for (const baud of [9600, 115200]) await bench(driver, baud);
}

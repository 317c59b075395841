/** Small helpers shared by the bench scripts: timing samples and printing figures. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export interface TimingSummary {
  perSecond: number;
  p50: number;
  p99: number;
  samples: number;
}

/** Runs `fn` `iterations` times after `warmup` runs and summarises per-call latency. */
export function timeCalls(fn: () => void, iterations: number, warmup = Math.ceil(iterations / 10)): TimingSummary {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  samples.sort((a, b) => a - b);
  return { perSecond: (iterations / totalMs) * 1000, p50: percentile(samples, 50), p99: percentile(samples, 99), samples: iterations };
}

export function fmt(n: number, digits = 3): string {
  return n.toFixed(digits);
}

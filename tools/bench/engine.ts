// npm run bench:engine — settles bills of 10, 100 and 1000 lines in Guizhou and Jiangmen contexts and
// prints bills/second and p50/p99 latency beside a bare integer-fen implementation of the same layer
// arithmetic (written only for this comparison: no validation, no policy lookup, no trace).
import { loadPolicyLibrary } from '../../electron/policy';
import { settle } from '../../shared/engine';
import { fmt, timeCalls } from './stats';

const library = loadPolicyLibrary();

function makeBill(policy: 'CN-GZ' | 'CN-GD-JM', lines: number) {
  const classes = ['A', 'B', 'C'] as const;
  return {
    policy,
    date: policy === 'CN-GZ' ? '2022-05-10' : '2019-09-09',
    visit: 'inpatient',
    hospital: { level: 2, referral: 'local' },
    person:
      policy === 'CN-GZ'
        ? { insurance: 'resident', identities: ['subsistence'] }
        : { insurance: 'resident', identities: ['precision-target'], certificate: 'JM2019000123' },
    ytd: { catastrophicBase: '3000.00' },
    lines: Array.from({ length: lines }, (_, i) => {
      const cls = classes[i % 3]!;
      return {
        code: `L${i}`,
        class: cls,
        price: `${(i * 37) % 90}.${String((i * 7919) % 10000).padStart(4, '0')}`,
        qty: `${1 + (i % 5)}`,
        ...(cls === 'B' ? { selfPayRatio: '0.15' } : {}),
        ...(i % 11 === 0 ? { priceCap: '30.00' } : {}),
      };
    }),
  };
}

// --- bare integer-fen implementation (Guizhou L2 subsistence / Jiangmen L2 precision target) ---
const SCALE = 10000n;
function parseScaled(text: string): bigint {
  const [i, f = ''] = text.split('.');
  return BigInt(i!) * SCALE + BigInt((f + '0000').slice(0, 4));
}
function roundToFen(value: bigint, scale: bigint): bigint {
  // value is in units of 1/scale yuan; half-up to fen.
  const perFen = scale / 100n;
  return (value + perFen / 2n) / perFen;
}
function ratioFen(fen: bigint, ratioBp: bigint): bigint {
  return (fen * ratioBp + 5000n) / 10000n;
}
function bareSettle(bill: ReturnType<typeof makeBill>) {
  let total = 0n,
    ownpay = 0n,
    over = 0n,
    pre = 0n,
    inscope = 0n;
  for (const line of bill.lines) {
    const price = parseScaled(line.price);
    const qty = parseScaled(line.qty);
    const amount = roundToFen(price * qty, SCALE * SCALE);
    total += amount;
    if (line.class === 'C') {
      ownpay += amount;
      continue;
    }
    const cap = 'priceCap' in line && line.priceCap ? parseScaled(line.priceCap) : null;
    const o = cap !== null && price > cap ? roundToFen((price - cap) * qty, SCALE * SCALE) : 0n;
    const eligible = amount - o;
    const p = line.class === 'B' ? ratioFen(eligible, 1500n) : 0n;
    over += o;
    pre += p;
    inscope += eligible - p;
  }
  const jm = bill.policy === 'CN-GD-JM';
  const deductible = jm ? 50000n : 40000n;
  const applied = inscope < deductible ? inscope : deductible;
  const basic = ratioFen(inscope - applied, jm ? 8000n : 7000n);
  const copay1 = pre + inscope - basic;
  const D = jm ? 1500000n : 500000n;
  const start = 300000n,
    end = start + copay1;
  const from = start > D ? start : D;
  const cat = end > from ? ratioFen(end - from, jm ? 6000n : 6500n) : 0n;
  const copay2 = copay1 - cat;
  const assistance = ratioFen(copay2, 7000n);
  const copay3 = copay2 - assistance;
  const selfPaid = ownpay + over;
  const fund = jm ? copay3 + ratioFen(selfPaid, 8000n) : 0n;
  const hospital = jm ? selfPaid - ratioFen(selfPaid, 8000n) : 0n;
  return { total, basic, cat, assistance, fund, hospital, patient: total - basic - cat - assistance - fund - hospital };
}

console.log('region     lines | engine bills/s   p50 ms   p99 ms | bare bills/s   p50 ms   p99 ms | ratio (bare/engine throughput)');
for (const policy of ['CN-GZ', 'CN-GD-JM'] as const) {
  for (const lines of [10, 100, 1000]) {
    const bill = makeBill(policy, lines);
    const check = settle(bill, library);
    if (!check.ok) throw new Error(check.error.message);
    const bare = bareSettle(bill);
    if ((Number(bare.basic) / 100).toFixed(2) !== check.value.amounts.basic) {
      throw new Error(`bare implementation disagrees: ${bare.basic} vs ${check.value.amounts.basic}`);
    }
    const iterations = lines === 1000 ? 300 : lines === 100 ? 2000 : 10000;
    const engine = timeCalls(() => settle(bill, library), iterations);
    const baseline = timeCalls(() => bareSettle(bill), iterations);
    console.log(
      `${policy.padEnd(9)} ${String(lines).padStart(6)} | ${fmt(engine.perSecond, 0).padStart(14)} ${fmt(engine.p50).padStart(8)} ${fmt(engine.p99).padStart(8)} | ${fmt(baseline.perSecond, 0).padStart(12)} ${fmt(baseline.p50).padStart(8)} ${fmt(baseline.p99).padStart(8)} | ${fmt(baseline.perSecond / engine.perSecond, 1)}×`,
    );
  }
}

// npm run settle -- <case.yaml>  — prints the full result of one bill with its trace.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type AmountField, type FlagField, settle } from '../shared/engine';
import { AMOUNT_LABELS, FLAG_LABELS, renderTrace } from '../shared/labels';
import { loadPolicyLibrary } from '../electron/policy';

const file = process.argv.slice(2).find((a) => a !== '--');
if (!file) {
  console.error('用法：npm run settle -- <用例.yaml> [--json]');
  process.exit(2);
}
const { expect: _expect, ...input } = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const outcome = settle(input, loadPolicyLibrary({ overridesDir: process.env.ONEBILL_POLICY_OVERRIDES }));
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(outcome, null, 2));
  process.exit(outcome.ok ? 0 : 1);
}
if (!outcome.ok) {
  console.error(`[${outcome.error.code}] ${outcome.error.message}`);
  process.exit(1);
}
const r = outcome.value;
console.log(`政策版本 ${r.policyVersion}`);
for (const [field, amount] of Object.entries(r.amounts))
  console.log(`  ${AMOUNT_LABELS[field as AmountField].padEnd(8, '　')} ${field.padEnd(14)} ${amount.padStart(14)}`);
console.log(
  `  标记 ${
    Object.entries(r.flags)
      .filter(([, v]) => v)
      .map(([k]) => FLAG_LABELS[k as FlagField])
      .join('、') || '无'
  }`,
);
console.log('\n计算过程：');
for (const s of renderTrace(r.trace)) {
  console.log(`- ${s.summary}${s.amount ? `  = ${s.amount}` : ''}`);
  for (const p of s.params) console.log(`    ${p.name}: ${p.value}  [${p.source}]`);
  for (const l of s.limits) if (l.hit) console.log(`    限制生效：${l.name} ${l.value}`);
  for (const n of s.notes) console.log(`    ${n}`);
}

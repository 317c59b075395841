// npm run cases -- <folder|file>…  — runs case files against the engine (rule book §6).
import { basename } from 'node:path';
import { loadPolicyLibrary } from '../electron/policy';
import { caseFiles, runCaseFile } from './lib';

const targets = process.argv.slice(2).filter((a) => a !== '--');
if (targets.length === 0) {
  console.error('用法：npm run cases -- <用例目录或文件>');
  process.exit(2);
}
const library = loadPolicyLibrary({ overridesDir: process.env.ONEBILL_POLICY_OVERRIDES });
let passed = 0;
let failed = 0;
for (const file of targets.flatMap(caseFiles)) {
  let run;
  try {
    run = runCaseFile(file, library);
  } catch (error) {
    failed++;
    console.log(`FAIL ${basename(file)}: ${(error as Error).message}`);
    continue;
  }
  if (run.failures.length === 0) {
    passed++;
    continue;
  }
  failed++;
  for (const f of run.failures) {
    console.log(`FAIL ${basename(file)} (${run.name}): ${f.field} expected ${f.expected} actual ${f.actual}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

// Child of crash.test.ts: settles in a loop, each commit one attempt ("<run>-<i>"): the attempt is
// announced before the commit and its settlement id reported after the commit returned, so a kill
// in between leaves an attempt whose answer was cut off.
import { writeSync } from 'node:fs';
import { openLedger } from '../../electron/ledger';
// The file itself, not the fixtures' index: this child is bundled to CommonJS, where the policy loader's import.meta.url is empty.
import { sampleCommit } from '../../tools/fixtures/sample-settlement';

const [path, run] = process.argv.slice(2);
if (!path || !run) throw new Error('usage: crash-child <ledger path> <run>');
// Bundled as CommonJS by the test (no top-level await).
void (async () => {
  const ledger = await openLedger({ path });
  writeSync(1, 'ready\n');
  for (let i = 0; ; i++) {
    const attemptId = `${run}-${i}`;
    writeSync(1, `attempt ${attemptId}\n`);
    const result = await ledger.commitSettlement({ ...sampleCommit({ lines: 1 + (i % 10) }), attemptId });
    if (!result.ok) throw new Error(result.error.message);
    writeSync(1, `${result.value.settlementId}\n`);
  }
})();

// Child of crash.test.ts: settles in a loop and reports each id on stdout after the commit returned.
import { writeSync } from 'node:fs';
import { openLedger } from '../../electron/ledger';
import { sampleCommit } from './sample';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-child <ledger path>');
// Bundled as CommonJS by the test (no top-level await).
void (async () => {
  const ledger = await openLedger({ path });
  writeSync(1, 'ready\n');
  for (let i = 0; ; i++) {
    const result = await ledger.commitSettlement(sampleCommit({ lines: 1 + (i % 10) }));
    if (!result.ok) throw new Error(result.error.message);
    writeSync(1, `${result.value.settlementId}\n`);
  }
})();

// Child of pg-crash.test.ts: a terminal settling in a loop on the hospital's PostgreSQL ledger.
// Each commit is one attempt ("<terminal>-<run>-<i>"), announced before and its settlement id
// reported after; while the server is away it says so once ("away"), keeps retrying the same
// attempt (the attempt id makes a retry answer the settlement it may already have made) and says
// "back" when a commit goes through again.
import { writeSync } from 'node:fs';
import { LedgerError, openLedger } from '../../electron/ledger';
import { openPostgresEngine } from '../../electron/ledger/engine/postgres';
import { sampleCommit } from '../../tools/fixtures/sample-settlement';

const [url, terminalId, run, auditKeyFile] = process.argv.slice(2);
if (!url || !terminalId || !run || !auditKeyFile) throw new Error('usage: pg-crash-child <url> <terminal id> <run> <audit key file>');
const say = (line: string) => writeSync(1, `${line}\n`);
const unavailable = (e: unknown) => e instanceof LedgerError && e.code === 'ledger-unavailable';

// Bundled as CommonJS by the test (no top-level await).
void (async () => {
  const ledger = await openLedger({ engine: openPostgresEngine({ url, connectTimeoutMs: 1000 }), terminalId, machineId: `pc-${terminalId}`, auditKeyFile });
  say('ready');
  let away = false;
  for (let i = 0; ; i++) {
    const attemptId = `${terminalId}-${run}-${i}`;
    say(`attempt ${attemptId}`);
    for (;;) {
      let outcome: Awaited<ReturnType<typeof ledger.commitSettlement>> | undefined;
      try {
        outcome = await ledger.commitSettlement({ ...sampleCommit({ lines: 1 + (i % 5) }), attemptId });
      } catch (error) {
        if (!unavailable(error)) throw error;
      }
      if (outcome && !outcome.ok && outcome.error.code !== 'ledger-unavailable') throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
      if (outcome?.ok) {
        say(outcome.value.settlementId);
        if (away) say('back');
        away = false;
        break;
      }
      if (!away) say('away');
      away = true;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
})();

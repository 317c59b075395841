import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger, type Ledger, type OpenLedgerOptions } from '../../electron/ledger';

/** A settable clock in local time, so ids and days do not depend on the machine's zone. */
export function testClock(year = 2021, month = 3, day = 15, hour = 9) {
  const clock = {
    at: new Date(year, month - 1, day, hour, 0, 0),
    now: () => new Date(clock.at.getTime()),
    set(y: number, m: number, d: number, h = 9) {
      clock.at = new Date(y, m - 1, d, h, 0, 0);
    },
    tick(ms = 1000) {
      clock.at = new Date(clock.at.getTime() + ms);
    },
  };
  return clock;
}

export function tempDir(prefix = 'onebill-ledger-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh ledger file in a temp dir with the demo operators; `close()` removes everything. */
export function tempLedger(options: Partial<OpenLedgerOptions> = {}): { ledger: Ledger; path: string; clock: ReturnType<typeof testClock>; close: () => void } {
  const { dir, remove } = tempDir();
  const clock = testClock();
  const path = join(dir, 'ledger.sqlite');
  const ledger = openLedger({ path, now: clock.now, ...options });
  ledger.ensureDemoOperators();
  return {
    ledger,
    path,
    clock,
    close: () => {
      if (ledger.db.open) ledger.close();
      remove();
    },
  };
}

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

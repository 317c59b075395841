import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

/**
 * A fresh ledger file in a temp dir with the demo operators; `close()` removes everything.
 * `sql` is a second, raw connection to the same file, for assertions and fault injection only
 * (the ledger itself exposes no handle).
 */
export async function tempLedger(options: Partial<OpenLedgerOptions> = {}): Promise<{ ledger: Ledger; path: string; clock: ReturnType<typeof testClock>; sql: Database.Database; close: () => Promise<void> }> {
  const { dir, remove } = tempDir();
  const clock = testClock();
  const path = join(dir, 'ledger.sqlite');
  const ledger = await openLedger({ path, now: clock.now, ...options });
  await ledger.ensureDemoOperators();
  const sql = new Database(path);
  sql.pragma('busy_timeout = 15000');
  return {
    ledger,
    path,
    clock,
    sql,
    close: async () => {
      sql.close();
      await ledger.close();
      remove();
    },
  };
}

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Runs `fn` over `items` one after the other (each waits for the previous one). */
export async function inOrder<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

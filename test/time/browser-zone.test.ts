// shared/time in the window's engine: Chromium with its zone set to New York and to UTC gives the
// same Beijing answers as Node (the module uses no Intl; this proves the arithmetic holds there too).
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as time from '../../shared/time';
import { launchBrowser } from '../e2e/harness';

let browser: Browser;
let bundle: string;
beforeAll(async () => {
  const out = await build({
    entryPoints: [join(__dirname, '../../shared/time/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'onebillTime',
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** What the page computes, and what this Node process computes, for 2026-03-15 17:30 UTC (01:30 the next day in Beijing). */
function answers(t: typeof time) {
  const late = new Date('2026-03-15T17:30:00.000Z');
  return {
    businessDate: t.businessDate(late),
    ledgerStamp: t.ledgerStamp(late),
    wallTime: t.wallTime(late),
    shown: t.stampWallTime('2026-03-15T13:30:00.000-04:00'),
    nextUpload: t.nextTimeOfDay(late, t.parseTimeOfDay('23:30')!).toISOString(),
  };
}

describe.each([
  ['America/New_York', 13],
  ['UTC', 17],
])('Chromium with its zone set to %s', (timezoneId, machineHour) => {
  it('shows Beijing time, as Node does', async () => {
    const page = await browser.newPage({ timezoneId });
    try {
      await page.addScriptTag({ content: bundle });
      const inPage = await page.evaluate(`(${answers.toString()})(onebillTime)`);
      // The page really is in that zone…
      expect(await page.evaluate(() => new Date('2026-03-15T17:30:00.000Z').getHours())).toBe(machineHour);
      // …and the module still answers in Beijing time.
      expect(inPage).toEqual({
        businessDate: '2026-03-16',
        ledgerStamp: '2026-03-16T01:30:00.000+08:00',
        wallTime: '2026-03-16 01:30:00',
        shown: '2026-03-16 01:30:00',
        nextUpload: '2026-03-16T15:30:00.000Z',
      });
      expect(inPage).toEqual(answers(time));
    } finally {
      await page.close();
    }
  });
});

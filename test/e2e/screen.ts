import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { AMOUNT_FIELDS, settle, type AmountField, type SettlementResult } from '../../shared/engine';
import { loadPolicyLibrary } from '../../electron/policy';
import { SCREENSHOT_DIR } from './harness';

/** The amounts the settlement panel shows, by engine field (`data-testid="amount-<field>"`), as "1234.50". */
export async function amountsOnScreen(page: Page): Promise<Partial<Record<AmountField, string>>> {
  const shown: Partial<Record<AmountField, string>> = {};
  for (const field of AMOUNT_FIELDS) {
    const cell = page.locator('.panel-settle, .panel-detail').getByTestId(`amount-${field}`);
    if ((await cell.count()) === 0) continue;
    shown[field] = (await cell.first().innerText()).replace(/^¥\s*/, '').trim();
  }
  return shown;
}

/** The engine's own answer for the input the backend settled (taken from the preview response). */
export function engineResultFor(input: unknown): SettlementResult {
  const outcome = settle(input, loadPolicyLibrary());
  if (!outcome.ok) throw new Error(`engine refused the input: ${outcome.error.message}`);
  return outcome.value;
}

/** Presses a key and returns the JSON body of the API call it triggers. */
export async function pressAndCapture<T = { ok: boolean; value: Record<string, unknown> }>(page: Page, key: string, op: string): Promise<T> {
  const [response] = await Promise.all([page.waitForResponse((r: Response) => r.url().endsWith(`/api/${op}`)), page.keyboard.press(key)]);
  return (await response.json()) as T;
}

/** Screenshots for docs/screenshots, only when asked (ONEBILL_SCREENSHOTS=1), so test runs leave the tree clean. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.ONEBILL_SCREENSHOTS !== '1') return;
  // A viewport as tall as the page: Chromium leaves a frame below the fold (the receipt preview) unpainted in a fullPage capture.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport) await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  await page.waitForTimeout(200); // let the frames paint at the new size (screenshots only)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  if (viewport) await page.setViewportSize(viewport);
}

export function keepReceiptImage(pdfPath: string, name: string): void {
  if (process.env.ONEBILL_SCREENSHOTS !== '1') return;
  execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', pdfPath, join(SCREENSHOT_DIR, name)]);
}

export const pdfPages = (path: string) => Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
export const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReceiptModel, renderReceiptHtml, type Paper } from '../../electron/receipt';
import { launchBrowser, tempDir } from '../e2e/harness';
import { CONTEXT, jilinBill, settleOrThrow, storedSettlement } from './fixtures';
import { pdfPages, pdfText } from '../e2e/screen';

/** The HTML receipt is what Electron prints silently: printed by Chromium it must also be one page. */
const dir = tempDir('onebill-receipt-html-');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const PDF_FORMATS: Record<Paper, { format?: string; width?: string; height?: string }> = {
  A5: { format: 'A5' },
  A4: { format: 'A4' },
  '241mm': { width: '241mm', height: '280mm' },
};

describe('renderReceiptHtml printed by Chromium', () => {
  it.each([
    [1000, 'A5'],
    [1000, '241mm'],
    [3, 'A4'],
  ] as Array<[number, Paper]>)('a bill of %i lines prints on one %s page', async (lines, paper) => {
    const input = jilinBill(lines);
    const result = settleOrThrow(input);
    const model = buildReceiptModel(storedSettlement(input, result), { ...CONTEXT, reprint: 1 });
    const page = await browser.newPage();
    try {
      await page.setContent(renderReceiptHtml(model));
      const out = join(dir, `html-${lines}-${paper}.pdf`);
      writeFileSync(out, await page.pdf({ ...PDF_FORMATS[paper], printBackground: true }));
      expect(pdfPages(out)).toBe(1);
      const text = pdfText(out);
      expect(text).toContain('结算单');
      expect(text).toContain(model.patientCash.uppercase);
      expect(text).toContain('补打（第 1 次）');
    } finally {
      await page.close();
    }
  });
});

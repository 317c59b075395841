#!/usr/bin/env node
// Renders build/icon.svg to build/icon.png (512×512, what electron-builder turns into the
// Windows .ico and the Linux icon set) with the system Chromium. Run after editing the SVG.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const svg = readFileSync(fileURLToPath(new URL('../build/icon.svg', import.meta.url)), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: fileURLToPath(new URL('../build/icon.png', import.meta.url)), omitBackground: true });
} finally {
  await browser.close();
}

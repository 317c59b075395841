import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestBackend, commitDemoSettlement, useTestBackend } from './helpers';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
/** The PostScript names of the fonts embedded in a PDF (pdfkit writes the font dictionaries uncompressed). */
const embeddedFonts = (path: string) => [...new Set([...readFileSync(path, 'latin1').matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]))];

describe('the terminal setting receiptFont', () => {
  const backend = useTestBackend('supervisor');
  let t: TestBackend;
  beforeAll(async () => {
    t = backend();
  });

  it('is absent by default: the receipt uses Noto Sans CJK SC', async () => {
    expect((await t.call('settings.get')).settings.receiptFont).toBeUndefined();
    const committed = await t.call('settlement.get', { id: await commitDemoSettlement(t) });
    const pdf = (await t.call('settlement.reprint', { id: committed.id })).receipt.pdfPath;
    expect(embeddedFonts(pdf)).toEqual(['NotoSansCJKsc-Regular']);
  });

  it('when set, is the font the receipt PDF is written with', async () => {
    const view = await t.call('settings.update', { receiptFont: DEJAVU });
    expect(view.settings.receiptFont).toBe(DEJAVU);
    const id = await commitDemoSettlement(t);
    const pdf = (await t.call('settlement.reprint', { id })).receipt.pdfPath;
    expect(embeddedFonts(pdf)).toEqual(['DejaVuSans']);
  });

  it('refuses a font file that does not exist, and clears with an empty path', async () => {
    expect(await t.backend.handle('settings.update', { receiptFont: 'C:\\Windows\\Fonts\\nosuch.ttf' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: '找不到结算单字体文件：C:\\Windows\\Fonts\\nosuch.ttf' },
    });
    expect((await t.call('settings.get')).settings.receiptFont).toBe(DEJAVU);
    expect((await t.call('settings.update', { receiptFont: '' })).settings.receiptFont).toBeUndefined();
  });
});

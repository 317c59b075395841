import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReceiptModel, renderReceiptHtml, renderReceiptPdf, ReceiptError, type Paper } from '../../electron/receipt';
import { CONTEXT, jilinBill, settleOrThrow, storedSettlement } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'onebill-receipt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdfPages = (path: string) => Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

describe('renderReceiptPdf', () => {
  const cases: Array<[number, Paper]> = [
    [1, 'A5'],
    [100, 'A5'],
    [1000, 'A5'],
    [1000, 'A4'],
    [1000, '241mm'],
  ];
  it.each(cases)('a bill of %i lines on %s is exactly one page with extractable Chinese text', async (lines, paper) => {
    const input = jilinBill(lines);
    const result = settleOrThrow(input);
    const model = buildReceiptModel(storedSettlement(input, result), { ...CONTEXT, reprint: lines === 1000 ? 1 : 0 });
    const outPath = join(dir, `r-${lines}-${paper}.pdf`);

    const rendered = await renderReceiptPdf(model, { paper, outPath });

    expect(rendered).toEqual({ path: outPath, pages: 1 });
    expect(pdfPages(outPath)).toBe(1);
    const text = pdfText(outPath);
    expect(text).toContain('结算单');
    expect(text).toContain('张桂兰');
    expect(text).toContain('220102********0012');
    expect(text).not.toContain('220102195003150012');
    expect(text).toContain(model.patientCash.uppercase);
    expect(text).toContain(`¥ ${result.amounts.patientCash}`);
    for (const amount of [result.amounts.total, result.amounts.basic, result.amounts.catastrophic, result.amounts.assistance]) {
      expect(text).toContain(amount);
    }
    expect(text).toContain(`共 ${lines} 项`);
    if (lines === 1000) expect(text).toContain('补打（第 1 次）');
  });

  it('fails with a Chinese message when the font file is missing', async () => {
    const input = jilinBill(1);
    const model = buildReceiptModel(storedSettlement(input, settleOrThrow(input)), CONTEXT);
    const rendering = renderReceiptPdf(model, { paper: 'A5', outPath: join(dir, 'nofont.pdf'), font: { path: '/nonexistent/font.ttc' } });
    await expect(rendering).rejects.toBeInstanceOf(ReceiptError);
    await expect(rendering).rejects.toMatchObject({ code: 'receipt-font-missing', message: expect.stringContaining('找不到打印结算单所需的中文字体') });
  });
});

describe('renderReceiptHtml', () => {
  it('is a script-free document with the same amounts and an escaped patient name', () => {
    const input = jilinBill(10);
    const result = settleOrThrow(input);
    const stored = { ...storedSettlement(input, result), patient: { certno: '220102195003150012', name: '王<b>五' } };
    const html = renderReceiptHtml(buildReceiptModel(stored, CONTEXT));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('王&lt;b&gt;五');
    expect(html).toContain('220102********0012');
    expect(html).toContain(`¥ ${result.amounts.patientCash}`);
    expect(html).toContain('<svg');
  });
});

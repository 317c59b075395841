import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocatPair, type SocatPair } from '../../electron/card/socat';
import { renderTestPage, renderThermalReceipt, sendToPrinter, textWidth, thermalPrinterSchema, COLUMNS, TEST_PAGE_QR } from '../../electron/printer';
import { buildReceiptModel } from '../../electron/receipt';
import { tempDir } from '../ledger/helpers';
import { CONTEXT, settleOrThrow, storedSettlement } from '../receipt/fixtures';
import { parseEscPos } from './escpos-parser';
import type { SettlementInputRaw } from '../../shared/engine';

/** A Liaoning pharmacy sale of a specific drug (case 302's shape): 80 % of 500.00 from the supplementary insurance. */
const LIAONING_SALE: SettlementInputRaw = {
  policy: 'CN-LN',
  date: '2020-03-03',
  visit: 'pharmacy',
  hospital: { level: 1, referral: 'local' },
  person: { insurance: 'resident', identities: ['registered-poor'], conditions: ['critical-illness'] },
  lines: [
    { code: 'XL01XCA001B001', name: '曲妥珠单抗注射液', class: 'A', price: '500', qty: '1', kind: 'drug', specificDrug: true, prescribedAtLevel: 3 },
    { code: 'XJ01CAA001E001', name: '阿莫西林胶囊', class: 'A', price: '33.33', qty: '1', kind: 'drug' },
  ],
};

function model() {
  const result = settleOrThrow(LIAONING_SALE);
  expect(result.amounts.supplementary).toBe('400.00');
  return buildReceiptModel(
    { ...storedSettlement(LIAONING_SALE, result, 'T01-20200303-000007'), trace: result.trace },
    { ...CONTEXT, prescriptions: [{ lineNo: 1, hospital: '沈阳市第一人民医院', level: 3, number: 'RX20200303001' }] },
  );
}

describe('thermal receipt (ESC/POS)', () => {
  it.each(['80mm', '58mm'] as const)('lays the one-page receipt out at %s: GBK text within the width, QR by GS ( k, cut', (width) => {
    const m = model();
    const decoded = parseEscPos(renderThermalReceipt(m, width));
    expect(decoded).toMatchObject({ initialised: true, chineseMode: true, qr: ['T01-20200303-000007'], cuts: 1 });
    const text = decoded.lines.join('\n');
    for (const expected of [m.title, '医疗费用一站式结算单', '结算单号', 'T01-20200303-000007', '个人现金支付', m.patientCash.uppercase, '补充保险', '400.00']) {
      expect(text).toContain(expected);
    }
    const unwrapped = decoded.lines.join(''); // long notes wrap at the paper's width
    expect(unwrapped).toContain('处方医院：沈阳市第一人民医院（三级），处方号 RX20200303001');
    expect(unwrapped).toContain('补充保险支付特殊药品 500.00 × 80% = 400.00 元');
    expect(decoded.lines.filter((l) => textWidth(l) > COLUMNS[width])).toEqual([]);
    const cash = decoded.lines.find((l) => l.startsWith('个人现金支付'))!;
    expect(cash.endsWith(m.patientCash.amount)).toBe(true);
  });

  it('validates the printer section of the site settings', () => {
    expect(thermalPrinterSchema.parse({ width: '80mm', connection: { type: 'serial', path: '/dev/ttyUSB0' } })).toEqual({
      width: '80mm',
      connection: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 },
      cut: true,
    });
    const bad = thermalPrinterSchema.safeParse({ width: '76mm', connection: { type: 'usb', path: '' } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toContain('热敏纸宽度必须是 80mm 或 58mm');
  });
});

describe('thermal printer output', () => {
  let pair: SocatPair;
  const dir = tempDir('onebill-printer-');
  beforeAll(async () => {
    pair = await startSocatPair();
  });
  afterAll(async () => {
    await pair.stop();
    dir.remove();
  });

  it('writes the receipt bytes to a serial port; the far end decodes text, QR payload and cut', async () => {
    const bytes = renderThermalReceipt(model(), '80mm');
    const far = new SerialPort({ path: pair.devicePath, baudRate: 9600 });
    const received: Buffer[] = [];
    far.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise<void>((resolve, reject) => far.once('open', resolve).once('error', reject));
    try {
      await sendToPrinter({ type: 'serial', path: pair.hostPath, baudRate: 9600 }, bytes);
      await expect.poll(() => Buffer.concat(received).length, { timeout: 5000 }).toBe(bytes.length);
    } finally {
      await new Promise((resolve) => far.close(resolve));
    }
    const decoded = parseEscPos(Buffer.concat(received));
    expect(decoded.qr).toEqual(['T01-20200303-000007']);
    expect(decoded.cuts).toBe(1);
    expect(decoded.lines.join('')).toContain('补充保险支付特殊药品 500.00 × 80% = 400.00 元');
  });

  it('appends to a USB printer device file, and says so in Chinese when it cannot be opened', async () => {
    const device = join(dir.dir, 'lp0');
    writeFileSync(device, '');
    await sendToPrinter({ type: 'device', path: device }, renderThermalReceipt(model(), '58mm'));
    expect(parseEscPos(readFileSync(device)).qr).toEqual(['T01-20200303-000007']);
    await expect(sendToPrinter({ type: 'device', path: join(dir.dir, 'no', 'lp9') }, Buffer.from('x'))).rejects.toMatchObject({
      code: 'printer-unavailable',
      message: expect.stringContaining('无法打开打印机设备'),
    });
  });

  it('writes to a device file that is a FIFO, as to /dev/usb/lp0 (the reader is the printer)', async () => {
    const fifo = join(dir.dir, 'lp1');
    execFileSync('mkfifo', [fifo]);
    const bytes = renderThermalReceipt(model(), '80mm');
    const printer = createReadStream(fifo);
    const received: Buffer[] = [];
    printer.on('data', (chunk) => received.push(chunk as Buffer));
    const closed = new Promise<void>((resolve) => printer.once('close', () => resolve()));
    await sendToPrinter({ type: 'device', path: fifo }, bytes);
    await closed;
    const decoded = parseEscPos(Buffer.concat(received));
    expect(decoded).toMatchObject({ qr: ['T01-20200303-000007'], cuts: 1 });
    expect(decoded.lines.join('')).toContain('补充保险支付特殊药品 500.00 × 80% = 400.00 元');
  });

  it('never creates a missing device file, and answers printer-timeout when the device does not take the bytes', async () => {
    const unplugged = join(dir.dir, 'lp2');
    await expect(sendToPrinter({ type: 'device', path: unplugged }, Buffer.from('x'))).rejects.toMatchObject({ code: 'printer-unavailable' });
    expect(existsSync(unplugged)).toBe(false);
    const silent = join(dir.dir, 'lp3');
    execFileSync('mkfifo', [silent]);
    await expect(sendToPrinter({ type: 'device', path: silent }, Buffer.from('x'), { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'printer-timeout',
      message: expect.stringContaining('写入超时'),
    });
    // Let the stuck open finish (it holds a libuv worker until someone reads); async, so its write can run.
    await expect(readFile(silent)).resolves.toEqual(Buffer.from('x'));
  });

  it('prints a test page at each width: the width ruler fills one line, hanzi in GBK, the QR, the cut', () => {
    for (const width of ['80mm', '58mm'] as const) {
      const printer = thermalPrinterSchema.parse({ width, connection: { type: 'serial', path: 'COM3' } });
      const page = parseEscPos(renderTestPage(printer, { hospital: '某某大药房', terminalId: 'YF01', printedAt: '2026-12-02 09:00:00' }));
      expect(page).toMatchObject({ qr: [TEST_PAGE_QR], cuts: 1, chineseMode: true });
      expect(page.lines).toContain('1234567890'.repeat(5).slice(0, COLUMNS[width]));
      expect(page.lines.join('\n')).toContain('串口 COM3（9600）');
      expect(page.lines.join('')).toContain('中文：医保结算 甲类 乙类 丙类 ￥12.34');
      expect(page.lines.every((line) => textWidth(line) <= COLUMNS[width])).toBe(true);
    }
    const uncut = thermalPrinterSchema.parse({ width: '58mm', connection: { type: 'device', path: '/dev/usb/lp0' }, cut: false });
    expect(parseEscPos(renderTestPage(uncut, { hospital: '某某大药房', terminalId: 'YF01', printedAt: '2026-12-02 09:00:00' })).cuts).toBe(0);
  });
});

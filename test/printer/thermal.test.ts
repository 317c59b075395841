import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocatPair, type SocatPair } from '../../electron/card/socat';
import { renderThermalReceipt, sendToPrinter, textWidth, thermalPrinterSchema, COLUMNS } from '../../electron/printer';
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
      width: '80mm', connection: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 }, cut: true,
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
    await expect(sendToPrinter({ type: 'device', path: join(dir.dir, 'no', 'lp9') }, Buffer.from('x'))).rejects.toMatchObject({ code: 'printer-unavailable', message: expect.stringContaining('无法打开打印机设备') });
  });
});

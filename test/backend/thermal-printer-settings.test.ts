import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../electron/backend';
import { loadSiteConfig } from '../../electron/site';
import { parseEscPos } from '../printer/escpos-parser';

/**
 * The counter's thermal printer as a setting: the window's own (kept in the ledger, used when the
 * site file names none), or the site file's printer.thermal (locked); the test page; the receipt
 * of a sale printed to a USB printer's device file (a plain file here).
 */
const dir = mkdtempSync(join(tmpdir(), 'onebill-thermal-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TEST_QR = 'ONEBILL-PRINTER-TEST';

async function open(name: string, options: Partial<BackendOptions> = {}): Promise<Backend> {
  return createBackend({ userDataDir: join(dir, name), shell: 'test', bureauTimeoutMs: 5000, readerSimulator: { pace: false }, practiceRepeatBills: true, ...options });
}
async function call<T = any>(backend: Backend, op: string, input: unknown = {}): Promise<T> {
  const result = await backend.handle(op, input);
  if (!result.ok) throw new Error(`${op}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
async function supervisor(backend: Backend, first: boolean) {
  await call(backend, 'auth.login', { username: 'supervisor', password: first ? '123456' : 'supervisor-pass-2026' });
  if (first) await call(backend, 'auth.changePassword', { oldPassword: '123456', newPassword: 'supervisor-pass-2026' });
}
const device = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, '');
  return path;
};
const printed = (path: string) => parseEscPos(readFileSync(path));

describe('the window’s own thermal printer (no site file)', () => {
  const lp = device('window-lp0');

  it('is saved by a supervisor, kept in the ledger across a restart, test-printed, and cleared', async () => {
    let backend = await open('window');
    try {
      await supervisor(backend, true);
      expect((await call(backend, 'settings.get')).settings.thermalPrinter).toBeUndefined();
      const view = await call(backend, 'settings.update', { thermalPrinter: { width: '58mm', connection: { type: 'device', path: lp } } });
      expect(view.settings.thermalPrinter).toEqual({ width: '58mm', connection: { type: 'device', path: lp }, cut: true });
      expect(view.locked).not.toContain('thermalPrinter');
      expect(await backend.runtime.ledger.settings.get('thermalPrinter')).toEqual(view.settings.thermalPrinter);
    } finally {
      await backend.close();
    }

    backend = await open('window');
    try {
      await supervisor(backend, false);
      expect((await call(backend, 'settings.get')).settings.thermalPrinter).toMatchObject({ width: '58mm', connection: { path: lp } });
      const check = await call(backend, 'settings.testPrinter', {});
      expect(check).toMatchObject({ ok: true, detail: expect.stringContaining(`测试页已发送到设备文件 ${lp}，58mm 纸宽`) });
      expect(printed(lp)).toMatchObject({ qr: [TEST_QR], cuts: 1 });
      const missing = await call(backend, 'settings.testPrinter', {
        thermalPrinter: { width: '80mm', connection: { type: 'device', path: join(dir, 'unplugged', 'lp9') } },
      });
      expect(missing).toMatchObject({ ok: false, detail: expect.stringContaining('测试页未能打印：无法打开打印机设备') });
      const cleared = await call(backend, 'settings.update', { thermalPrinter: null });
      expect(cleared.settings.thermalPrinter).toBeUndefined();
      expect(await call(backend, 'settings.testPrinter', {})).toEqual({ ok: false, detail: '未配置热敏打印机：结算单按系统打印机（A5/A4）打印' });
      const bad = await backend.handle('settings.update', { thermalPrinter: { width: '76mm', connection: { type: 'serial', path: '' } } });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    } finally {
      await backend.close();
    }
  });

  it('is a supervisor’s to test, like the other settings', async () => {
    const backend = await open('cashier');
    try {
      await call(backend, 'auth.login', { username: 'cashier', password: '123456' });
      await call(backend, 'auth.changePassword', { oldPassword: '123456', newPassword: 'cashier-pass-2026' });
      expect(await backend.handle('settings.testPrinter', { thermalPrinter: { width: '80mm', connection: { type: 'device', path: lp } } })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    } finally {
      await backend.close();
    }
  });
});

describe('the site file’s thermal printer (printer.thermal), locked', () => {
  const siteLp = device('site-lp0');
  const windowLp = device('window-lp1');
  let backend: Backend;

  beforeAll(async () => {
    const file = join(dir, 'pharmacy.yaml');
    writeFileSync(
      file,
      `hospital: { code: P21010200001, name: 沈阳和平大药房, level: 1 }\nregion: CN-LN\nprinter:\n  thermal: { device: '${siteLp}', width: 80 }\nterminalId: YF01\n`,
    );
    backend = await open('site', { site: loadSiteConfig(file) });
    // What this window had set for itself before the site file named a printer.
    await backend.runtime.ledger.settings.set('thermalPrinter', { width: '58mm', connection: { type: 'device', path: windowLp }, cut: true });
    await supervisor(backend, true);
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('shows the site’s printer as locked and refuses to change it or test another', async () => {
    const view = await call(backend, 'settings.get');
    expect(view.locked).toContain('thermalPrinter');
    expect(view.settings.thermalPrinter).toEqual({ width: '80mm', connection: { type: 'device', path: siteLp }, cut: true });
    const other = { width: '58mm', connection: { type: 'device', path: windowLp } };
    expect(await backend.handle('settings.update', { thermalPrinter: other })).toMatchObject({
      ok: false,
      error: { code: 'setting-locked', details: [{ path: 'thermalPrinter' }] },
    });
    expect(await backend.handle('settings.update', { thermalPrinter: null })).toMatchObject({ ok: false, error: { code: 'setting-locked' } });
    expect(await backend.handle('settings.testPrinter', { thermalPrinter: other })).toMatchObject({ ok: false, error: { code: 'setting-locked' } });
    // Saving the rest leaves the window's own printer as it was (the site's is not written over it).
    await call(backend, 'settings.update', { ...view.settings, printer: { ...view.settings.printer, paper: 'A4' } });
    expect(await backend.runtime.ledger.settings.get('thermalPrinter')).toMatchObject({ connection: { path: windowLp } });
    expect(await call(backend, 'settings.testPrinter', { thermalPrinter: view.settings.thermalPrinter })).toMatchObject({ ok: true });
    expect(printed(siteLp).qr).toEqual([TEST_QR]);
    expect(readFileSync(windowLp).length).toBe(0);
  });

  it('prints a sale’s receipt to the site’s USB device file: text, the settlement-id QR, the cut', async () => {
    writeFileSync(siteLp, '');
    const card = await call(backend, 'card.fromTypedId', { certno: '210102196001010038' }); // 张福生
    const person = await call(backend, 'eligibility.resolve', { identity: card, date: '2020-03-03', visit: 'pharmacy' });
    const lines = [{ code: 'XL01XCA001B001', class: 'A', price: '500', qty: '1', prescription: { hospital: '沈阳市第一人民医院', level: 3, number: 'RX20200303001' } }];
    const committed = await call(backend, 'settlement.commit', {
      attemptId: randomUUID(),
      visit: 'pharmacy',
      date: '2020-03-03',
      lines,
      eligibilityId: person.eligibilityId,
      billSource: 'retail-pharmacy',
    });
    await expect.poll(() => printed(siteLp).cuts, { timeout: 15_000 }).toBe(1);
    const receipt = printed(siteLp);
    expect(receipt.qr).toEqual([committed.id]);
    expect(receipt.lines.join('')).toContain('补充保险支付特殊药品 500.00 × 80% = 400.00 元');
    expect(existsSync(windowLp) && readFileSync(windowLp).length).toBe(0);
  });
});

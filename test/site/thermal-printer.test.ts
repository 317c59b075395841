import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../electron/backend/terminal-settings';
import { applySite, loadSiteConfig } from '../../electron/site';

const dir = mkdtempSync(join(tmpdir(), 'onebill-site-thermal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PHARMACY = `hospital: { code: P21010200001, name: 沈阳和平大药房, level: 1 }\nregion: CN-LN\n`;
const site = (name: string, printer: string) => {
  const path = join(dir, name);
  writeFileSync(path, `${PHARMACY}printer: ${printer}\n`);
  return loadSiteConfig(path);
};
const problem = (name: string, printer: string) => {
  try {
    site(name, printer);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('the site file’s thermal printer (printer.thermal)', () => {
  it('reads the way IT writes it: port and baud rate, or a device file, width 80 or 58', () => {
    expect(site('serial.yaml', '{ thermal: { port: /dev/ttyUSB0, baudRate: 19200, width: 58 } }').config.printer?.thermal).toEqual({
      width: '58mm',
      connection: { type: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 },
      cut: true,
    });
    expect(site('usb.yaml', '{ thermal: { device: /dev/usb/lp0, width: 80, cut: false } }').config.printer?.thermal).toEqual({
      width: '80mm',
      connection: { type: 'device', path: '/dev/usb/lp0' },
      cut: false,
    });
    expect(site('own-form.yaml', '{ thermal: { width: 80mm, connection: { type: serial, path: COM3 } } }').config.printer?.thermal).toMatchObject({
      connection: { type: 'serial', path: 'COM3', baudRate: 9600 },
    });
  });

  it('locks the thermal printer, and the system printer only when the file gives it', () => {
    const stored = {
      ...defaultSettings({ region: 'CN-LN', hospital: { code: 'H21010200001', name: '测试医院', level: 2 } }),
      printer: { name: '本机打印机', paper: 'A4' as const, silent: false },
    };
    const counter = applySite(stored, site('counter.yaml', '{ thermal: { port: COM3, width: 80 } }'));
    expect(counter.locked).toContain('thermalPrinter');
    expect(counter.locked).not.toContain('printer');
    expect(counter.settings.printer).toEqual(stored.printer);
    expect(counter.settings.thermalPrinter).toMatchObject({ width: '80mm', connection: { path: 'COM3' } });
    const both = applySite(stored, site('both.yaml', '{ name: EPSON LQ-630K, paper: 241mm, silent: true, thermal: { device: /dev/usb/lp0, width: 58 } }'));
    expect(both.locked).toEqual(expect.arrayContaining(['printer', 'thermalPrinter']));
    expect(both.settings.printer).toEqual({ name: 'EPSON LQ-630K', paper: '241mm', silent: true });
    const hospital = applySite(stored, site('hospital.yaml', '{ name: EPSON LQ-630K, paper: 241mm, silent: true }'));
    expect(hospital.locked).not.toContain('thermalPrinter');
    expect(hospital.settings.thermalPrinter).toBeUndefined();
  });

  it('names what is wrong, in Chinese, under printer.thermal', () => {
    expect(problem('two.yaml', '{ thermal: { port: COM3, device: /dev/usb/lp0, width: 80 } }')).toMatch(/printer\.thermal：port（串口）与 device（设备文件）只能填一个/);
    expect(problem('none.yaml', '{ thermal: { width: 80 } }')).toMatch(/printer\.thermal：请填写 port（串口，如 COM3）或 device/);
    expect(problem('width.yaml', '{ thermal: { port: COM3, width: 76 } }')).toMatch(/printer\.thermal\.width：热敏纸宽度必须是 80mm 或 58mm/);
    expect(problem('baud.yaml', '{ thermal: { port: COM3, width: 80, baudRate: 1234 } }')).toMatch(/printer\.thermal\.connection\.baudRate：波特率必须是/);
    expect(problem('half.yaml', '{ name: EPSON, thermal: { port: COM3, width: 80 } }')).toMatch(/printer：系统打印机须同时填写 name、paper、silent/);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocatPair, type SocatPair } from '../../electron/card/socat';
import { parseEscPos } from '../printer/escpos-parser';
import { logIn, useBrowserSession, type App } from './harness';
import { amountsOnScreen, engineResultFor, keepScreenshot, pressAndCapture } from './screen';

/**
 * The pharmacy counter as a point of sale, in browser mode: the supervisor imports a 10,000-drug
 * catalogue; the cashier sells a Liaoning specific drug and a Jiangmen 9折 sale by scanning
 * barcodes (and pinyin initials), the amounts equal the engine's, and the 80 mm thermal receipt's
 * bytes, read from the far end of a socat serial pair, decode to the receipt (GBK text, QR, cut).
 */
const DRUGS = 10_000;
const PASSWORDS = { cashier: 'cashier-pass-1', supervisor: 'supervisor-pass-1' };
const SPECIFIC = { code: 'XL01XCA999', barcode: '6909990000011', name: '曲妥珠单抗注射液' };
const JM_DRUG = { code: 'XJ01CAA999', barcode: '6909990000028', name: '阿莫西林胶囊' };
const HEADS =
  '阿奥巴板苯丙布茶川地丁多恩二法酚伏氟复甘肝格谷桂还黄磺甲金静卡克拉兰利硫罗洛氯马美蒙米莫那尼诺帕哌泼普齐羟青曲去瑞塞沙舒双丝司索他替酮头维西硝辛血盐氧叶依乙异益吲右鱼扎珠';

function catalogueCsv(): string {
  const rows = ['药品编码,药品名称,规格,单位,单价,类别,自付比例,限价,特殊药品,条码'];
  rows.push(`${SPECIFIC.code},${SPECIFIC.name},440mg/瓶,瓶,500.00,甲,,,是,${SPECIFIC.barcode}`);
  rows.push(`${JM_DRUG.code},${JM_DRUG.name},0.25g×24粒,盒,33.33,甲,,,否,${JM_DRUG.barcode}`);
  rows.push('ZB9999,板蓝根颗粒,10g×20袋,袋,10.00,丙,,,否,');
  for (let i = rows.length - 1; i < DRUGS; i++) {
    const name = `${HEADS[i % HEADS.length]}${HEADS[Math.floor(i / HEADS.length) % HEADS.length]}${['片', '胶囊', '颗粒', '注射液'][i % 4]}`;
    const cls = ['甲', '乙', '丙'][i % 3];
    rows.push(`G${String(i).padStart(7, '0')},${name},规格${i % 30},盒,${(i % 300) + 1}.50,${cls},${cls === '乙' ? '0.1' : ''},,,69${String(i).padStart(11, '0')}`);
  }
  return `${rows.join('\n')}\n`;
}

let app: App;
let page: Page;
let pair: SocatPair;
let printer: SerialPort;
let printed: Buffer[] = [];

const session = useBrowserSession();
beforeAll(async () => {
  ({ app, page } = session);
  pair = await startSocatPair();
  printer = new SerialPort({ path: pair.devicePath, baudRate: 9600 });
  printer.on('data', (chunk: Buffer) => printed.push(chunk));
  await new Promise<void>((resolve, reject) => printer.once('open', resolve).once('error', reject));
});
afterAll(async () => {
  await new Promise((resolve) => (printer?.isOpen ? printer.close(resolve) : resolve(undefined)));
  await pair?.stop();
});

/** Types like a keyboard-wedge scanner: fast keys and Enter into the focused field. */
async function scan(text: string): Promise<void> {
  await page.getByLabel('药品编码（扫码或录入）').focus();
  await page.keyboard.type(text, { delay: 0 });
  await page.keyboard.press('Enter');
}

/** The ID number typed (no card): its division names the person's policy region. */
async function identify(certno: string): Promise<void> {
  await page.getByLabel('身份证号（无卡时录入）').fill(certno);
  await page.getByLabel('身份证号（无卡时录入）').press('Enter');
}

/** F4, every amount equal to the engine's for the input the backend settled; then F9 and the thermal receipt. */
async function previewCommitAndPrint(): Promise<{ amounts: Record<string, string>; id: string; receipt: ReturnType<typeof parseEscPos> }> {
  await expect.poll(() => page.getByRole('button', { name: '预结算 (F4)' }).isEnabled(), { timeout: 15_000 }).toBe(true);
  const preview = await pressAndCapture<{ ok: true; value: { input: unknown; result: { amounts: Record<string, string> } } }>(page, 'F4', 'settlement.preview');
  expect(preview, JSON.stringify(preview)).toMatchObject({ ok: true });
  const engine = engineResultFor(preview.value.input);
  expect(preview.value.result.amounts).toEqual(engine.amounts);
  await page.getByTestId('amount-patientCash').waitFor();
  for (const [field, amount] of Object.entries(await amountsOnScreen(page)))
    expect([field, amount]).toEqual([field, engine.amounts[field as keyof typeof engine.amounts]]);
  printed = [];
  const committed = await pressAndCapture<{ ok: true; value: { id: string } }>(page, 'F9', 'settlement.commit');
  expect(committed.ok).toBe(true);
  await page.getByTestId('settlement-id').waitFor();
  // The receipt is printed after the answer: wait for the cut at the end of the bytes.
  await expect.poll(() => parseEscPos(Buffer.concat(printed)).cuts, { timeout: 15_000 }).toBe(1);
  // The catalogue the sale was priced by is stored with each of its lines: the 10,000-drug import in effect that day.
  const ledger = app.backend.runtime.ledger;
  const imported = (await ledger.catalogue.versions()).find((v) => v.sourceName === '本店药品目录.csv');
  const stored = await ledger.catalogue.saleLines(committed.value.id);
  expect(imported).toBeDefined();
  expect(stored.length).toBeGreaterThan(0);
  for (const line of stored) expect([line.code, line.catalogueVersionId]).toEqual([line.code, line.uncatalogued ? null : imported!.id]);
  return { amounts: engine.amounts, id: committed.value.id, receipt: parseEscPos(Buffer.concat(printed)) };
}

describe.sequential('pharmacy counter e2e (browser mode)', () => {
  it('the supervisor imports a 10,000-drug catalogue in 药品目录', async () => {
    await logIn(page, 'supervisor', '123456', PASSWORDS.supervisor);
    await page.keyboard.press('Alt+9');
    const file = join(app.userDataDir, '本店药品目录.csv');
    writeFileSync(file, catalogueCsv());
    await page.getByLabel('生效日期').fill('2020-01-01');
    await page.getByLabel('选择药品目录文件').setInputFiles(file);
    await expect.poll(() => page.getByTestId('catalogue-accepted').innerText(), { timeout: 60_000 }).toBe(String(DRUGS));
    await expect(page.getByTestId('catalogue-rejected').innerText()).resolves.toBe('0');
    await expect(page.getByRole('table', { name: '药品目录版本' }).locator('tbody tr').first().innerText()).resolves.toContain('2020-01-01');
    await keepScreenshot(page, '14-catalogue');
  });

  it('the supervisor sets up the 80 mm serial printer in 设置 and prints a test page (decoded from the socat pair)', async () => {
    await page.keyboard.press('Alt+5');
    const section = page.getByRole('region', { name: '热敏小票打印机（药房）' });
    await section.getByLabel('小票打印方式').selectOption('serial');
    await section.getByLabel('打印机串口').fill(pair.hostPath);
    await section.getByLabel('打印机波特率').selectOption('9600');
    await section.getByLabel('纸宽').selectOption('80mm');
    printed = [];
    // Keyboard-first: Tab to the button, Enter.
    await section.getByRole('button', { name: '打印测试页' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => section.getByRole('status').last().innerText(), { timeout: 15_000 }).toContain(`测试页已发送到串口 ${pair.hostPath}（9600），80mm 纸宽`);
    await expect.poll(() => parseEscPos(Buffer.concat(printed)).cuts, { timeout: 15_000 }).toBe(1);
    const testPage = parseEscPos(Buffer.concat(printed));
    expect(testPage).toMatchObject({ initialised: true, chineseMode: true, qr: ['ONEBILL-PRINTER-TEST'], cuts: 1 });
    expect(testPage.lines).toContain('热敏打印机测试页');
    expect(testPage.lines).toContain('1234567890'.repeat(5).slice(0, 48));
    await page.keyboard.press('F9');
    await expect.poll(() => page.getByText('设置已保存').count()).toBe(1);
    await keepScreenshot(page, '16-thermal-printer-settings');
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, 'cashier', '123456', PASSWORDS.cashier);
  });

  it('sells a Liaoning specific drug by scanning: the prescription is recorded, 80 % is paid and printed', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByLabel('结算日期').fill('2020-03-03');
    await identify('210102196001010038');
    await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('张福生');
    // The bureau's answer (identity and 大病), not a fallback, before the sale.
    await expect.poll(() => page.getByTestId('patient-identities').innerText(), { timeout: 15_000 }).toContain('建档立卡贫困人口');
    await scan(SPECIFIC.barcode);
    const row = page.getByRole('table', { name: '已录入药品' }).locator('tbody tr');
    await expect.poll(() => row.first().innerText()).toContain(SPECIFIC.name);
    await expect(row.first().innerText()).resolves.toMatch(/特药[\s\S]*甲类[\s\S]*500\.00/);
    // Without the prescription the sale is blocked.
    await expect(page.getByRole('button', { name: '预结算 (F4)' }).isEnabled()).resolves.toBe(false);
    await page.getByLabel('处方医院', { exact: true }).fill('沈阳市第一人民医院');
    await page.getByLabel('处方医院级别').selectOption('3');
    await page.getByLabel('处方号').fill('RX20200303001');
    const sale = await previewCommitAndPrint();
    expect(sale.amounts).toMatchObject({ total: '500.00', supplementary: '400.00' });
    expect(sale.receipt).toMatchObject({ initialised: true, chineseMode: true, qr: [sale.id], cuts: 1 });
    const text = sale.receipt.lines.join('');
    expect(text).toContain('处方医院：沈阳市第一人民医院（三级），处方号 RX20200303001');
    expect(text).toContain('补充保险支付特殊药品 500.00 × 80% = 400.00 元');
    expect(text).toContain(sale.id);
    await keepScreenshot(page, '15-pharmacy-specific-drug');
    await page.keyboard.press('F12');
  });

  it('sells at a Jiangmen pharmacy by scanning and by pinyin initials: the 9折 as the engine computes it', async () => {
    await page.getByLabel('结算日期').fill('2020-02-02');
    await identify('440703195807120022');
    await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('陈秀兰');
    await expect.poll(() => page.getByTestId('patient-identities').innerText(), { timeout: 15_000 }).toContain('精准扶贫');
    await page.getByLabel('就医证号').fill('JM2019000123');
    await page.getByLabel('数量').fill('3');
    await scan(JM_DRUG.barcode);
    await expect.poll(() => page.getByRole('table', { name: '已录入药品' }).locator('tbody tr').count()).toBe(1);
    // Pinyin initials that several drugs share: the picker lists them, the cashier picks one.
    await page.getByLabel('药品编码（扫码或录入）').fill('blgkl');
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: /板蓝根颗粒.*ZB9999/ }).click();
    // A drug the catalogue does not list is refused until confirmed as 丙类.
    await page.getByLabel('药品编码（扫码或录入）').fill('NOSUCHDRUG');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.field-error').first().innerText()).toBe('药品编码未找到：NOSUCHDRUG');
    await page.getByLabel('目录外药品名称').fill('自购保健品');
    await page.getByLabel('目录外药品单价').fill('5.00');
    await page.getByRole('button', { name: '确认按丙类自费加入' }).click();
    // 33.33 × 3 + 10.00 + 5.00
    await expect.poll(() => page.getByTestId('running-total').innerText()).toBe('¥ 114.99');
    const sale = await previewCommitAndPrint();
    expect(sale.amounts.total).toBe('114.99');
    expect(Number(sale.amounts.discount)).toBeGreaterThan(0);
    expect(sale.receipt.qr).toEqual([sale.id]);
    expect(sale.receipt.lines.join('\n')).toContain(sale.amounts.patientCash);
  });
});

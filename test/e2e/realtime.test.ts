import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { logIn, useBrowserSession, type App } from './harness';
import { pdfText, pressAndCapture } from './screen';
import { realtimeDemoSite } from '../backend/helpers';

/**
 * Real-time settlement in Chromium (bureau.settlement: realtime, the demo centre in-process): an
 * inpatient discharge, an outpatient HIS bill and a pharmacy sale, each with the centre's column
 * beside ours and a receipt naming the 医保结算ID (the printed PDF's text, the receipt on screen);
 * a line the centre classes otherwise shown on the bill's line and settled so by both columns; a
 * planted one-fen difference on screen with its likely cause; a 2304 whose answer is lost after the
 * centre committed, ending with exactly one settlement there.
 */
const SITE = realtimeDemoSite({ source: 'e2e-site.yaml', terminalId: 'RT01', timeoutMs: 5000 });

type Committed = { ok: true; value: { id: string; realtime: { setlId: string; recovered: string[] } } } | { ok: false; error: { message: string } };
type Lines = Array<{ code: string; billClass: string; centreClass: string; differs: boolean }>;
type Previewed =
  | { ok: true; value: { realtime: { differences: unknown[]; centre: Record<string, string>; local: Record<string, string>; lines: Lines } } }
  | { ok: false; error: { message: string } };

let app: App;
let page: Page;
let lastInpatient: { id: string; realtime: { setlId: string } } | undefined;
const session = useBrowserSession({ site: SITE });
beforeAll(() => {
  ({ app, page } = session);
});

async function centre(): Promise<string> {
  const status = await app.backend.handle('status.get', {});
  const url = JSON.stringify(status).match(/http:\/\/127\.0\.0\.1:\d+/)?.[0];
  if (!url) throw new Error('no simulator URL in status.get');
  return url;
}
const admin = async (path: string, body?: unknown) =>
  (await fetch(`${await centre()}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })).json() as Promise<{
    settlements: number;
    cancellations: number;
  }>;

async function person(certno: string, name: string) {
  await page.keyboard.press('Alt+1');
  await page.getByLabel('身份证号（无卡时录入）').fill(certno);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe(name);
}

/** F4 with both columns on screen; answers the preview. */
async function preSettle(): Promise<Previewed> {
  await expect.poll(() => page.getByRole('button', { name: '预结算 (F4)' }).isEnabled(), { timeout: 20_000 }).toBe(true);
  const preview = await pressAndCapture<Previewed>(page, 'F4', 'settlement.preview');
  if (!preview.ok) throw new Error(preview.error.message);
  await page.getByTestId('rt-summary').waitFor();
  const c = preview.value.realtime.centre;
  await expect(page.getByTestId('rt-centre-basic').innerText()).resolves.toContain(c.basic!);
  await expect(page.getByTestId('rt-local-basic').innerText()).resolves.toContain(preview.value.realtime.local.basic!);
  await expect(page.getByTestId('rt-centre-total').innerText()).resolves.toContain(c.total!);
  return preview;
}

/** F12, the demo card's inpatient read (F2) and her bill loaded (F3), then F4. */
async function nextInpatientPreSettled(): Promise<Previewed> {
  await page.keyboard.press('F12');
  await page.keyboard.press('F2');
  await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('杨光英');
  await page.keyboard.press('F3');
  return preSettle();
}

/** F9: settled at the centre; the receipt on screen names its setl_id. */
async function settleAndCheckReceipt(onScreen = true): Promise<Committed & { ok: true }> {
  const committed = await pressAndCapture<Committed>(page, 'F9', 'settlement.commit');
  if (!committed.ok) throw new Error(committed.error.message);
  await expect.poll(() => page.getByTestId('rt-setl-id').innerText()).toBe(committed.value.realtime.setlId);
  const line = `医保结算ID ${committed.value.realtime.setlId}`;
  if (onScreen) await expect.poll(() => page.frameLocator('iframe.receipt-frame').locator('body').innerText(), { timeout: 20_000 }).toContain(line);
  else {
    const receipt = await app.backend.handle('receipt.preview', { settlementId: committed.value.id });
    expect(receipt.ok && (receipt.value as { html: string }).html).toContain(line);
  }
  return committed;
}

function outpatientFile(name: string, qty: string): string {
  const file = join(app.userDataDir, name);
  writeFileSync(
    file,
    JSON.stringify({
      title: '门诊 赵志强',
      visit: 'outpatient',
      date: '2023-07-02',
      patient: { certno: '520102198002020010', name: '赵志强' },
      lines: [
        { code: 'XC08CAA001A001', name: '硝苯地平缓释片', class: 'A', price: '16.80', qty: '2', kind: 'drug' },
        { code: 'XA10BAA001B001', name: '二甲双胍缓释片', class: 'B', price: '22.50', qty, selfPayRatio: '0.1', kind: 'drug' },
      ],
    }),
  );
  return file;
}

describe.sequential('real-time settlement in the browser', () => {
  it('inpatient discharge: the centre beside our engine, settled with the centre’s setl_id on the receipt', async () => {
    await logIn(page, 'cashier', '123456', 'cashier-pass-1');
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('杨光英');
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByTestId('patient-identities').innerText()).toBe('特困人员');
    const preview = await preSettle();
    expect(preview.ok && preview.value.realtime.differences).toEqual([]);
    await expect(page.getByTestId('rt-summary').innerText()).resolves.toBe('医保中心结算与本地核算一致');
    const committed = await settleAndCheckReceipt();
    // The printed receipt (its PDF) names the centre's settlement too.
    const receipt = await app.backend.handle('settlement.receipt', { id: committed.value.id });
    const pdfPath = receipt.ok ? (receipt.value as { pdfPath: string | null }).pdfPath : null;
    expect(pdfPath).toBeTruthy();
    expect(pdfText(pdfPath!)).toContain(committed.value.realtime.setlId);
  });

  it('outpatient HIS bill: 2201, 2203, 2204, 2206 on F4, 2207 on F9; a line the centre classes otherwise is shown on it', async () => {
    await page.keyboard.press('F12');
    await person('520102198002020010', '赵志强');
    // The centre answers the bill's 甲类 硝苯地平 as 乙类 with 10 % self-pay (2204).
    await admin('/admin/realtime', { lineClass: { code: 'XC08CAA001A001', class: 'B', selfPayRatio: '0.1', count: 1 } });
    await page.getByLabel('导入HIS费用文件（JSON / CSV）').setInputFiles(outpatientFile('his-outpatient.json', '1'));
    await expect.poll(() => page.getByTestId('bill-total').innerText()).toBe('¥ 56.10');
    const preview = await preSettle();
    expect(preview.ok && preview.value.realtime.lines.map((l) => [l.code, l.billClass, l.centreClass, l.differs])).toEqual([
      ['XC08CAA001A001', 'A', 'B', true],
      ['XA10BAA001B001', 'B', 'B', false],
    ]);
    // Shown on the bill's line, and both columns settled it as the centre classed it: no difference.
    await expect(page.getByTestId('bill-line-class-0').innerText()).resolves.toBe('甲类 医保中心：乙类 10%');
    await expect(page.getByTestId('rt-line-XC08CAA001A001').innerText()).resolves.toContain('费用单为 甲类，医保中心按 乙类 10% 结算');
    expect(preview.ok && preview.value.realtime.differences).toEqual([]);
    await settleAndCheckReceipt();
  });

  it('pharmacy sale at the counter (med_type 41): scanned, quoted and settled by the centre', async () => {
    await page.keyboard.press('F12');
    await page.keyboard.press('Alt+2');
    await page.getByLabel('结算日期').fill('2023-07-02');
    await page.getByLabel('身份证号（无卡时录入）').fill('520102196503150017');
    await page.getByLabel('身份证号（无卡时录入）').press('Enter');
    await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('王建国');
    await page.getByLabel('药品编码（扫码或录入）').focus();
    await page.keyboard.type('6901234500012', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('table', { name: '已录入药品' }).locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
    const preview = await preSettle();
    expect(preview.ok && preview.value.realtime.centre.total).toBe('16.80');
    await settleAndCheckReceipt(false);
    await page.keyboard.press('F12');
  });

  it('shows a planted one-fen difference: by how much, and the likely input', async () => {
    await admin('/admin/realtime', { plantFen: 1 });
    await person('520102198002020010', '赵志强');
    await page.getByLabel('导入HIS费用文件（JSON / CSV）').setInputFiles(outpatientFile('his-outpatient-2.json', '2'));
    await expect.poll(() => page.getByTestId('bill-total').innerText()).toBe('¥ 78.60');
    const preview = await preSettle();
    expect(preview.ok && preview.value.realtime.differences).toEqual([{ field: 'basic', label: '基本医保', difference: '0.01' }]);
    await expect(page.getByTestId('rt-summary').innerText()).resolves.toMatch(/基本医保相差 0\.01.*最可能的原因：[^，。]+/);
    await expect(page.getByTestId('rt-row-basic').getAttribute('class')).resolves.toBe('differs');
    // Not blocking: F9 settles with the centre's amounts.
    await settleAndCheckReceipt();
  });

  it('a 2304 answer lost after the centre committed: looked up, reversed, settled once', async () => {
    await nextInpatientPreSettled();
    const before = await admin('/admin/realtime');
    await admin('/admin/faults', { failNext: 1, kinds: ['drop'], infnos: ['2304'], afterProcessing: true });
    const committed = await settleAndCheckReceipt();
    lastInpatient = committed.value;
    expect(committed.value.realtime.recovered).toEqual([expect.stringMatching(/^5203：医保中心已保存报文/), expect.stringMatching(/^2601：已冲正报文/)]);
    await expect(page.getByText(/^2601：已冲正报文/).isVisible()).resolves.toBe(true);
    expect((await admin('/admin/realtime')).settlements).toBe(before.settlements + 1);
  });

  it('a 2304 that times out twice: looked up and reversed both times, the cashier told; F9 again settles once', async () => {
    await nextInpatientPreSettled();
    const before = await admin('/admin/realtime');
    // The centre settles every 2304 and holds its answer past the client's timeout.
    await admin('/admin/faults', { infnos: ['2304'], holdMs: 600_000 });
    const failed = await pressAndCapture<Committed>(page, 'F9', 'settlement.commit');
    expect(failed.ok).toBe(false);
    const note = page.getByRole('alert', { name: '结算错误' });
    await expect(note.innerText()).resolves.toMatch(/两次未应答，已查询并冲正（2 笔），本单未结算，请稍后再按 F9/);
    expect((await admin('/admin/realtime')).settlements).toBe(before.settlements);
    await admin('/admin/faults', {});
    const committed = await settleAndCheckReceipt();
    expect(committed.value.realtime.recovered).toEqual([]);
    expect((await admin('/admin/realtime')).settlements).toBe(before.settlements + 1);
  });

  it('a supervisor’s 冲销 of a real-time settlement: cancelled at the centre (2305) first, its cancellation on screen', async () => {
    const settled = lastInpatient!;
    const before = await admin('/admin/realtime');
    await page.keyboard.press('F12');
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, 'supervisor', '123456', 'supervisor-pass-1');
    await page.keyboard.press('Alt+3');
    await page.getByRole('button', { name: `查看 ${settled.id}` }).click();
    await expect.poll(() => page.getByTestId('detail-centre').innerText()).toContain(`结算ID ${settled.realtime.setlId}`);
    await page.keyboard.press('F8');
    await expect(page.getByRole('form', { name: '冲销' }).innerText()).resolves.toContain('将先在医保中心撤销该结算');
    await page.getByLabel('冲销原因').fill('费用录入错误');
    await page.getByLabel('主管用户名').fill('supervisor');
    await page.getByLabel('主管密码').fill('supervisor-pass-1');
    const reversed = await pressAndCapture<{ ok: true; value: { centre: { cancelSetlId: string; infno: string } } } | { ok: false; error: { message: string } }>(
      page,
      'Enter',
      'settlement.reverse',
    );
    if (!reversed.ok) throw new Error(reversed.error.message);
    expect(reversed.value.centre.infno).toBe('2305');
    const cancelSetlId = reversed.value.centre.cancelSetlId;
    await expect.poll(() => page.getByText(`医保中心已撤销结算 ${settled.realtime.setlId}`).innerText()).toContain(`撤销结算ID ${cancelSetlId}`);
    await expect.poll(() => page.getByTestId('detail-status').innerText()).toMatch(/^已冲销/);
    await expect.poll(() => page.getByTestId('detail-centre').innerText()).toContain(`已在医保中心撤销（撤销结算ID ${cancelSetlId}）`);
    expect((await admin('/admin/realtime')).cancellations).toBe(before.cancellations + 1);
  });
});

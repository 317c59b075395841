import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { toChineseUppercase } from '../../shared/money';
import { logIn, useBrowserSession, type App } from './harness';
import { amountsOnScreen, engineResultFor, keepReceiptImage, keepScreenshot, pdfPages, pdfText, pressAndCapture } from './screen';

/**
 * The cashier's day in browser mode, driven by the keyboard and accessible names: first login,
 * a card from the reader simulator, preview, settle, print, reprint, a pharmacy sale by scanner,
 * a reversal, a roster import with bad rows, and the bureau going offline.
 */
const DEMO_BILLS = join(import.meta.dirname, '../../resources/demo/bills');
const PASSWORDS = { cashier: 'cashier-pass-1', supervisor: 'supervisor-pass-1' };

let app: App;
let page: Page;
let settlementId = '';

type Preview = {
  ok: true;
  value: { input: unknown; personSource?: string; warnings?: string[]; result: { amounts: Record<string, string>; flags: Record<string, boolean> } };
};

const session = useBrowserSession();
beforeAll(() => {
  ({ app, page } = session);
});

/** Previews with F4 and checks every amount on screen against the engine for the settled input. */
async function previewAndCheck(): Promise<Preview['value']> {
  // F4 is live once the patient's eligibility for the bill's date is in (the button says so too).
  await expect.poll(() => page.getByRole('button', { name: '预结算 (F4)' }).isEnabled(), { timeout: 15_000 }).toBe(true);
  const preview = await pressAndCapture<Preview>(page, 'F4', 'settlement.preview');
  expect(preview.ok).toBe(true);
  // Settled with the context the backend verified, not a copy the window could have altered.
  expect(preview.value.personSource).toBe('eligibility');
  await page.getByTestId('amount-patientCash').waitFor();
  const engine = engineResultFor(preview.value.input);
  expect(preview.value.result.amounts).toEqual(engine.amounts);
  const shown = await amountsOnScreen(page);
  expect(Object.keys(shown).length).toBeGreaterThanOrEqual(9);
  for (const [field, amount] of Object.entries(shown)) expect([field, amount]).toEqual([field, engine.amounts[field as keyof typeof engine.amounts]]);
  return preview.value;
}

describe.sequential('cashier e2e (browser mode)', () => {
  it('logs in and must change the demo password first', async () => {
    // The supervisor's first login: set their own password (they authorise reversals later).
    await logIn(page, 'supervisor', '123456', PASSWORDS.supervisor);
    await page.getByRole('button', { name: '退出登录' }).click();

    await page.getByLabel('用户名').fill('cashier');
    await page.getByLabel('密码').fill('wrong');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('工号或密码错误');
    await expect(page.getByLabel('用户名').inputValue()).resolves.toBe('cashier'); // typed input kept

    await page.getByLabel('密码').fill('123456');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '首次登录，请修改密码' }).waitFor();
    await keepScreenshot(page, '01-change-password');
    await page.getByLabel('原密码').fill('123456');
    await page.getByLabel('新密码', { exact: true }).fill(PASSWORDS.cashier);
    await page.getByLabel('再次输入新密码').fill('something-else');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.field-error').innerText()).toBe('两次输入的新密码不一致');
    await page.getByLabel('再次输入新密码').fill(PASSWORDS.cashier);
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: '读卡 (F2)' }).waitFor();
    await expect(page.getByTestId('status-operator').innerText()).resolves.toBe('收费员（cashier）');
    await expect(page.getByTestId('status-terminal').innerText()).resolves.toBe('T01');
    await expect(page.getByTestId('status-outbox').innerText()).resolves.toBe('0 笔');
  });

  it('reads the card, previews, settles, prints and reprints (出院结算)', async () => {
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('杨光英');
    await page.getByTestId('patient-source').waitFor();
    // Without a bill, F4 does nothing and the screen says why.
    await expect(page.getByRole('button', { name: '预结算 (F4)' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByText('请载入费用单', { exact: true }).isVisible()).resolves.toBe(true);

    await page.keyboard.press('F3');
    const demo = JSON.parse(readFileSync(join(DEMO_BILLS, 'gz-inpatient-discharge.json'), 'utf8')) as { lines: unknown[]; date: string };
    await expect.poll(() => page.getByTestId('bill-lines').innerText()).toBe(String(demo.lines.length));
    // The bill's discharge date decides which identities were in force: re-resolved for that date.
    await expect(page.getByLabel('结算日期（出院日期）').inputValue()).resolves.toBe(demo.date);
    await expect.poll(() => page.getByTestId('patient-identities').innerText()).toBe('特困人员');

    const preview = await previewAndCheck();
    expect((preview.input as { lines: unknown[] }).lines).toHaveLength(demo.lines.length);
    await keepScreenshot(page, '02-discharge-preview');

    const committed = await pressAndCapture<{ ok: true; value: { id: string; result: { amounts: Record<string, string> }; receipt: { pdfPath: string } } }>(
      page,
      'F9',
      'settlement.commit',
    );
    expect(committed.ok).toBe(true);
    settlementId = committed.value.id;
    await expect.poll(() => page.getByTestId('settlement-id').innerText()).toBe(settlementId);
    await expect.poll(() => page.getByTestId('receipt-state').innerText()).toContain('结算单已生成并存档');
    expect(committed.value.result.amounts).toEqual(preview.result.amounts);

    const pdf = committed.value.receipt.pdfPath;
    expect(pdfPages(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain('结算单');
    expect(text).toContain('杨光英');
    expect(text).toContain(toChineseUppercase(preview.result.amounts.patientCash!));
    keepReceiptImage(pdf, '07-receipt');

    // The receipt on screen: the backend's HTML in a sandboxed frame (no scripts, unique origin).
    const receiptFrame = page.locator('iframe.receipt-frame');
    await expect(receiptFrame.getAttribute('sandbox')).resolves.toBe('');
    await expect.poll(() => page.frameLocator('iframe.receipt-frame').locator('body').innerText()).toContain('杨光英');
    await expect(page.frameLocator('iframe.receipt-frame').locator('body').innerText()).resolves.toContain(toChineseUppercase(preview.result.amounts.patientCash!));
    await page.keyboard.press('F10');
    await expect.poll(() => page.getByTestId('receipt-state').innerText(), { timeout: 15_000 }).toContain('已补打 1 次');
    await expect.poll(() => page.getByTestId('status-outbox').innerText()).toBe('1 笔');
    await expect.poll(() => page.frameLocator('iframe.receipt-frame').locator('body').innerText()).toContain('杨光英');
    await keepScreenshot(page, '03-discharge-settled');
  });

  // Room on a loaded machine: the scan is decoded (ec.query) before 1101 and 5206 answer.
  it('sells at the pharmacy counter: e-voucher scan, drug codes by scanner, running total, pharmacy rules', { timeout: 90_000 }, async () => {
    await page.keyboard.press('Alt+2');
    await page.getByLabel('药品编码（扫码或录入）').waitFor();
    await expect.poll(() => page.getByLabel('药品编码（扫码或录入）').isEnabled()).toBe(true);
    // The e-voucher QR through a keyboard-wedge scanner: fast keys and Enter, focus on the page.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.type('EV520102196503150017', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('patient-name').innerText(), { timeout: 15_000 }).toBe('王建国');
    await expect(page.getByTestId('patient-identities').innerText()).resolves.toBe('低保对象');

    const code = page.getByLabel('药品编码（扫码或录入）');
    await code.fill('NOSUCHDRUG');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.field-error').first().innerText()).toBe('药品编码未找到：NOSUCHDRUG');
    await expect(code.inputValue()).resolves.toBe('NOSUCHDRUG'); // kept for correction

    await code.fill('');
    await code.focus();
    await page.keyboard.type('XC08CAA001A001', { delay: 0 });
    await page.keyboard.press('Enter');
    await page.getByLabel('数量').fill('3');
    await code.focus();
    await page.keyboard.type('XA10BAA001B001', { delay: 0 });
    await page.keyboard.press('Enter');
    await code.fill('ZF0201');
    await page.keyboard.press('Enter');
    // 16.80 × 1 + 22.50 × 3 + 29.90 × 1
    await expect.poll(() => page.getByTestId('running-total').innerText()).toBe('¥ 114.20');

    const preview = await previewAndCheck();
    expect(preview.input).toMatchObject({ visit: 'pharmacy', policy: 'CN-GZ' });
    expect(preview.result.amounts.total).toBe('114.20');
    await keepScreenshot(page, '04-pharmacy');
    const committed = await pressAndCapture<{ ok: boolean }>(page, 'F9', 'settlement.commit');
    expect(committed.ok).toBe(true);
    await page.getByTestId('settlement-id').waitFor();
  });

  it('takes a scanned e-voucher QR on the card screen: decoded into an ecToken by ec.query, never sent raw in 1101', async () => {
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('F12');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    // A code the e-voucher platform does not know: its refusal, in Chinese.
    await page.keyboard.type('EV999999999999999999', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('alert', { name: '参保查询错误' }).innerText(), { timeout: 15_000 })
      .toBe('电子凭证无效：电子凭证二维码无效或已过期，请患者刷新医保电子凭证后重新扫码');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.type('EV440703195807120022', { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('patient-name').innerText(), { timeout: 15_000 }).toBe('陈秀兰');
    await expect(page.locator('.panel-patient').innerText()).resolves.toContain('医保电子凭证');
    // The centre issued a token for her, and its 1101 takes only tokens (a raw QR is refused: test/bureau).
    const centre = new Database(join(app.userDataDir, 'bureau-sim.db'), { readonly: true });
    try {
      expect(centre.prepare('SELECT certno FROM ec_token').pluck().all()).toEqual(expect.arrayContaining(['440703195807120022']));
    } finally {
      centre.close();
    }
    await page.keyboard.press('F12');
  });

  it('reverses a settlement only with a supervisor password and a reason (结算查询)', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByRole('button', { name: `查看 ${settlementId}` }).click();
    await page.getByRole('button', { name: '冲销 (F8)' }).waitFor();
    await expect(page.getByTestId('detail-prints').innerText()).resolves.toBe('2');
    await expect.poll(() => page.frameLocator('iframe.receipt-frame').locator('body').innerText()).toContain(settlementId);
    await expect(page.locator('.trace li').first().innerText()).resolves.toContain('费用分类');
    await keepScreenshot(page, '05-history-detail');

    await page.keyboard.press('F8');
    await page.getByLabel('主管用户名').fill('supervisor');
    await page.getByLabel('主管密码').fill(PASSWORDS.supervisor);
    await page.getByRole('button', { name: '确认冲销 (Enter)' }).click();
    await expect.poll(() => page.getByRole('form', { name: '冲销' }).locator('.field-error').innerText()).toBe('请填写冲销原因');

    await page.getByLabel('冲销原因').fill('患者费用录入重复');
    await page.getByLabel('主管密码').fill('not-the-password');
    await page.getByRole('button', { name: '确认冲销 (Enter)' }).click();
    await expect.poll(() => page.getByRole('alert', { name: '冲销错误' }).innerText()).toContain('工号或密码错误');
    await expect(page.getByLabel('冲销原因').inputValue()).resolves.toBe('患者费用录入重复');

    await page.getByLabel('主管密码').fill(PASSWORDS.supervisor);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('detail-status').innerText()).toMatch(/^已冲销/);
    await page.keyboard.press('Escape');
    const rows = page.getByRole('table', { name: '结算记录' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);

    // Search by patient, then by amount (bill total 114.20 for the pharmacy sale, 4726.00 for the discharge).
    const totals = async () => (await rows.allInnerTexts()).map((row) => row.split('\t')[4]);
    await page.getByLabel('患者姓名或证件号').fill('王建国');
    await page.keyboard.press('F5');
    await expect.poll(totals).toEqual(['114.20']);
    await page.getByLabel('患者姓名或证件号').fill('');
    await page.getByLabel('最低金额').fill('1000');
    await page.keyboard.press('Enter');
    await expect.poll(totals).toEqual(['4726.00']); // its reversal carries negative amounts
    await page.getByLabel('最低金额').fill('');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(3);
  });

  it('checks the 就医证 of a Jiangmen precision-poverty patient before settling', async () => {
    await page.keyboard.press('Alt+1');
    await page.getByLabel('身份证号（无卡时录入）').fill('44070319580712002');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel('身份证号（无卡时录入）').getAttribute('aria-invalid')).toBe('true');
    await expect(page.getByLabel('身份证号（无卡时录入）').inputValue()).resolves.toBe('44070319580712002'); // kept
    await page.getByLabel('身份证号（无卡时录入）').fill('440703195807120022');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('patient-name').innerText()).toBe('陈秀兰');
    await page.getByLabel('演示费用单').selectOption('jm-inpatient-chen-xiulan');
    await page.keyboard.press('F3');
    await expect.poll(() => page.getByTestId('patient-identities').innerText()).toBe('精准扶贫重点帮扶对象');

    const certificate = page.getByLabel('就医证号');
    await expect(page.getByRole('button', { name: '预结算 (F4)' }).isDisabled()).resolves.toBe(true);
    await certificate.fill('JM2019000999');
    await expect.poll(() => page.locator('.certificate .field-error').innerText()).toBe('就医证号与登记信息不符，请核对');
    await certificate.fill('JM2019000123');
    await page.getByText('✓ 就医证已核对').waitFor();

    const preview = await previewAndCheck();
    expect(preview.input).toMatchObject({ policy: 'CN-GD-JM', person: { identities: ['precision-target'], certificate: 'JM2019000123' } });
    expect(preview.result.amounts.patientCash).toBe('0.00');
    await page.getByTestId('amount-povertyFund').waitFor();
    await keepScreenshot(page, '10-jiangmen-certificate');
  });

  it('imports a HIS fee file, settles a bill that needs expert review and records the outcome', async () => {
    const file = join(app.userDataDir, 'his-jm-20200912.json');
    const bad = { title: '江门 住院 高额自费', lines: [{ code: 'X1', class: 'B', price: '10', qty: '1' }] };
    writeFileSync(file, JSON.stringify(bad));
    await page.getByLabel('导入HIS费用文件（JSON / CSV）').setInputFiles(file);
    await expect.poll(() => page.getByRole('alert', { name: '费用单错误' }).innerText()).toContain('第 1 条明细：乙类项目缺少先行自付比例');

    const bill = {
      title: '江门 住院 高额自费',
      visit: 'inpatient',
      date: '2020-09-12',
      lines: [
        { code: 'I1', name: '手术', class: 'A', price: '8000', qty: '1', kind: 'item' },
        { code: 'C1', name: '进口耗材（自费）', class: 'C', price: '12000', qty: '1', kind: 'material' },
      ],
    };
    writeFileSync(file, JSON.stringify(bill));
    await page.getByLabel('导入HIS费用文件（JSON / CSV）').setInputFiles([]);
    await page.getByLabel('导入HIS费用文件（JSON / CSV）').setInputFiles(file);
    await expect.poll(() => page.getByTestId('bill-total').innerText()).toBe('¥ 20000.00');
    const preview = await previewAndCheck();
    expect(preview.result.flags.reviewRequired).toBe(true);
    await page.getByTestId('flag-reviewRequired').waitFor();
    const committed = await pressAndCapture<{ ok: true; value: { id: string } }>(page, 'F9', 'settlement.commit');
    await expect.poll(() => page.getByTestId('settlement-id').innerText()).toBe(committed.value.id);

    await page.keyboard.press('Alt+3');
    await page.getByRole('button', { name: `查看 ${committed.value.id}` }).click();
    await expect.poll(() => page.getByTestId('detail-status').innerText()).toBe('已结算，待专家审核');
    await page.getByRole('button', { name: '登记审核结论' }).click();
    await page.getByLabel('审核意见').fill('专家组同意，自费耗材属必需');
    await page.getByLabel('主管用户名').fill('supervisor');
    await page.getByLabel('主管密码').fill(PASSWORDS.supervisor);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('form', { name: '专家审核结论' }).locator('.field-error').first().innerText()).toBe('请填写审核专家姓名');
    await page.getByLabel('审核专家').fill('王专家');
    await page.getByLabel('主管密码').fill(PASSWORDS.supervisor);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('detail-status').innerText()).toBe('专家审核通过');
    await expect(page.getByTestId('flag-reviewRequired').innerText()).resolves.toContain('专家审核结论已登记');
    // The trace's notes say the review is done (the policy citation of the threshold still quotes the seed).
    const notes = (await page.locator('.trace .hint').allInnerTexts()).join('\n');
    expect(notes).toContain('已专家审核');
    expect(notes).not.toContain('须专家审核');
    await page.keyboard.press('Escape');
  });

  it('imports a roster with bad rows as a supervisor (花名册)', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await logIn(page, 'supervisor', PASSWORDS.supervisor);
    await page.keyboard.press('Alt+4');
    const good = readFileSync(join(import.meta.dirname, '../../resources/demo/roster-demo.csv'), 'utf8').trimEnd();
    const goodRows = good.split('\n').length - 1;
    const csv = `${good}\n坏行甲,520102196503150018,低保对象,2021-01-01,,CN-GZ,\n坏行乙,52010219650315,特困人员,2021-01-01,,CN-GZ,\n`;
    const file = join(app.userDataDir, 'roster-2026-11.csv');
    writeFileSync(file, csv);
    // The list's month goes with the file: a malformed one is refused next to its field.
    await page.getByLabel('名单月份/日期').fill('2026-13');
    await page.getByLabel('选择花名册文件').setInputFiles(file);
    await expect.poll(() => page.getByLabel('名单月份/日期').getAttribute('aria-invalid')).toBe('true');
    await expect(page.locator('.panel-roster .field-error').innerText()).resolves.toContain('名单日期格式应为');
    await page.getByLabel('名单月份/日期').fill('');
    await page.getByLabel('选择花名册文件').setInputFiles(file);
    await expect.poll(() => page.getByTestId('roster-rejected').innerText(), { timeout: 20_000 }).toBe('2');
    await expect(page.getByTestId('roster-accepted').innerText()).resolves.toBe(String(goodRows));
    await expect(page.getByRole('list', { name: '退回的行' }).locator('li').count()).resolves.toBe(2);
    await expect.poll(() => page.getByRole('table', { name: '花名册版本' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await keepScreenshot(page, '06-roster');
  });

  it('a supervisor adds a cashier of their own in 操作员 (needed before the demo accounts stop with a bureau URL)', async () => {
    await page.keyboard.press('Alt+8');
    const form = page.getByRole('form', { name: '添加操作员' });
    await form.getByLabel('工号').fill('zhang.wei');
    await form.getByLabel('姓名').fill('张伟');
    await form.getByLabel('岗位').selectOption('supervisor');
    await form.getByLabel('临时密码').fill('12345678');
    await form.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => form.getByRole('alert').first().innerText()).toBe('临时密码须同时包含字母和数字');
    await form.getByLabel('临时密码').fill('Temp-2026a');
    await form.getByRole('button', { name: '添加' }).click();
    await page.getByText('已添加 张伟（zhang.wei），首次登录须修改临时密码').waitFor();
    await expect.poll(() => page.getByTestId('operators').innerText()).toContain('zhang.wei');

    // 核验台账: the supervisor sees the verdict on the same screen.
    await page.getByRole('button', { name: '核验台账' }).click();
    await expect.poll(() => page.getByTestId('ledger-verdict').innerText()).toMatch(/^台账核验通过：审计记录 \d+ 条/);
    await expect(page.getByTestId('status-ledger-check').innerText()).resolves.toBe('核验正常');
    await keepScreenshot(page, '14-operators-ledger-check');
  });

  it('counts the seconds of a slow bureau and offers 改用离线名单', async () => {
    const faults = (settings: object) =>
      fetch(new URL('/admin/faults', app.backend.runtime.bureau.url).href, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(settings),
      });
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('F12');
    await faults({ latencyMs: 15_000, infnos: ['1101'] });
    try {
      await page.keyboard.press('F2');
      await expect.poll(() => page.locator('.panel-patient').innerText(), { timeout: 10_000 }).toMatch(/已等待 [1-9]\d* 秒/);
      await page.getByRole('button', { name: '改用离线名单' }).click();
      await expect.poll(() => page.getByTestId('patient-source').innerText(), { timeout: 10_000 }).toBe('花名册（离线）');
    } finally {
      await faults({ latencyMs: 0 });
    }
    await page.keyboard.press('F12');
  });

  it('keeps settling from the roster when the bureau is offline', async () => {
    // The network to the (demo) centre goes away: every call loses its connection.
    await fetch(new URL('/admin/faults', app.backend.runtime.bureau.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1, kinds: ['drop'] }),
    });
    await page.keyboard.press('Alt+5');
    await expect.poll(() => page.getByTestId('bureau-config').innerText()).toContain('演示：内置医保中心模拟器');
    await page.getByRole('button', { name: '测试连接' }).click();
    await page.locator('.notice-warn').first().waitFor();
    await keepScreenshot(page, '08-settings');
    await expect.poll(() => page.getByTestId('status-bureau').innerText(), { timeout: 10_000 }).toMatch(/^离线（花名册 \d{4}-\d{2}-\d{2}）$/);

    await page.keyboard.press('Alt+1');
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('patient-source').innerText(), { timeout: 15_000 }).toBe('花名册（离线）');
    await page.keyboard.press('F3');
    await page.getByTestId('bill-total').waitFor();
    await previewAndCheck();
    await keepScreenshot(page, '09-offline-preview');
    const committed = await pressAndCapture<{ ok: boolean }>(page, 'F9', 'settlement.commit');
    expect(committed.ok).toBe(true);
    expect(existsSync(join(app.userDataDir, 'receipts'))).toBe(true);
  });
});

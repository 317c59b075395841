import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDemo, startTestBackend, type TestBackend } from './helpers';

/**
 * #13 defect 2 at the backend, in demo mode as a new user meets it: 杨光英's demo bill settled
 * once is refused the second time with the first settlement's number, unless a supervisor
 * overrides with a reason; after a reversal it may be settled again.
 */
describe('the same bill is never settled twice (demo mode, the shipped default)', () => {
  let t: TestBackend;
  let supervisorPassword: string;

  beforeAll(async () => {
    t = await startTestBackend({ practiceRepeatBills: false });
    supervisorPassword = await loginDemo(t, 'supervisor');
    await loginDemo(t, 'cashier');
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function attempt(extra: Record<string, unknown> = {}) {
    await t.call('card.simulatorInsert', { card: 'yang-guangying' });
    const card = await t.call('card.read', {});
    const bill = await t.call('bill.import', { demo: 'gz-inpatient-discharge' });
    const person = await t.call('eligibility.resolve', { identity: card, date: bill.date, visit: bill.visit });
    return t.backend.handle('settlement.commit', {
      attemptId: randomUUID(),
      eligibilityId: person.eligibilityId,
      visit: bill.visit,
      date: bill.date,
      lines: bill.lines,
      billId: bill.billId,
      billSource: bill.source,
      ...extra,
    });
  }

  it('refuses the second settlement of 杨光英’s demo bill, naming the first', async () => {
    const first = await attempt();
    expect(first.ok).toBe(true);
    const firstId = (first as any).value.id as string;
    const second = await attempt();
    expect(second).toMatchObject({ ok: false, error: { code: 'duplicate-bill' } });
    expect((second as any).error.message).toContain(firstId);
  });

  it('settles it again only with a supervisor’s override and a reason', async () => {
    const wrong = await attempt({ duplicateOverride: { supervisor: { username: 'supervisor', password: 'not-it-1' }, reason: '患者要求分开结算' } });
    expect(wrong.ok).toBe(false);
    const allowed = await attempt({ duplicateOverride: { supervisor: { username: 'supervisor', password: supervisorPassword }, reason: '患者要求分开结算' } });
    expect(allowed.ok).toBe(true);
  });
});

/**
 * The HIS bill number is the imported file's own: the backend takes it from its kept copy of the
 * bill, so a window sending a fresh number of its own changes nothing.
 */
describe('the HIS bill number comes from the imported bill file, never from the window', () => {
  let t: TestBackend;
  const demo = JSON.parse(readFileSync(join(process.cwd(), 'resources/demo/bills/gz-inpatient-discharge.json'), 'utf8')) as { lines: Array<Record<string, unknown>> };

  beforeAll(async () => {
    t = await startTestBackend({ practiceRepeatBills: false });
    await loginDemo(t, 'cashier');
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** 杨光英's bill as her HIS exports it, with its number and (optionally) other lines. */
  async function settle(file: Record<string, unknown>, windowNumber: string) {
    await t.call('card.simulatorInsert', { card: 'yang-guangying' });
    const card = await t.call('card.read', {});
    const bill = await t.call('bill.import', { format: 'json', fileName: '出院费用.json', content: JSON.stringify({ ...demo, ...file }) });
    const person = await t.call('eligibility.resolve', { identity: card, date: bill.date, visit: bill.visit });
    const request = {
      attemptId: randomUUID(),
      eligibilityId: person.eligibilityId,
      visit: bill.visit,
      date: bill.date,
      lines: bill.lines,
      billId: bill.billId,
      hisBillNo: windowNumber,
    };
    return { bill, answer: await t.backend.handle('settlement.commit', request) };
  }

  it('keeps the file’s number with the bill and refuses the same file again whatever number the window sends', async () => {
    const first = await settle({ hisBillNo: 'ZY2023-0618' }, 'WINDOW-1');
    expect(first.bill.hisBillNo).toBe('ZY2023-0618');
    expect(first.answer.ok).toBe(true);
    const again = await settle({ hisBillNo: 'ZY2023-0618' }, `FRESH-${randomUUID().slice(0, 8)}`);
    expect(again.answer).toMatchObject({ ok: false, error: { code: 'duplicate-bill' } });
    expect((again.answer as any).error.message).toContain((first.answer as any).value.id);
  });

  it('decides by the file’s number: the same number with other lines is the same bill, a new number a new bill', async () => {
    const changed = await settle({ hisBillNo: 'ZY2023-0618', lines: demo.lines.slice(1) }, 'WINDOW-2');
    expect(changed.answer).toMatchObject({ ok: false, error: { code: 'duplicate-bill' } });
    const next = await settle({ hisBillNo: 'ZY2023-0619' }, 'ZY2023-0618');
    expect(next.answer.ok).toBe(true);
  });

  it('reads the number of a CSV bill from its 单据号 column, and refuses a file with two numbers', async () => {
    const header = '项目编码,项目名称,类别,单价,数量,单据号';
    const csv = await t.call('bill.import', { format: 'csv', fileName: '门诊.csv', content: `${header}\n110200001,诊查费,A,12,1,MZ-0042\n250102001,血常规,A,25,1,\n` });
    expect(csv.hisBillNo).toBe('MZ-0042');
    const two = await t.backend.handle('bill.import', {
      format: 'csv',
      fileName: '门诊.csv',
      content: `${header}\n110200001,诊查费,A,12,1,MZ-0042\n250102001,血常规,A,25,1,MZ-0043\n`,
    });
    expect(two).toMatchObject({ ok: false, error: { code: 'bill-invalid', message: expect.stringContaining('第 2 行 MZ-0042，第 3 行 MZ-0043') } });
  });
});

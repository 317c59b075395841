import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../shared/time';
import { maskIdNumber } from '../../shared/privacy';
import { loginDemo, startTestBackend, type TestBackend } from './helpers';

const CHEN = '440703195807120022';
const mode = (path: string) => statSync(path).mode & 0o777;

describe('personal data: masked on screen, in full only in marked and audited exports, private files', () => {
  let t: TestBackend;
  let id: string;
  beforeAll(async () => {
    t = await startTestBackend();
    await loginDemo(t, 'cashier', 'cashier-2026');
    // 陈秀兰's 就医证 checked by the cashier: her settlement is in the Jiangmen report.
    await t.call('card.simulatorInsert', { card: 'chen-xiulan' });
    const person = await t.call('eligibility.resolve', { identity: await t.call('card.read'), date: '2020-09-12', visit: 'inpatient' });
    const bill = await t.call('bill.import', { demo: 'jm-inpatient-chen-xiulan' });
    const request = {
      attemptId: randomUUID(),
      eligibilityId: person.eligibilityId,
      certificate: person.certificate,
      visit: 'inpatient',
      date: '2020-09-12',
      lines: bill.lines,
      billId: bill.billId,
    };
    id = (await t.call('settlement.commit', request)).id;
    await t.call('settlement.receipt', { id });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('masks ID numbers of every length', () => {
    for (let length = 1; length <= 24; length++) {
      const id = '4407031958071200229X123'.padEnd(length, '7').slice(0, length);
      const masked = maskIdNumber(id);
      expect(masked).toHaveLength(length);
      expect(masked).toContain('*');
      expect(masked).not.toBe(id);
    }
    expect(maskIdNumber(CHEN)).toBe('440703********0022');
  });

  it('the Jiangmen report on screen shows no full ID number; its export does, marked and audited', async () => {
    const settled = businessDate(new Date()).slice(0, 7);
    const screen = await t.call('reports.povertyFund', { month: settled });
    const text = JSON.stringify(screen);
    expect(text).toContain('440703********0022');
    expect(text).not.toContain(CHEN);

    const exported = await t.call('reports.exportXlsx', { report: 'povertyFund', params: { month: settled } });
    expect(exported.personalData).toBe(true);
    expect(exported.fileName).toMatch(/^含个人信息-江门市精准扶贫医疗保障结算报表-/);
    expect(mode(exported.path)).toBe(0o600);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(exported.path);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
    expect(cells).toContain(CHEN);
    expect(cells.some((c) => c.startsWith('本表含个人信息'))).toBe(true);
    expect((await t.backend.runtime.ledger.audit.list({ action: 'report.export' }))[0]).toMatchObject({
      actor: 'cashier',
      subject: 'povertyFund',
      detail: { fileName: exported.fileName, personalData: true, params: { month: settled } },
    });
  });

  it('a report without ID numbers is exported unmarked, still audited', async () => {
    const exported = await t.call('reports.exportXlsx', { report: 'dayClose', params: { day: businessDate(new Date()) } });
    expect(exported).toMatchObject({ personalData: false });
    expect(exported.fileName).toMatch(/^日结报表-/);
    expect(await t.backend.runtime.ledger.audit.list({ action: 'report.export' })).toHaveLength(2);
  });

  it('keeps the data folder 0700 and the ledger, key, receipts, logs, reports and simulator files 0600', () => {
    if (process.platform === 'win32') return;
    expect(mode(t.dir)).toBe(0o700);
    for (const dir of ['receipts', 'logs', 'reports']) expect([dir, mode(join(t.dir, dir))]).toEqual([dir, 0o700]);
    const files = ['ledger.db', 'ledger.db-wal', 'bureau-sim.db', 'bureau-state.db', join('logs', 'backend.log'), join('receipts', `${id}.pdf`)];
    expect(files.map((f) => [f, mode(join(t.dir, f))])).toEqual(files.map((f) => [f, 0o600]));
  });
});

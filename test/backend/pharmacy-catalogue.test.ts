import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settle } from '../../shared/engine';
import { useTestBackend } from './helpers';

const SPECIFIC = 'XL01XCA001B001'; // 曲妥珠单抗注射液 500.00, 甲类, 特殊药品 (demo catalogue)
const PRESCRIPTION = { hospital: '沈阳市第一人民医院', level: 3, number: 'RX20200303001' };

describe('pharmacy counter with the drug catalogue', () => {
  const backend = useTestBackend('cashier');

  async function personFor(certno: string, date: string) {
    const t = backend();
    const card = await t.call('card.fromTypedId', { certno });
    return t.call('eligibility.resolve', { identity: card, date, visit: 'pharmacy' });
  }

  it('answers look-ups by barcode, code and pinyin initials from the demo catalogue in effect', async () => {
    const t = backend();
    expect(await t.call('catalogue.versions')).toMatchObject([{ id: '1', effectiveFrom: '2019-01-01', source: 'catalogue-demo.csv', rows: 8 }]);
    expect(await t.call('catalogue.lookup', { query: '6901234500067', date: '2020-03-03' })).toMatchObject([
      { code: SPECIFIC, name: '曲妥珠单抗注射液', price: '500', class: 'A', specificDrug: true, versionId: '1' },
    ]);
    expect((await t.call('catalogue.lookup', { query: 'ejsg', date: '2020-03-03' })).map((d: { code: string }) => d.code)).toEqual(['XA10BAA001B001']);
    expect(await t.call('catalogue.lookup', { query: 'ejsg', date: '2018-01-01' })).toEqual([]);
    const bad = await t.backend.handle('catalogue.lookup', { query: ' ', date: '2020-03-03' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const demo = readFileSync(join(process.cwd(), 'resources/demo/catalogue-demo.csv')).toString('base64');
    expect(await t.backend.handle('catalogue.import', { fileName: 'x.csv', contentBase64: demo })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('sells a Liaoning specific drug at the catalogue price, with the prescription stored and 80 % paid', async () => {
    const t = backend();
    const person = await personFor('210102196001010038', '2020-03-03'); // 张福生
    // The window's price and class are not used for a catalogue drug.
    const lines = [{ code: SPECIFIC, class: 'C', price: '1.00', qty: '1', prescription: PRESCRIPTION }];
    const request = { attemptId: randomUUID(), visit: 'pharmacy', date: '2020-03-03', lines, eligibilityId: person.eligibilityId, billSource: 'pharmacy-counter' };
    const preview = await t.call('settlement.preview', request);
    expect(preview.input.lines).toEqual([
      { code: SPECIFIC, name: '曲妥珠单抗注射液', class: 'A', price: '500', qty: '1', kind: 'drug', specificDrug: true, prescribedAtLevel: 3 },
    ]);
    expect(preview.result.amounts).toMatchObject({ total: '500.00', supplementary: '400.00' });
    const engine = settle(preview.input, t.backend.runtime.library);
    expect(engine.ok && engine.value.amounts).toEqual(preview.result.amounts);
    expect(preview.warnings).toContain('1 种药品的单价或类别以药品目录为准（收费窗口所传的不用）');

    const committed = await t.call('settlement.commit', request);
    expect(committed.result.amounts.supplementary).toBe('400.00');
    expect(await t.backend.runtime.ledger.catalogue.saleLines(committed.id)).toEqual([
      {
        lineNo: 1,
        code: SPECIFIC,
        catalogueVersionId: 1,
        uncatalogued: false,
        prescribingHospital: '沈阳市第一人民医院',
        prescribingLevel: 3,
        prescriptionNo: 'RX20200303001',
      },
    ]);
  });

  it('refuses a specific drug without its prescription, and an unknown drug unless confirmed as 丙类', async () => {
    const t = backend();
    const person = await personFor('210102196001010038', '2020-03-03');
    const base = { attemptId: randomUUID(), visit: 'pharmacy', date: '2020-03-03', eligibilityId: person.eligibilityId };
    const noRx = await t.backend.handle('settlement.preview', { ...base, lines: [{ code: SPECIFIC, class: 'A', price: '500', qty: '1' }] });
    expect(noRx).toMatchObject({ ok: false, error: { code: 'catalogue-prescription-required', details: [{ path: 'lines.0' }] } });
    const unknown = await t.backend.handle('settlement.preview', { ...base, lines: [{ code: 'NOSUCH', class: 'A', price: '8', qty: '2' }] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'catalogue-unknown-drug' } });
    const confirmed = await t.call('settlement.preview', { ...base, lines: [{ code: 'NOSUCH', name: '自带药', class: 'A', price: '8', qty: '2', uncatalogued: true }] });
    expect(confirmed.input.lines).toEqual([{ code: 'NOSUCH', name: '自带药', class: 'C', price: '8', qty: '2', kind: 'drug' }]);
    expect(confirmed.result.amounts).toMatchObject({ total: '16.00', ownpay: '16.00' });
  });

  it("sells at the Jiangmen pharmacy with the engine's 9折, priced by the catalogue", async () => {
    const t = backend();
    const person = await personFor('440703195807120022', '2020-02-02'); // 陈秀兰, 精准扶贫对象
    const lines = [
      { code: 'XJ01CAA001E001', class: 'A', price: '33.33', qty: '3' },
      { code: 'ZB0305', class: 'C', price: '10', qty: '1' },
    ];
    const preview = await t.call('settlement.preview', {
      attemptId: randomUUID(),
      certificate: 'JM2019000123',
      visit: 'pharmacy',
      date: '2020-02-02',
      lines,
      eligibilityId: person.eligibilityId,
    });
    const engine = settle(preview.input, t.backend.runtime.library);
    expect(engine.ok && engine.value.amounts).toEqual(preview.result.amounts);
    expect(preview.result.amounts.total).toBe('109.99');
    expect(Number(preview.result.amounts.discount)).toBeGreaterThan(0);
  });
});

describe('catalogue.import (supervisor)', () => {
  const backend = useTestBackend('supervisor');

  it('imports an uploaded file as a new version and reports bad lines', async () => {
    const t = backend();
    const content = '药品编码,药品名称,单价,类别,自付比例\nN1,新药甲,12.00,甲,\nN2,,1,甲,\n';
    const result = await t.call('catalogue.import', { fileName: '本店目录.csv', contentBase64: Buffer.from(content).toString('base64'), effectiveDate: '2020-01-01' });
    expect(result).toMatchObject({
      version: { id: '2', effectiveFrom: '2020-01-01', source: '本店目录.csv', format: 'csv', rows: 1, rejected: 1 },
      accepted: 1,
      rejected: 1,
      errors: ['第 3 行：药品名称为空'],
    });
    expect(await t.call('catalogue.importProgress')).toMatchObject({ state: 'done', rowsImported: 1, rowsRejected: 1 });
  });
});

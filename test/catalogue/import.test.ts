import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCatalogue, pinyinInitials, type CatalogueImportOutcome } from '../../electron/catalogue';
import { tempLedger } from '../ledger/helpers';
import { csv, row1301, zipOne } from './files';

let t: Awaited<ReturnType<typeof tempLedger>>;
let dir: string;
beforeEach(async () => {
  t = await tempLedger();
  dir = resolve(t.path, '..');
});
afterEach(() => t.close());

const DEMO = resolve(__dirname, '../../resources/demo/catalogue-demo.csv');
const count = (table: string) => t.sql.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function value(outcome: CatalogueImportOutcome) {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

describe('pinyinInitials', () => {
  it('takes the first letter of each character, Latin letters as they are', () => {
    expect(pinyinInitials('阿莫西林胶囊')).toBe('AMXLJN');
    expect(pinyinInitials('维生素C泡腾片（自费）')).toBe('WSSCPTPZF');
    expect(pinyinInitials('0.25g')).toBe('G');
  });
});

describe('importCatalogue', () => {
  it('imports the demo catalogue as one version and finds drugs by code, barcode and pinyin initials', async () => {
    const summary = value(await importCatalogue(t.ledger, DEMO, { effectiveDate: '2019-01-01' }));
    expect(summary).toMatchObject({ versionId: 1, effectiveOn: '2019-01-01', imported: 8, rejectedCount: 0, format: 'csv' });
    const store = t.ledger.catalogue;
    expect(await store.find('XA10BAA001B001', '2020-01-01')).toMatchObject({
      name: '二甲双胍缓释片',
      specification: '0.5g×30片',
      unit: '盒',
      price: '22.5',
      class: 'B',
      selfPayRatio: '0.1',
      priceCap: null,
      specificDrug: false,
      versionId: 1,
    });
    expect(await store.find('XA10BAA001B001', '2018-12-31')).toBeUndefined(); // before the catalogue's effective date
    expect((await store.search('6901234500067', '2020-01-01')).map((d) => d.code)).toEqual(['XL01XCA001B001']);
    expect((await store.search('qtzd', '2020-01-01')).map((d) => [d.name, d.specificDrug])).toEqual([['曲妥珠单抗注射液', true]]);
    expect((await store.search('A', '2020-01-01')).map((d) => d.name)).toEqual(['奥美拉唑肠溶胶囊', '阿莫西林胶囊']);
    expect(await store.search('NOSUCH', '2020-01-01')).toEqual([]);
    expect((await t.ledger.audit.list({ action: 'catalogue.import' }))[0]).toMatchObject({ subject: '1', detail: { imported: 8, format: 'csv' } });
  });

  it('keeps good rows and reports every bad one with its file line and reason', async () => {
    const file = write(
      'bad.csv',
      csv([
        'D1,好药,,盒,12.50,甲,,,,',
        ',无编码,,盒,1,甲,,,,',
        'D2,,,盒,1,甲,,,,',
        'D3,坏价,,盒,12.x,甲,,,,',
        'D4,坏类,,盒,1,丁,,,,',
        'D5,坏比例,,盒,1,乙,1.5,,,',
        'D1,重复,,盒,1,甲,,,,',
        'D6,百分比,,盒,8,乙,10%,,是,',
      ]),
    );
    const summary = value(await importCatalogue(t.ledger, file));
    expect(summary.imported).toBe(2);
    expect(summary.rejected.map((r) => [r.line, r.code])).toEqual([
      [3, 'catalogue-no-code'],
      [4, 'catalogue-no-name'],
      [5, 'catalogue-bad-value'],
      [6, 'catalogue-bad-value'],
      [7, 'catalogue-bad-value'],
      [8, 'catalogue-duplicate'],
    ]);
    expect(summary.rejected[5]!.reason).toBe('药品编码与第 2 行重复');
    expect(summary.effectiveOn).toBe('2021-03-15'); // the import day
    expect(await t.ledger.catalogue.find('D6', '2021-03-15')).toMatchObject({ selfPayRatio: '0.1', specificDrug: true });
  });

  it('keeps nothing when no row is good, or the header is missing', async () => {
    const none = await importCatalogue(t.ledger, write('none.csv', csv([',x,,,1,甲,,,,'])));
    expect(none).toMatchObject({ ok: false, error: { code: 'catalogue-nothing-valid', rejectedCount: 1 } });
    const headerless = await importCatalogue(t.ledger, write('h.csv', 'a,b\n1,2\n'));
    expect(headerless).toMatchObject({ ok: false, error: { code: 'catalogue-missing-columns' } });
    expect(count('catalogue_versions')).toBe(0);
    expect(count('catalogue_drugs')).toBe(0);
  });

  it('reads GBK CSV and XLSX', async () => {
    value(await importCatalogue(t.ledger, write('gbk.csv', iconv.encode(csv(['G1,板蓝根颗粒,,袋,10,丙,,,,']), 'gbk'))));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('目录');
    sheet.addRow(['药品编码', '药品名称', '单价', '类别', '条码']);
    sheet.addRow(['X1', '阿司匹林肠溶片', 15.5, '甲', '6901234599999']);
    const xlsx = join(dir, 'c.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const summary = value(await importCatalogue(t.ledger, xlsx, { effectiveDate: '2021-01-01' }));
    expect(summary.format).toBe('xlsx');
    expect(await t.ledger.catalogue.find('G1', '2021-03-15')).toMatchObject({ name: '板蓝根颗粒', initials: 'BLGKL', class: 'C' });
    expect((await t.ledger.catalogue.search('6901234599999', '2021-03-15'))[0]).toMatchObject({ code: 'X1', price: '15.5' });
  });

  it('reads the national 1301 file (ZIP of TAB rows): 甲乙 from column 92, 药监本位码 as barcode, invalid rows skipped', async () => {
    const text = [
      row1301({ code: 'XJ01CAA001E001', generic: '阿莫西林胶囊', standard: '86900001000011', spec: '0.25g', cls: '甲' }),
      row1301({ code: 'XA02BCA001E001', generic: '奥美拉唑肠溶胶囊', trade: '洛赛克', cls: '乙' }),
      row1301({ code: 'ZZ0001', generic: '某保健品', cls: '' }),
      row1301({ code: 'XOLD', generic: '停用药', valid: '0', cls: '甲' }),
      'XSHORT\t太短',
      row1301({ code: 'XBAD', generic: '坏类', cls: '丁类' }),
    ].join('\r\n');
    const file = write('plc.zip', zipOne('xyzml_1301.txt', Buffer.from(text, 'utf8')));
    const summary = value(await importCatalogue(t.ledger, file, { effectiveDate: '2021-01-01', bRatio: '0.05' }));
    expect(summary).toMatchObject({ format: 'nhsa-1301', imported: 3, skipped: 1, rejectedCount: 2 });
    expect(summary.rejected.map((r) => [r.line, r.code])).toEqual([
      [5, 'catalogue-bad-row'],
      [6, 'catalogue-bad-value'],
    ]);
    const store = t.ledger.catalogue;
    expect(await store.find('XJ01CAA001E001', '2021-01-01')).toMatchObject({ class: 'A', barcode: '86900001000011', price: null, specification: '0.25g' });
    expect(await store.find('XA02BCA001E001', '2021-01-01')).toMatchObject({ class: 'B', selfPayRatio: '0.05', name: '奥美拉唑肠溶胶囊' });
    expect(await store.find('ZZ0001', '2021-01-01')).toMatchObject({ class: 'C' });
    expect(await store.find('XOLD', '2021-01-01')).toBeUndefined();

    // The unzipped text works too; a shop's price list dated later fills the price, keeps the national class.
    value(await importCatalogue(t.ledger, write('plc.txt', text), { effectiveDate: '2021-01-01' }));
    value(
      await importCatalogue(
        t.ledger,
        write('prices.csv', 'CODE_PLACEHOLDER'.replace('CODE_PLACEHOLDER', '药品编码,药品名称,单价,条码\nXJ01CAA001E001,阿莫西林胶囊,33.33,6901234500043\n')),
        { effectiveDate: '2021-02-01' },
      ),
    );
    expect(await store.find('XJ01CAA001E001', '2021-02-01')).toMatchObject({ class: 'A', price: '33.33', barcode: '6901234500043', versionId: 3 });
    expect(await store.find('XJ01CAA001E001', '2021-01-31')).toMatchObject({ price: null, versionId: 2 });
    expect((await store.versions()).map((v) => [v.id, v.format, v.effectiveOn])).toEqual([
      [3, 'csv', '2021-02-01'],
      [2, 'nhsa-1301', '2021-01-01'],
      [1, 'nhsa-1301', '2021-01-01'],
    ]);
  });

  it('refuses a bad effective date or ratio without reading the file', async () => {
    expect(await importCatalogue(t.ledger, DEMO, { effectiveDate: '2021-13-01' })).toMatchObject({ ok: false, error: { code: 'catalogue-bad-date' } });
    expect(await importCatalogue(t.ledger, DEMO, { bRatio: 'x' })).toMatchObject({ ok: false, error: { code: 'catalogue-bad-ratio' } });
  });
});

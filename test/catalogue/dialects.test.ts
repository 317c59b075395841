import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCatalogue } from '../../electron/catalogue';
import { tempLedger } from '../ledger/helpers';

const DEMO = resolve(__dirname, '../../resources/demo/catalogue-demo.csv');

/** The catalogue's SQL is the ledger's own: the same answers on SQLite and on the PostgreSQL server. */
describe.each(['sqlite', 'postgres'] as const)('catalogue store on %s', (dialect) => {
  it('imports, refuses repeated codes without ending the transaction, and answers look-ups by date', async () => {
    const t = await tempLedger({ dialect });
    const dir = mkdtempSync(join(tmpdir(), 'onebill-catalogue-'));
    try {
      const first = await importCatalogue(t.ledger, DEMO, { effectiveDate: '2019-01-01' });
      expect(first).toMatchObject({ ok: true, value: { versionId: 1, imported: 8 } });
      const store = t.ledger.catalogue;
      expect(await store.find('XL01XCA001B001', '2020-03-03')).toMatchObject({ price: '500', class: 'A', specificDrug: true, versionId: 1 });
      expect((await store.search('qtzd', '2020-03-03')).map((d) => d.code)).toEqual(['XL01XCA001B001']);
      expect((await store.search('6901234500029', '2020-03-03')).map((d) => d.code)).toEqual(['XA10BAA001B001']);
      expect(await store.versionInEffect('2018-12-31')).toBeUndefined();
      expect(await store.versionInEffect('2019-01-01')).toMatchObject({ id: 1, rowCount: 8, format: 'csv' });
      expect(await t.ledger.catalogue.saleLines('none')).toEqual([]);

      const file = join(dir, 'repeat.csv');
      writeFileSync(file, '药品编码,药品名称,单价,类别\nR1,甲药,1,甲\nR1,又是甲药,2,甲\nR2,乙药,3,乙\n');
      const second = await importCatalogue(t.ledger, file, { effectiveDate: '2020-01-01' });
      expect(second).toMatchObject({ ok: true, value: { versionId: 2, imported: 2, rejectedCount: 1, rejected: [{ line: 3, code: 'catalogue-duplicate' }] } });
      expect(await store.find('R1', '2020-01-01')).toMatchObject({ name: '甲药', price: '1' });
      expect(await store.find('R2', '2020-01-01')).toMatchObject({ class: 'B', selfPayRatio: null });
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../shared/engine/schema';
import { identityMapperFromLibrary, importRoster, type RosterImportOutcome, type RosterImportProgress } from '../../electron/roster';
import { loadPolicyLibrary } from '../../electron/policy';
import { tempLedger } from '../ledger/helpers';
import { csv, validCertno } from '../../tools/fixtures';

let t: Awaited<ReturnType<typeof tempLedger>>;
let dir: string;
beforeEach(async () => {
  t = await tempLedger();
  dir = resolve(t.path, '..');
});
afterEach(async () => t.close());

const DEMO = resolve(__dirname, '../../resources/demo/roster-demo.csv');
const count = (table: string) => t.sql.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function value(outcome: RosterImportOutcome) {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

describe('importRoster', () => {
  it('imports the demo roster (UTF-8 with BOM) as one version and answers lookups', async () => {
    const progress: RosterImportProgress[] = [];
    const summary = value(await importRoster(t.ledger, DEMO, { rosterDate: '2021-03', onProgress: (p) => progress.push(p) }));
    expect(summary).toMatchObject({ versionId: 1, imported: 13, rejected: [], rejectedCount: 0, format: 'csv' });
    const size = statSync(DEMO).size;
    expect(progress.at(-1)).toEqual({ rowsRead: 13, imported: 13, rejected: 0, bytesRead: size, totalBytes: size });
    expect(await t.ledger.rosterVersions()).toEqual([
      {
        id: 1,
        importedAt: expect.stringMatching(/^2021-03-15T09:00/),
        importedOn: '2021-03-15',
        rosterDate: '2021-03',
        effectiveOn: '2021-03-01',
        sourceName: 'roster-demo.csv',
        region: null,
        rowCount: 13,
        rejectedCount: 0,
        operatorId: null,
      },
    ]);
    const chen = await t.ledger.rosterLookup.findByCertno('440703195807120022', '2020-06-01');
    expect(chen).toBeUndefined(); // imported 2021-03-15: unknown to this terminal in 2020
    const chenNow = (await t.ledger.rosterLookup.findByCertno('440703195807120022', '2021-03-15'))!;
    expect(chenNow).toMatchObject({ name: '陈秀兰', regionCode: 'CN-GD-JM', certificate: 'JM2019000123', identitiesInForce: [], absentFrom: null });
    expect(chenNow.identities).toEqual([
      { identity: 'precision-target', raw: '精准扶贫重点帮扶对象', beginDate: '2019-01-01', endDate: '2020-12-31', inForce: false, line: 2 },
    ]);
    const wu = (await t.ledger.rosterLookup.findByCertno('520102197810090063', '2021-07-01'))!;
    expect(wu.identitiesInForce).toEqual(['subsistence', 'sudden-hardship']);
    expect((await t.ledger.rosterLookup.findByCertno('520102197810090063', '2021-03-15'))!.identitiesInForce).toEqual(['subsistence']);
    expect(await t.ledger.rosterLookup.findByCertno('520102198002020010', '2021-03-15')).toBeUndefined(); // 赵志强: ordinary resident
    expect((await t.ledger.audit.list({ action: 'roster.import' }))[0]).toMatchObject({ subject: '1', detail: { imported: 13, rejected: 0, format: 'csv' } });
    expect(await t.ledger.verifyAuditChain()).toMatchObject({ ok: true });
  });

  it('keeps good rows and reports every bad one with its line and reason', async () => {
    const good = validCertno(1);
    const path = write(
      'bad.csv',
      csv([
        `甲,${good},低保对象,2021-01-01,2021-12-31,CN-GZ,`,
        `乙,${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'},低保对象,2021-01-01,,CN-GZ,`,
        `丙,${validCertno(2)},富裕户,2021-01-01,,CN-GZ,`,
        `丁,${validCertno(3)},特困人员,2021-06-01,2021-05-31,CN-GZ,`,
        `甲,${good},subsistence,2021-02-01,,CN-GZ,`,
        `戊,${validCertno(4)},特困人员,2021-02-30,,CN-GZ,`,
        `己,${validCertno(5)},特困人员,2021-01-01,明年,CN-GZ,`,
        `,${validCertno(6)},特困人员,2021-01-01,,CN-GZ,`,
        `庚,${validCertno(7)},特困人员,2021-01-01,,,`,
        `辛,12345,特困人员,2021-01-01,,CN-GZ,`,
        '',
        `甲,${good},extreme-poverty,2021/1/1,,CN-GZ,`,
        `壬,="${validCertno(8)}",特困供养人员,20210101,2021年12月31日,CN-GZ,`,
      ]),
    );
    const summary = value(await importRoster(t.ledger, path));
    expect(summary.imported).toBe(3);
    expect(summary.rejected).toEqual([
      { line: 3, code: 'certno-check-digit', reason: `证件号码“${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}”：身份证号码校验位不正确，请核对后重新输入` },
      { line: 4, code: 'roster-identity-unknown', reason: '身份类别无法识别：富裕户' },
      { line: 5, code: 'roster-end-before-start', reason: '结束日期 2021-05-31 早于开始日期 2021-06-01' },
      { line: 6, code: 'roster-duplicate', reason: '与第 2 行重复（同一证件号码、同一身份类别）' },
      { line: 7, code: 'roster-bad-date', reason: '开始日期格式错误：2021-02-30（应为 YYYY-MM-DD）' },
      { line: 8, code: 'roster-bad-date', reason: '结束日期格式错误：明年（应为 YYYY-MM-DD，长期有效可留空）' },
      { line: 9, code: 'roster-name-missing', reason: '姓名为空' },
      { line: 10, code: 'roster-region-missing', reason: '统筹区划为空' },
      { line: 11, code: 'certno-format', reason: '证件号码“12345”：身份证号码应为18位，前17位为数字，最后一位为数字或X' },
    ]);
    expect(summary.rejectedCount).toBe(9);
    expect((await t.ledger.rosterLookup.findByCertno(validCertno(8), '2021-03-15'))!.identities).toEqual([
      { identity: 'extreme-poverty', raw: '特困供养人员', beginDate: '2021-01-01', endDate: '2021-12-31', inForce: true, line: 14 },
    ]);
    const person = (await t.ledger.rosterLookup.findByCertno(good, '2021-03-15'))!;
    expect(person.identities.map((i) => [i.identity, i.beginDate, i.endDate, i.line])).toEqual([
      ['subsistence', '2021-01-01', '2021-12-31', 2],
      ['extreme-poverty', '2021-01-01', null, 13],
    ]);
  });

  it('maps regional identity codes through the function it is given, with the row’s own 统筹区划 (the roster region when empty)', async () => {
    const seen: Array<[string, string, string | undefined]> = [];
    const mapIdentityCode = (region: string, code: string, fallbackRegion?: string): Identity | undefined => {
      seen.push([region, code, fallbackRegion]);
      return region === 'CN-GD-JM' && code === '7131' ? 'extreme-poverty' : undefined;
    };
    const path = write('codes.csv', csv([`甲,${validCertno(1, '440703')},7131,2020-01-01,,,`, `乙,${validCertno(2, '440703')},9999,2020-01-01,,440703,`]));
    const summary = value(await importRoster(t.ledger, path, { region: 'CN-GD-JM', mapIdentityCode }));
    expect(summary.imported).toBe(1);
    expect(summary.rejected).toEqual([{ line: 3, code: 'roster-identity-unknown', reason: '身份类别无法识别：9999' }]);
    expect(seen).toEqual([
      ['CN-GD-JM', '7131', 'CN-GD-JM'],
      ['440703', '9999', 'CN-GD-JM'],
    ]);
    expect(await t.ledger.rosterLookup.findByCertno(validCertno(1, '440703'), '2021-03-15')).toMatchObject({
      regionCode: 'CN-GD-JM',
      identities: [{ identity: 'extreme-poverty', raw: '7131' }],
      version: { region: 'CN-GD-JM' },
    });
  });

  it('maps codes through the policy library by region id or by a 统筹区划 code inside the region', async () => {
    const mapIdentityCode = identityMapperFromLibrary(loadPolicyLibrary());
    expect([mapIdentityCode('CN-GD-JM', '7131'), mapIdentityCode('440703', '7131'), mapIdentityCode('CN-XX', '7131'), mapIdentityCode('440703', 'nope')]).toEqual([
      'extreme-poverty',
      'extreme-poverty',
      undefined,
      undefined,
    ]);
    const path = write('jm.csv', csv([`甲,${validCertno(1, '440703')},7131,2020-01-01,,440703,`]));
    expect(value(await importRoster(t.ledger, path, { mapIdentityCode })).imported).toBe(1);
  });

  it('reads each row’s codes with its own area’s table, not the importing region’s', async () => {
    // 7401 is Jiangmen's own code (精准扶贫重点帮扶对象); Guizhou's file has no such code.
    const mapIdentityCode = identityMapperFromLibrary(loadPolicyLibrary());
    const rows = [
      `甲,${validCertno(1, '440703')},7401,2020-01-01,,440703,JM2020000001`, // a Jiangmen person on Guizhou's list: Jiangmen's table
      `乙,${validCertno(2, '520102')},7401,2021-01-01,,520102,`, // a Guizhou person: Guizhou's table, no 7401
      `丙,${validCertno(3, '520102')},7401,2021-01-01,,,`, // no 统筹区划: the list's region
      `丁,${validCertno(4, '990102')},7301,2021-01-01,,990102,`, // an area no policy file covers: the list's region (national 7301)
    ];
    const gz = value(await importRoster(t.ledger, write('gz.csv', csv(rows)), { region: 'CN-GZ', mapIdentityCode }));
    expect(gz.rejected).toEqual([
      { line: 3, code: 'roster-identity-unknown', reason: '身份类别无法识别：7401' },
      { line: 4, code: 'roster-identity-unknown', reason: '身份类别无法识别：7401' },
    ]);
    expect((await t.ledger.rosterLookup.findByCertno(validCertno(1, '440703'), '2021-03-15'))!.identities).toMatchObject([{ identity: 'precision-target', raw: '7401' }]);
    expect((await t.ledger.rosterLookup.findByCertno(validCertno(4, '990102'), '2021-03-15'))!.identities).toMatchObject([{ identity: 'registered-poor', raw: '7301' }]);

    // The same Guizhou row on Jiangmen's list is still read with Guizhou's table; Jiangmen's own row with Jiangmen's.
    // 精准扶贫对象 is Jiangmen's short form (its policy file), not a national label.
    const jmRows = [rows[1]!, `戊,${validCertno(5, '440703')},7401,2020-01-01,,440703,`, `己,${validCertno(6, '440703')},精准扶贫对象,2020-01-01,,440703,`];
    const jm = value(await importRoster(t.ledger, write('jm.csv', csv(jmRows)), { region: 'CN-GD-JM', mapIdentityCode }));
    expect(jm.rejected).toEqual([{ line: 2, code: 'roster-identity-unknown', reason: '身份类别无法识别：7401' }]);
    expect(jm.imported).toBe(2);
    expect((await t.ledger.rosterLookup.findByCertno(validCertno(6, '440703'), '2021-03-15'))!.identities).toMatchObject([{ identity: 'precision-target' }]);
  });

  it('rejects a line whose quotes do not close and keeps the lines after it', async () => {
    const open = `"甲,${validCertno(1)},低保对象,2021-01-01,,CN-GZ,`;
    const path = write('quotes.csv', csv([open, `乙,${validCertno(2)},低保对象,2021-01-01,,CN-GZ,`]));
    const summary = value(await importRoster(t.ledger, path));
    expect(summary.imported).toBe(1);
    expect(summary.rejected).toEqual([{ line: 2, code: 'roster-bad-line', reason: `引号不成对：${open.slice(0, 40)}` }]);
  });

  it('reads a GBK file', async () => {
    const path = write(
      'gbk.csv',
      iconv.encode(
        csv([`陈秀兰,440703195807120022,精准扶贫重点帮扶对象,2019-01-01,2020-12-31,CN-GD-JM,JM2019000123`, `王建国,520102196503150017,低保对象,2021-01-01,,CN-GZ,`]),
        'gbk',
      ),
    );
    expect(value(await importRoster(t.ledger, path)).imported).toBe(2);
    expect(await t.ledger.rosterLookup.findByCertno('440703195807120022', '2021-03-15')).toMatchObject({ name: '陈秀兰', identities: [{ raw: '精准扶贫重点帮扶对象' }] });
    expect((await t.ledger.rosterLookup.findByCertno('520102196503150017', '2021-03-15'))?.name).toBe('王建国');
  });

  it('reads an XLSX file with a title row, date cells and text cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['2021年3月 困难群众名单']);
    sheet.addRow(['姓名', '证件号码', '身份类别', '开始日期', '结束日期', '统筹区划', '就医证号']);
    sheet.addRow(['杨光英', '522627197209080047', '特困人员', new Date(Date.UTC(2021, 0, 1)), null, 'CN-GZ', null]);
    sheet.addRow(['陈秀兰', '440703195807120022', 'precision-target', '2019-01-01', new Date(Date.UTC(2020, 11, 31)), 'CN-GD-JM', 'JM2019000123']);
    sheet.addRow(['坏行', '440703195807120023', '低保对象', '2019-01-01', null, 'CN-GD-JM', null]);
    sheet.getColumn(4).numFmt = 'yyyy-mm-dd';
    sheet.getColumn(5).numFmt = 'yyyy-mm-dd';
    const path = join(dir, 'roster.xlsx');
    await workbook.xlsx.writeFile(path);

    const progress: RosterImportProgress[] = [];
    const summary = value(await importRoster(t.ledger, path, { onProgress: (p) => progress.push(p) }));
    expect(summary).toMatchObject({ imported: 2, format: 'xlsx', rejected: [{ line: 5, code: 'certno-check-digit' }] });
    const size = statSync(path).size;
    expect(progress.at(-1)).toEqual({ rowsRead: 3, imported: 2, rejected: 1, bytesRead: size, totalBytes: size });
    expect((await t.ledger.rosterLookup.findByCertno('522627197209080047', '2021-03-15'))!.identities).toEqual([
      { identity: 'extreme-poverty', raw: '特困人员', beginDate: '2021-01-01', endDate: null, inForce: true, line: 3 },
    ]);
    expect(await t.ledger.rosterLookup.findByCertno('440703195807120022', '2021-03-15')).toMatchObject({
      certificate: 'JM2019000123',
      identities: [{ beginDate: '2019-01-01', endDate: '2020-12-31' }],
    });
  });

  describe('which roster answers for a date: the one in effect then (its roster date, else its import day)', () => {
    const wang = '520102196503150017';
    const yang = '522627197209080047';
    const ask = async (certno: string, date: string) => {
      const a = await t.ledger.rosterLookup.findByCertno(certno, date);
      return a && { version: a.version.rosterDate, inForce: a.identitiesInForce, absentFrom: a.absentFrom?.rosterDate ?? null };
    };
    /** `day` is [year, month (1-12), day], local time. */
    const importOn = async (day: [number, number, number], name: string, rows: string[], rosterDate?: string) => {
      t.clock.set(...day);
      return value(await importRoster(t.ledger, write(name, csv(rows)), rosterDate ? { rosterDate } : {}));
    };

    it('a month roster answers from the first of its month, whenever it was imported; next month’s list imported early never answers this month', async () => {
      await importOn([2021, 1, 20], 'jan.csv', [`王建国,${wang},低保对象,2021-01-01,,CN-GZ,`, `杨光英,${yang},特困人员,2021-01-01,,CN-GZ,`], '2021-01');
      // February's list arrives on 20 January (bureau.md §4: by the 20th for the next month).
      await importOn([2021, 1, 20], 'feb.csv', [`王建国,${wang},特困人员,2021-02-01,,CN-GZ,`], '2021-02');
      t.clock.set(2021, 2, 20);

      expect(await ask(wang, '2020-12-31')).toBeUndefined();
      expect(await ask(wang, '2021-01-02')).toEqual({ version: '2021-01', inForce: ['subsistence'], absentFrom: null });
      expect(await ask(wang, '2021-01-31')).toEqual({ version: '2021-01', inForce: ['subsistence'], absentFrom: null });
      expect(await ask(wang, '2021-02-01')).toEqual({ version: '2021-02', inForce: ['extreme-poverty'], absentFrom: null });
      expect(await ask(yang, '2021-01-31')).toEqual({ version: '2021-01', inForce: ['extreme-poverty'], absentFrom: null });
      expect(await ask(yang, '2021-02-01')).toEqual({ version: '2021-01', inForce: ['extreme-poverty'], absentFrom: '2021-02' });
      expect((await t.ledger.rosterVersions()).map((v) => [v.rosterDate, v.effectiveOn, v.importedOn])).toEqual([
        ['2021-02', '2021-02-01', '2021-01-20'],
        ['2021-01', '2021-01-01', '2021-01-20'],
      ]);
      expect([(await t.ledger.rosterLookup.versionInEffect('2021-01-31'))?.rosterDate, await t.ledger.rosterLookup.versionInEffect('2020-12-31')]).toEqual([
        '2021-01',
        undefined,
      ]);
    });

    it('a roster imported today for an earlier day answers from that day on; without a roster date, from the import day', async () => {
      await importOn([2021, 3, 15], 'late.csv', [`王建国,${wang},低保对象,2021-01-01,,CN-GZ,`], '2021-03-05');
      await importOn([2021, 3, 15], 'plain.csv', [`杨光英,${yang},特困人员,2021-01-01,,CN-GZ,`]);
      expect([await ask(wang, '2021-03-04'), (await ask(wang, '2021-03-05'))?.version]).toEqual([undefined, '2021-03-05']);
      expect([await ask(yang, '2021-03-14'), (await ask(yang, '2021-03-15'))?.version]).toEqual([undefined, '2021-03-15']);
    });

    it('the same effective date: the later import answers', async () => {
      await importOn([2021, 1, 20], 'a.csv', [`王建国,${wang},低保对象,2021-01-01,,CN-GZ,`], '2021-02');
      await importOn([2021, 1, 25], 'b.csv', [`王建国,${wang},特困人员,2021-01-01,,CN-GZ,`], '2021-02-01');
      expect(await ask(wang, '2021-02-03')).toEqual({ version: '2021-02-01', inForce: ['extreme-poverty'], absentFrom: null });
    });

    it.each(['2021-13', '2021-02-30', '202102', '2021-2', 'March'])('refuses the roster date %s and imports nothing', async (rosterDate) => {
      const outcome = await importRoster(t.ledger, write('x.csv', csv([`王建国,${wang},低保对象,2021-01-01,,CN-GZ,`])), { rosterDate });
      expect(outcome).toEqual({ ok: false, error: { code: 'roster-bad-date', message: `名单日期格式应为 YYYY-MM（名单所属月份）或 YYYY-MM-DD：${rosterDate}` } });
      expect(count('roster_versions')).toBe(0);
    });
  });

  describe('never half-imports', () => {
    const bigFile = () => write('big.csv', csv(Array.from({ length: 6000 }, (_, i) => `人员${i},${validCertno(i)},低保对象,2021-01-01,,CN-GZ,`)));

    it('a failure in the middle of the inserts leaves no version and no people', async () => {
      t.sql.exec(`CREATE TRIGGER fail_mid BEFORE INSERT ON roster_persons WHEN NEW.line = 4000 BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      const outcome = await importRoster(t.ledger, bigFile());
      expect(outcome.ok ? 'imported' : [outcome.error.code, outcome.error.message]).toEqual(['roster-import-failed', '名单导入失败，未导入任何数据：disk full']);
      expect([count('roster_versions'), count('roster_persons')]).toEqual([0, 0]);
      expect(await t.ledger.audit.list({ action: 'roster.import' })).toEqual([]);
    });

    it('a caller stopping it after the first batch leaves nothing', async () => {
      const progress: number[] = [];
      const outcome = await importRoster(t.ledger, bigFile(), {
        onProgress: (p) => {
          progress.push(p.imported);
          throw new Error('window closed');
        },
      });
      expect(outcome.ok ? 'imported' : outcome.error.code).toBe('roster-import-failed');
      expect(progress).toHaveLength(1);
      expect(progress[0]).toBeGreaterThan(0);
      expect(progress[0]).toBeLessThan(6000);
      expect([count('roster_versions'), count('roster_persons')]).toEqual([0, 0]);
    });

    it('a cancelled import leaves nothing, and the ledger takes the next import normally', async () => {
      const controller = new AbortController();
      const outcome = await importRoster(t.ledger, bigFile(), { onProgress: () => controller.abort(), signal: controller.signal });
      expect(outcome.ok ? 'imported' : outcome.error.code).toBe('roster-import-cancelled');
      expect([count('roster_versions'), count('roster_persons')]).toEqual([0, 0]);
      expect(value(await importRoster(t.ledger, bigFile()))).toMatchObject({ versionId: 1, imported: 6000 });
    });
  });

  it.each([
    [
      'a file without the required columns',
      csv(['张三,520102196503150017'], '姓名,证件号码'),
      'roster-missing-columns',
      '名单缺少列：身份类别、开始日期、结束日期、统筹区划',
    ],
    ['a file with no header at all', 'a,b\n1,2\n', 'roster-missing-columns', '名单为空或找不到表头'],
    ['a file whose every row is bad', csv(['张三,520102196503150018,低保对象,2021-01-01,,CN-GZ,']), 'roster-nothing-valid', '名单中没有一行合格（1 行有误），未导入'],
  ])('refuses %s', async (_label, content, code, message) => {
    const outcome = await importRoster(t.ledger, write('x.csv', content));
    expect(outcome.ok ? 'imported' : [outcome.error.code, outcome.error.message]).toEqual([code, message]);
    expect(count('roster_versions')).toBe(0);
  });

  it('refuses an old binary .xls and lists only so many bad rows', async () => {
    const xls = await importRoster(t.ledger, write('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])));
    expect(xls.ok ? 'imported' : xls.error.code).toBe('roster-unsupported-format');
    const rows = [`好,${validCertno(1)},低保对象,2021-01-01,,CN-GZ,`, ...Array.from({ length: 30 }, (_, i) => `坏${i},${validCertno(i + 2)},未知,2021-01-01,,CN-GZ,`)];
    const summary = value(await importRoster(t.ledger, write('many-bad.csv', csv(rows)), { maxRejectedListed: 5 }));
    expect([summary.imported, summary.rejected.length, summary.rejectedCount]).toEqual([1, 5, 30]);
  });
});

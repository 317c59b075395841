/**
 * 9101/9102 and 3202 through the real transport: the ZIP round trip, a file fetched back as bytes
 * (application/octet-stream), and the simulator refusing a detail file that does not add up, an
 * archive that is not a ZIP and a file number it never issued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileDetailOutputSchema } from '../../electron/bureau/schemas';
import { detailFileText, parseResultFile, type DetailLine } from '../../electron/bureau/detail-file';
import { unzipFirst, zipOne } from '../../electron/bureau/zip';
import { startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const line = (setlId: string, medfee: string): DetailLine => ({
  setlId,
  mdtrtId: setlId,
  psnNo: 'P1',
  medfeeSumamt: medfee,
  fundPaySumamt: '0.00',
  acctPay: '0.00',
  refdSetlFlag: '0',
});
const header = {
  setl_optins: '520100',
  stmt_begndate: '2024-03-10',
  stmt_enddate: '2024-03-10',
  fund_pay_sumamt: '0.00',
  cash_payamt: '0.00',
  refd_setl_flag: '1',
  clr_type: '11',
};

describe('files and 3202', () => {
  it('zips and unzips one file, and refuses damaged bytes', () => {
    const text = Buffer.from('中文\t1\n'.repeat(200), 'utf8');
    const zip = zipOne('detail.txt', text);
    expect(zip.length).toBeLessThan(text.length);
    expect(unzipFirst(zip)).toEqual({ name: 'detail.txt', content: text });
    const damaged = Buffer.from(zip);
    damaged[40] = damaged[40]! ^ 0xff;
    expect(unzipFirst(damaged)).toBeNull();
    expect(unzipFirst(Buffer.from('not a zip'))).toBeNull();
  });

  it('9101 stores a file the hospital fetches back with 9102 as the same bytes', async () => {
    const c = h.client();
    const bytes = zipOne('x.txt', Buffer.from('hello'));
    const up = await c.uploadFile('x.zip', bytes);
    expect(up.ok && up.value.output).toMatchObject({
      file_qury_no: expect.stringMatching(/^FQ\d{22}$/),
      filename: 'x.zip',
      dld_endtime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
    const no = up.ok ? up.value.output.file_qury_no : '';
    const down = await c.downloadFile(no, 'x.zip');
    expect(down.ok && down.value.equals(bytes)).toBe(true);
    const unknown = await c.downloadFile('FQ00000000000000000000000', 'x.zip');
    expect(!unknown.ok && unknown.error).toMatchObject({ code: 'bureau-rejected', message: '未找到文件查询号 FQ00000000000000000000000 对应的文件' });
  });

  it('3202 answers result.txt with a row per settlement either side has, and refuses a file that does not add up', async () => {
    const c = h.client();
    const rows = await c.reconcileDetail({ ...header, medfee_sumamt: '30.00', fixmedins_setl_cnt: '2' }, [line('OURS-1', '10.00'), line('OURS-2', '20.00')]);
    expect(rows.ok && rows.value.map((r) => [r.setlId, r.stmtRslt, r.medfeeSumamt, r.memo])).toEqual([
      ['OURS-1', '2', '10.00', '医药机构有此结算，中心无记录'],
      ['OURS-2', '2', '20.00', '医药机构有此结算，中心无记录'],
    ]);
    const miscounted = await c.reconcileDetail({ ...header, medfee_sumamt: '30.00', fixmedins_setl_cnt: '3' }, [line('OURS-1', '10.00'), line('OURS-2', '20.00')]);
    expect(!miscounted.ok && miscounted.error.message).toBe('明细文件有 2 笔，与 fixmedins_setl_cnt 3 不符');
    const missummed = await c.reconcileDetail({ ...header, medfee_sumamt: '31.00', fixmedins_setl_cnt: '2' }, [line('OURS-1', '10.00'), line('OURS-2', '20.00')]);
    expect(!missummed.ok && missummed.error.message).toBe('明细文件医疗费合计 30.00 与 medfee_sumamt 31.00 不符');
    // A plain text upload (not zipped) is refused by 3202.
    const plain = await c.uploadFile('plain.txt', Buffer.from(detailFileText([line('OURS-1', '10.00')])));
    const no = plain.ok ? plain.value.output.file_qury_no : '';
    const refused = await c.call('3202', { data: { ...header, file_qury_no: no, medfee_sumamt: '10.00', fixmedins_setl_cnt: '1' } }, reconcileDetailOutputSchema);
    expect(!refused.ok && refused.error.message).toBe(`文件 ${no} 不是有效的 ZIP 压缩文件`);
  });

  it('reads result.txt with the literal null for empty values', () => {
    expect(parseResultFile('P1\tM1\tS1\tnull\t1\t0\tnull\t1.00\t0.00\t0.00\n')).toEqual([
      {
        psnNo: 'P1',
        mdtrtId: 'M1',
        setlId: 'S1',
        msgid: null,
        stmtRslt: '1',
        refdSetlFlag: '0',
        memo: null,
        medfeeSumamt: '1.00',
        fundPaySumamt: '0.00',
        acctPay: '0.00',
      },
    ]);
  });
});

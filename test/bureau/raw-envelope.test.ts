/**
 * The simulator spoken to as an independent client would: raw envelopes over fetch, amounts as
 * bare JSON numbers, the same msgid re-sent, a record re-sent in a new message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonKeepingNumbers } from '../../electron/bureau/exact-json';
import { ZERO_YTD_FOR_TESTS, settledList, startHarness, type Harness } from './helpers';

let h: Harness;
let seq = 0;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const HOSP = 'H22010200009';
function envelope(infno: string, input: unknown, extra: Record<string, string> = {}) {
  return {
    infno,
    msgid: `${HOSP}20240601120000${String(++seq).padStart(4, '0')}`,
    mdtrtarea_admvs: '220100',
    insuplc_admdvs: '',
    recer_sys_code: 'YBXT',
    dev_no: '',
    dev_safe_info: '',
    cainfo: '',
    signtype: '',
    infver: 'V1.0',
    opter_type: '1',
    opter: 'X01',
    opter_name: '独立客户端',
    inf_time: '2024-06-01 12:00:00',
    fixmedins_code: HOSP,
    fixmedins_name: '长春测试医院',
    sign_no: '',
    input,
    ...extra,
  };
}
async function post(body: string): Promise<Record<string, any>> {
  const res = await fetch(h.sim.url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body });
  expect(res.status).toBe(200);
  return parseJsonKeepingNumbers(await res.text()) as Record<string, any>;
}

describe('raw envelopes', () => {
  it('9001, then 1101/5206 with the sign_no; amounts come back as bare numbers', async () => {
    const noSign = await post(JSON.stringify(envelope('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '220102195506200029' } })));
    expect(noSign).toMatchObject({ infcode: '-1', err_msg: '签到流水号 sign_no 无效，请先签到（9001）' });

    const signIn = await post(JSON.stringify(envelope('9001', { signIn: { opter_no: 'X01', mac: '00-00', ip: '127.0.0.1' } })));
    expect(signIn.infcode).toBe('0');
    const signNo = signIn.output.signinoutb.sign_no as string;
    expect(signIn.inf_refmsgid).toMatch(/^220100\d{24}$/);

    const person = await post(
      JSON.stringify(envelope('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '220102195506200029', certno: '220102195506200029' } }, { sign_no: signNo })),
    );
    expect(person.output.baseinfo).toMatchObject({ psn_no: '22010000000000000005', psn_name: '刘玉珍' });
    expect(person.output.idetinfo).toEqual([{ psn_idet_type: '2302', psn_type_lv: null, memo: '', begntime: '2016-01-01 00:00:00', endtime: '2020-12-31 23:59:59' }]);

    const missingRegion = await post(JSON.stringify(envelope('5206', { data: { psn_no: '22010000000000000005', cum_ym: '202006' } }, { sign_no: signNo })));
    expect(missingRegion.err_msg).toBe('输入含人员编号 psn_no 时，参保地医保区划 insuplc_admdvs 必填');
    const cumText = await (
      await fetch(h.sim.url, {
        method: 'POST',
        body: JSON.stringify(envelope('5206', { data: { psn_no: '22010000000000000005', cum_ym: '202006' } }, { sign_no: signNo, insuplc_admdvs: '220100' })),
      })
    ).text();
    expect(cumText).toContain('"cum_type_code":"D390101","cum":0.00');
  });

  it('4101 with numeric amounts, the same msgid re-sent and the list re-sent: stored once; 3201 balances', async () => {
    const signNo = (await post(JSON.stringify(envelope('9001', { signIn: { opter_no: 'X01' } })))).output.signinoutb.sign_no as string;
    // 刘玉珍 (Jilin, registered poor until 2020): a 2024 outpatient bill no year-to-date changes.
    const liu = { psnNo: '22010000000000000005', certno: '220102195506200029', name: '刘玉珍' };
    const bill = {
      policy: 'CN-JL',
      date: '2024-06-01',
      visit: 'outpatient' as const,
      hospital: { level: 1 as const, referral: 'local' as const },
      person: { insurance: 'resident', identities: [] },
      lines: [{ code: 'A1', name: '诊疗', class: 'A' as const, price: '200', qty: '1' }],
    };
    const { list, amounts } = await settledList(ZERO_YTD_FOR_TESTS, 'RAW-0001', bill, liu);
    const input = { ...list, setlinfo: { ...list.setlinfo, fixmedins_code: HOSP, fixmedins_name: '长春测试医院' } };
    // Amounts as bare numbers, written digit for digit.
    const body = JSON.stringify(envelope('4101', input, { sign_no: signNo })).replace(/"(-?\d+\.\d{2})"/g, '$1');
    expect(body).toContain(`"psn_cashpay":${amounts.patientCash}`);
    const before = (await h.stats()).settlements;
    const first = await post(body);
    const sameMessage = await post(body);
    const newMessage = await post(JSON.stringify(envelope('4101', input, { sign_no: signNo })));
    expect(first).toMatchObject({ infcode: '0', err_msg: null, output: { data: { setl_list_id: expect.stringMatching(/^220100\d{24}$/) } } });
    for (const again of [sameMessage, newMessage]) expect(again.output).toEqual(first.output);
    expect((await h.stats()).settlements).toBe(before + 1);

    const fund = String(Number(amounts.basic) + Number(amounts.catastrophic) + Number(amounts.assistance));
    const recon = await post(
      JSON.stringify(
        envelope(
          '3201',
          {
            data: {
              insutype: '390',
              clr_type: '11',
              setl_optins: '220100',
              stmt_begndate: '2024-06-01',
              stmt_enddate: '2024-06-30',
              medfee_sumamt: 200,
              fund_pay_sumamt: fund,
              acct_pay: 0,
              fixmedins_setl_cnt: 1,
            },
          },
          { sign_no: signNo },
        ),
      ),
    );
    expect(recon.output.stmtinfo).toEqual({ setl_optins: '220100', stmt_rslt: '0', stmt_rslt_dscr: '对账平衡' });
  });

  it('answers bad envelopes with infcode -1 naming the problem', async () => {
    expect(await post('{"infno":')).toMatchObject({ infcode: '-1', err_msg: '报文不是有效的 JSON' });
    expect(await post(JSON.stringify({ ...envelope('9001', {}), msgid: 'short' }))).toMatchObject({ infcode: '-1', err_msg: '报文字段 msgid 长度应为 30' });
    expect(await post(JSON.stringify({ ...envelope('9001', {}), msgid: `H99999999999${'2'.repeat(18)}` }))).toMatchObject({
      err_msg: 'msgid 应为 定点医药机构编号 + yyyyMMddHHmmss + 4位序号',
    });
    const { opter_name: _name, ...noName } = envelope('9001', {});
    expect(await post(JSON.stringify(noName))).toMatchObject({ infcode: '-1', err_msg: '报文缺少必填字段 opter_name' });
    expect(await post(JSON.stringify({ ...envelope('9001', {}), opter: { code: 'X01' } }))).toMatchObject({ err_msg: '报文字段 opter 类型错误：应为字符型' });
    expect(await post(JSON.stringify({ ...envelope('9001', {}), recer_sys_code: 'YBXT-TOO-LONG' }))).toMatchObject({ err_msg: '报文字段 recer_sys_code 长度超过 10' });
    expect(await post(JSON.stringify({ ...envelope('9001', {}), opter_type: '7' }))).toMatchObject({
      err_msg: '经办人类别 opter_type 代码 7 无效（1 经办人，2 自助终端，3 移动终端）',
    });
    expect(await post(JSON.stringify({ ...envelope('9001', {}), inf_time: '2024/06/01 12:00' }))).toMatchObject({
      err_msg: '交易时间 inf_time 格式应为 yyyy-MM-dd HH:mm:ss',
    });
    expect(await post(JSON.stringify(envelope('2501', {})))).toMatchObject({ infcode: '-1', err_msg: '不支持的交易编号 2501' });
  });
});

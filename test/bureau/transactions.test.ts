import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BureauClient } from '../../electron/bureau/client';
import { uploadOutputSchema } from '../../electron/bureau/schemas';
import { CASHIER, HOSPITAL, WANG, settledRecord, startHarness, wangBill, type Harness } from './helpers';

let h: Harness;
let client: BureauClient;
beforeAll(async () => {
  h = await startHarness();
  client = h.client();
});
afterAll(() => h.close());

describe('sign-in and msgid', () => {
  it('signs in once per day and operator, and persists the msgid sequence', async () => {
    const day1 = new Date(2024, 2, 10, 9, 30, 5);
    const a = h.client({}, () => day1);
    const before = (await h.stats()).signIns;
    expect((await a.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno, certno: WANG.certno })).ok).toBe(true);
    expect((await a.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno })).ok).toBe(true);
    expect((await h.stats()).signIns).toBe(before + 1);
    // Another cashier signs in separately; the next day signs in again.
    expect((await a.asOperator({ code: 'C002', name: '王收费' }).signIn()).ok).toBe(true);
    expect((await h.stats()).signIns).toBe(before + 2);
    const day2 = new Date(2024, 2, 11, 8, 0, 0);
    const reply = await h.client({}, () => day2).personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno });
    expect((await h.stats()).signIns).toBe(before + 3);
    expect(reply.ok && reply.value.msgid.slice(0, 26)).toBe(`${HOSPITAL.hospitalCode}20240311080000`);

    // A reopened client continues the sequence rather than starting over.
    const first = reply.ok ? Number(reply.value.msgid.slice(26)) : NaN;
    a.close();
    const reopened = BureauClient.open({ url: h.sim.url, ...HOSPITAL, operator: CASHIER }, h.statePath, () => day2);
    const next = await reopened.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno });
    reopened.close();
    expect(next.ok && next.value.msgid).toBe(`${HOSPITAL.hospitalCode}20240311080000${String(first + 1).padStart(4, '0')}`);
  });
});

describe('1101 and 5206', () => {
  it('answers a demo person by ID card, social-security card and e-voucher', async () => {
    for (const query of [
      { mdtrt_cert_type: '02', mdtrt_cert_no: '440703195807120022', certno: '440703195807120022' },
      { mdtrt_cert_type: '03', mdtrt_cert_no: 'K44070012', card_sn: '' },
      { mdtrt_cert_type: '01', mdtrt_cert_no: 'EV440703195807120022' },
    ]) {
      const r = await client.personInfo(query);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value.output.baseinfo).toMatchObject({ psn_no: '44070000000000000001', certno: '440703195807120022', psn_name: '陈秀兰', brdy: '1958-07-12' });
      expect(r.value.output.insuinfo).toEqual([
        expect.objectContaining({ insutype: '390', psn_insu_stas: '1', insuplc_admdvs: '440700', balc: '0.00' }),
      ]);
      expect(r.value.output.idetinfo).toEqual([
        { psn_idet_type: '236004', memo: 'JM2019000123', begntime: '2019-01-01 00:00:00', endtime: '2020-12-31 23:59:59' },
      ]);
    }
  });

  it('finds 王建国 by the reader simulator’s card number', async () => {
    const r = await client.personInfo({ mdtrt_cert_type: '03', mdtrt_cert_no: 'K52010034' });
    expect(r.ok && r.value.output.baseinfo.psn_name).toBe('王建国');
  });

  it('passes an unknown person’s err_msg through verbatim', async () => {
    const r = await client.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: '110101199003070011' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'bureau-rejected', infcode: '-1', message: '未查询到参保人员信息（凭证类型 02，号码 110101199003070011）', attempts: 1 });
  });

  it('sums seeded and stored accumulators, reversals netting out', async () => {
    const cum = await client.accumulators(WANG.psnNo, '520100', '202403');
    expect(cum.ok && cum.value.output).toEqual({
      values: { basicPaid: '3000.00', catastrophicBase: '2500.00', catastrophicPaid: '0.00', assistancePaid: '700.00', personalPaid: '300.00' },
      unknown: [],
    });
    const report = await client.uploadSettlements([settledRecord('ACC-1'), settledRecord('ACC-2', wangBill(0, '2024-05-02'))]);
    expect(report.outcomes.map((o) => o.status)).toEqual(['stored', 'stored']);
    // ACC-1: basic 4480, copay1 200+6800-4480 = 2520, assistance 1764, cash 1056; ACC-2 is in May.
    const march = await client.accumulators(WANG.psnNo, '520100', '202403');
    expect(march.ok && march.value.output.values).toEqual({
      basicPaid: '7480.00',
      catastrophicBase: '5020.00',
      catastrophicPaid: '0.00',
      assistancePaid: '2464.00',
      personalPaid: '1356.00',
    });
    await client.uploadSettlements([settledRecord('ACC-1R', wangBill(), WANG, 'ACC-1')]);
    const after = await client.accumulators(WANG.psnNo, '520100', '202403');
    expect(after.ok && after.value.output.values.basicPaid).toBe('3000.00');
  });
});

describe('4101 upload', () => {
  it('stores a record once: a re-send is acknowledged with the same setl_id', async () => {
    const record = settledRecord('UP-1', wangBill(10));
    const first = await client.uploadSettlements([record]);
    const again = await client.uploadSettlements([record]);
    expect(first.outcomes[0]).toMatchObject({ medinsSetlId: 'UP-1', status: 'stored' });
    expect(again.outcomes[0]).toMatchObject({ medinsSetlId: 'UP-1', status: 'stored', setlId: first.outcomes[0]!.setlId, message: '重复上传：该结算已保存，未重复保存' });
  });

  it.each([
    ['hifp_pay', (r: Record<string, unknown>) => ({ ...r, hifp_pay: '4480.01' }), 'hifp_pay 与医保中心重算结果不符：上传 4480.01，重算 4480.00'],
    ['psn_cash_pay', (r: Record<string, unknown>) => ({ ...r, psn_cash_pay: '1055.99' }), 'psn_cash_pay 与医保中心重算结果不符：上传 1055.99，重算 1056.00'],
    ['setldetail', (r: Record<string, unknown>) => ({ ...r, setldetail: [] }), 'setldetail[390100].fund_payamt 与医保中心重算结果不符：上传 0.00，重算 4480.00'],
    ['med_type', (r: Record<string, unknown>) => ({ ...r, med_type: '11' }), 'med_type 与 bill 不符：上传 11，应为 21'],
  ])('rejects a record whose %s differs, naming the field', async (_field, alter, message) => {
    const id = `BAD-${_field}`;
    const report = await client.uploadSettlements([alter(settledRecord(id) as unknown as Record<string, unknown>) as never]);
    expect(report.outcomes).toEqual([{ medinsSetlId: id, status: 'rejected', setlId: undefined, message }]);
  });

  it('keeps per-record results in a mixed batch and refuses a changed re-send', async () => {
    const good = settledRecord('MIX-1', wangBill(20));
    const report = await client.uploadSettlements([
      good,
      { ...settledRecord('MIX-2'), psn_no: '99999999999999999999' },
      { ...settledRecord('MIX-3'), refd_setl_flag: '1', init_setl_id: 'NOPE' },
    ]);
    expect(report.outcomes.map((o) => [o.medinsSetlId, o.status, o.message])).toEqual([
      ['MIX-1', 'stored', undefined],
      ['MIX-2', 'rejected', '人员编号 99999999999999999999 不存在'],
      ['MIX-3', 'rejected', 'init_setl_id NOPE 不是本院已上传的结算'],
    ]);
    const changed = await client.uploadSettlements([settledRecord('MIX-1', wangBill(21))]);
    expect(changed.outcomes[0]).toMatchObject({ status: 'rejected', message: 'medins_setl_id MIX-1 已上传且内容不同，未覆盖原记录' });
  });

  it('accepts one reversal per settlement, and refuses a second', async () => {
    await client.uploadSettlements([settledRecord('REV-1', wangBill(30))]);
    const first = await client.uploadSettlements([settledRecord('REV-1R', wangBill(30), WANG, 'REV-1')]);
    const second = await client.uploadSettlements([settledRecord('REV-1R2', wangBill(30), WANG, 'REV-1')]);
    expect(first.outcomes[0]!.status).toBe('stored');
    expect(second.outcomes[0]).toMatchObject({ status: 'rejected', message: '原结算 REV-1 已被 REV-1R 冲销' });
  });

  it('splits more than 500 records into batches of 500', async () => {
    const records = Array.from({ length: 501 }, (_, i) => settledRecord(`BULK-${i}`, wangBill(0, '2024-07-01')));
    const report = await client.uploadSettlements(records);
    expect(report.errors).toEqual([]);
    expect(report.outcomes.filter((o) => o.status === 'stored')).toHaveLength(501);
  });
});

describe('3201 and 2601', () => {
  it('balances against what was stored in the period, reversals negative', async () => {
    const r1 = settledRecord('REC-1', wangBill(0, '2024-09-01'));
    const r2 = settledRecord('REC-2', wangBill(100, '2024-09-02'));
    const r2r = settledRecord('REC-2R', wangBill(100, '2024-09-02'), WANG, 'REC-2');
    await client.uploadSettlements([r1, r2, r2r]);
    const period = { insutype: '390', clr_type: '21', setl_optins: '520100', stmt_begndate: '2024-09-01', stmt_enddate: '2024-09-30', acct_pay: '0.00' };
    const balanced = await client.reconcile({ ...period, medfee_sumamt: '7300.00', fund_pay_sumamt: r1.fund_pay_sumamt, fixmedins_setl_cnt: '3' });
    expect(balanced.ok && balanced.value.output).toEqual({ balanced: true, stmtRslt: '0', description: '对账平衡', setlOptins: '520100' });
    const off = await client.reconcile({ ...period, medfee_sumamt: '7400.00', fund_pay_sumamt: r1.fund_pay_sumamt, fixmedins_setl_cnt: '2' });
    expect(off.ok && off.value.output).toEqual({
      balanced: false,
      stmtRslt: '1',
      description: '对账不平：医疗费总额 医院 7400.00，中心 7300.00；结算笔数 医院 2，中心 3',
      setlOptins: '520100',
    });
  });

  it('reverses a 4101 message that stored records, once', async () => {
    const record = settledRecord('RVS-1', wangBill(0, '2024-10-01'));
    const sent = await client.call('4101', { setlinfo: [record] }, uploadOutputSchema);
    expect(sent.ok && sent.value.output.result[0]!.stas).toBe('1');
    if (!sent.ok) return;
    const before = (await h.stats()).settlements;
    const reversed = await client.reverse({ psnNo: WANG.psnNo, insuplcAdmdvs: '520100', omsgid: sent.value.msgid, oinfno: '4101' });
    expect(reversed.ok && reversed.value.output?.data).toMatchObject({ rvs_stas: '1', rvs_dscr: '已冲正，撤销结算1笔' });
    expect((await h.stats()).settlements).toBe(before - 1);
    const again = await client.reverse({ psnNo: WANG.psnNo, insuplcAdmdvs: '520100', omsgid: sent.value.msgid, oinfno: '4101' });
    expect(again.ok && again.value.output?.data).toMatchObject({ rvs_stas: '1', rvs_dscr: '原交易已冲正' });
    const wrongInfno = await client.reverse({ omsgid: sent.value.msgid, oinfno: '1101' });
    expect(!wrongInfno.ok && wrongInfno.error.message).toBe(`原交易编号不符：报文 ${sent.value.msgid} 的交易为 4101`);
    // The record can be uploaded again afterwards, and is stored once.
    expect((await client.uploadSettlements([record])).outcomes[0]!.status).toBe('stored');
    expect((await h.stats()).settlements).toBe(before);
  });

  it('answers 2601 for a message that never arrived and for a stored one', async () => {
    const never = await client.reverse({ omsgid: `${HOSPITAL.hospitalCode}202401010000009999`, oinfno: '4101' });
    expect(never.ok && never.value.output?.data).toEqual({ omsgid: `${HOSPITAL.hospitalCode}202401010000009999`, oinfno: '4101', rvs_stas: '0', rvs_dscr: '原交易未到达医保中心，无需冲正' });
  });
});

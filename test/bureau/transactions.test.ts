import { atHospitalWall } from '../../shared/time';
import { dec, formatMoney } from '../../shared/money';
import { readCumInfo, spellingFor } from '../../electron/bureau/cum-codes';
import { loadCumCodes } from '../../electron/bureau/cum-codes-file';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BureauClient } from '../../electron/bureau/client';
import { settlementListOutputSchema } from '../../electron/bureau/schemas';
import { CASHIER, HOSPITAL, WANG, ZERO_YTD_FOR_TESTS, reversalList, settledList, startHarness, wangBill, type Harness } from './helpers';

let h: Harness;
let client: BureauClient;
beforeAll(async () => {
  h = await startHarness();
  client = h.client();
});
afterAll(() => h.close());

describe('sign-in and msgid', () => {
  it('signs in once per day and operator, and persists the msgid sequence', async () => {
    const day1 = atHospitalWall({ year: 2024, month: 3, day: 10, hour: 9, minute: 30, second: 5 });
    const a = h.client({}, () => day1);
    const before = (await h.stats()).signIns;
    expect((await a.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno, certno: WANG.certno })).ok).toBe(true);
    expect((await a.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno })).ok).toBe(true);
    expect((await h.stats()).signIns).toBe(before + 1);
    // Another cashier signs in separately; the next day signs in again.
    expect((await a.asOperator({ code: 'C002', name: '王收费' }).signIn()).ok).toBe(true);
    expect((await h.stats()).signIns).toBe(before + 2);
    const day2 = atHospitalWall({ year: 2024, month: 3, day: 11, hour: 8 });
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

describe('1901 (§7)', () => {
  it('answers psn_idet_type as output.list rows, and refuses an unknown type', async () => {
    const rows = await client.dictionary('psn_idet_type', '520100', '2024-03-01');
    expect(rows.ok).toBe(true);
    const list = rows.ok ? rows.value : [];
    expect(list.find((r) => r.value === '2304')).toMatchObject({ type: 'psn_idet_type', label: '特困救助对象', parent_value: '23', vali_flag: '1', version: '2024-01' });
    expect(list.find((r) => r.value === '236001')).toMatchObject({ label: '易返贫致贫人口', parent_value: '2360' });
    const unknown = await client.dictionary('no_such_type', '520100', '2024-03-01');
    expect(!unknown.ok && unknown.error.message).toBe('字典类型 no_such_type 不存在');
  });
});

describe('the e-voucher (§6.3)', () => {
  it('refuses the QR text itself in 1101, an unknown QR code, and a request without ec.query', async () => {
    const raw = await client.personInfo({ mdtrt_cert_type: '01', mdtrt_cert_no: 'EV440703195807120022' });
    expect(!raw.ok && raw.error).toMatchObject({ code: 'bureau-rejected', message: '电子凭证令牌 ecToken 无效或已过期，请重新扫码' });
    const unknown = await client.decodeEVoucher('EV999999999999999999');
    expect(!unknown.ok && unknown.error).toMatchObject({
      code: 'bureau-rejected',
      transient: false,
      message: '电子凭证无效：电子凭证二维码无效或已过期，请患者刷新医保电子凭证后重新扫码',
    });
    const wrong = await fetch(`${h.sim.base}/localcfc/api/hsecfc/localQrCodeQuery`, {
      method: 'POST',
      body: JSON.stringify({ data: {}, orgId: HOSPITAL.hospitalCode, transType: 'ec.gen.link' }),
    });
    expect(await wrong.json()).toMatchObject({ code: -1, type: 'fail' });
  });
});

describe('1101 and 5206', () => {
  it('answers a demo person by ID card, social-security card and e-voucher (its QR decoded into an ecToken first, §6.3)', async () => {
    const holder = await client.decodeEVoucher('EV440703195807120022', '01103');
    expect(holder.ok && holder.value).toMatchObject({
      idNo: '440703195807120022',
      idType: '01',
      userName: '陈秀兰',
      insuOrg: '440700',
      ecToken: expect.stringMatching(/^440700[0-9a-f]{32}$/),
    });
    const ecToken = holder.ok ? holder.value.ecToken : '';
    for (const query of [
      { mdtrt_cert_type: '02', mdtrt_cert_no: '440703195807120022', certno: '440703195807120022' },
      { mdtrt_cert_type: '03', mdtrt_cert_no: 'K44070012', card_sn: '' },
      { mdtrt_cert_type: '01', mdtrt_cert_no: ecToken, psn_cert_type: '01', certno: '440703195807120022', psn_name: '陈秀兰' },
    ]) {
      const r = await client.personInfo(query);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.value.output.baseinfo).toMatchObject({ psn_no: '44070000000000000001', certno: '440703195807120022', psn_name: '陈秀兰', brdy: '1958-07-12' });
      expect(r.value.output.insuinfo).toEqual([expect.objectContaining({ insutype: '390', psn_insu_stas: '1', insuplc_admdvs: '440700', balc: '0.00' })]);
      expect(r.value.output.idetinfo).toEqual([{ psn_idet_type: '236004', memo: 'JM2019000123', begntime: '2019-01-01 00:00:00', endtime: '2020-12-31 23:59:59' }]);
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

  it('answers 5206 in the platform’s code grammar: seeded and stored figures of the year, reversals netting out', async () => {
    const read = async (ym: string) => {
      const cum = await client.accumulators(WANG.psnNo, '520100', ym);
      if (!cum.ok) throw new Error(cum.error.message);
      return readCumInfo(cum.value.output.rows, spellingFor(loadCumCodes(), 'CN-GZ'), '390', Number(ym.slice(0, 4)));
    };
    const before = await read('202403');
    expect(before.values).toEqual({ deductiblePaid: '600.00', basicPaid: '3000.00', catastrophicPaid: '0.00', catastrophicBase: '2500.00', assistancePaid: '700.00' });
    expect(before.unknown).toEqual([]);
    const acc1 = await settledList(client, 'ACC-1');
    expect((await client.uploadSettlementList(acc1.list)).status).toBe('stored');
    const acc2 = await settledList(client, 'ACC-2', wangBill(0, '2024-05-02'));
    expect((await client.uploadSettlementList(acc2.list)).status).toBe('stored');
    // ACC-1 (settled on the centre's year-to-date): basic 4480, copay1 200+6800-4480 = 2520, past the 5000 大病 deductible; ACC-2 is in May.
    const march = await read('202403');
    const assistance = acc1.amounts.assistance;
    expect(march.values).toEqual({
      deductiblePaid: '600.00',
      basicPaid: '7480.00',
      catastrophicPaid: acc1.amounts.catastrophic,
      catastrophicBase: '5020.00',
      assistancePaid: formatMoney(dec('700').plus(assistance)),
    });
    const raw = await client.accumulators(WANG.psnNo, '520100', '202403');
    expect(raw.ok && raw.value.output.rows.find((r) => r.cum_type_code === 'D390101_BIZ21')).toEqual({
      insutype: '390',
      year: '2024',
      cum_ym: '202403',
      cum_type_code: 'D390101_BIZ21',
      cum: '4480.00',
    });
    await client.uploadSettlements([reversalList('ACC-1R', acc1)]);
    expect((await read('202403')).values.basicPaid).toBe('3000.00');
  });
});

const fen = (amount: string, delta: number) => formatMoney(dec(amount).plus(delta / 100));

describe('4101 settlement lists', () => {
  it('stores a list once: a re-send (after a timeout) is answered with the same setl_list_id', async () => {
    const { list } = await settledList(client, 'UP-1', wangBill(10, '2024-04-01'));
    const first = await client.uploadSettlementList(list);
    const again = await client.uploadSettlementList({ ...list, setlinfo: { ...list.setlinfo, dcla_time: '2024-04-02 09:00:00' } });
    expect(first).toMatchObject({ setlId: 'UP-1', status: 'stored', setlListId: expect.stringMatching(/^520100\d{24}$/) });
    expect(again).toMatchObject({ setlId: 'UP-1', status: 'stored', setlListId: first.setlListId, message: '该结算清单已上传，未重复保存' });
  });

  it('refuses a list settled with year-to-date 0 instead of the centre’s own, by the fen it differs', async () => {
    const honest = await settledList(client, 'YTD-0', wangBill(0, '2024-04-03'));
    const zero = await settledList(ZERO_YTD_FOR_TESTS, 'YTD-0', wangBill(0, '2024-04-03'));
    expect(zero.amounts.assistance).not.toBe(honest.amounts.assistance);
    const refused = await client.uploadSettlementList(zero.list);
    expect(refused).toMatchObject({ status: 'rejected', message: expect.stringMatching(/与医保中心结算结果不符/) });
    expect((await client.uploadSettlementList(honest.list)).status).toBe('stored');
  });

  it.each([
    [
      'psn_cashpay',
      (l: any) => ({ ...l, setlinfo: { ...l.setlinfo, psn_cashpay: fen(l.setlinfo.psn_cashpay, 1) } }),
      /^setlinfo\.psn_cashpay 与医保中心结算结果不符：上传 \d+\.\d{2}，医保中心 \d+\.\d{2}$/,
    ],
    [
      'payinfo',
      (l: any) => ({ ...l, payinfo: l.payinfo.map((p: any) => (p.fund_pay_type === '390100' ? { ...p, fund_payamt: fen(p.fund_payamt, -1) } : p)) }),
      /^payinfo\[390100\]\.fund_payamt 与医保中心结算结果不符：上传 \d+\.\d{2}，医保中心 \d+\.\d{2}$/,
    ],
    ['a required field', (l: any) => ({ ...l, setlinfo: { ...l.setlinfo, medcasno: '' } }), /^输入参数错误：input\.setlinfo\.medcasno 必填$/],
    ['a field too long', (l: any) => ({ ...l, setlinfo: { ...l.setlinfo, hi_type: '39000' } }), /^输入参数错误：input\.setlinfo\.hi_type 长度超过 3$/],
    [
      'an unknown fund code',
      (l: any) => ({ ...l, payinfo: [...l.payinfo, { fund_pay_type: '999999', fund_payamt: '0.00' }] }),
      /^payinfo 含本中心不认识的基金支付类型 999999$/,
    ],
  ])('refuses a list off by a fen or malformed: %s', async (_what, alter, message) => {
    const { list } = await settledList(client, `BAD-${_what}`, wangBill(1, '2024-04-05'));
    const outcome = await client.uploadSettlementList(alter(list));
    expect(outcome).toMatchObject({ status: 'rejected', message: expect.stringMatching(message) });
  });

  it('refuses a changed list under a stored setl_id, and a person the centre does not know', async () => {
    const { list } = await settledList(client, 'MIX-1', wangBill(20, '2024-04-06'));
    expect((await client.uploadSettlementList(list)).status).toBe('stored');
    const changed = await settledList(client, 'MIX-1', wangBill(21, '2024-04-06'));
    expect(await client.uploadSettlementList(changed.list)).toMatchObject({ status: 'rejected', message: '结算ID MIX-1 的结算清单已上传且内容不同，未覆盖原清单' });
    const stranger = await settledList(client, 'MIX-2', wangBill(0, '2024-04-06'));
    const unknown = { ...stranger.list, setlinfo: { ...stranger.list.setlinfo, hi_no: '99999999999999999999' } };
    expect(await client.uploadSettlementList(unknown)).toMatchObject({ status: 'rejected', message: '人员编号 99999999999999999999 不存在' });
  });

  it('accepts one reversal per settlement (its amounts negated), and refuses a second', async () => {
    const original = await settledList(client, 'REV-1', wangBill(30, '2024-04-07'));
    await client.uploadSettlementList(original.list);
    const reversal = reversalList('REV-1R', original);
    expect(reversal.setlinfo).toMatchObject({ setl_id: 'REV-1R', mdtrt_id: 'REV-1', psn_cashpay: formatMoney(dec(original.amounts.patientCash).negated()) });
    expect((await client.uploadSettlementList(reversal)).status).toBe('stored');
    expect(await client.uploadSettlementList(reversalList('REV-1R2', original))).toMatchObject({ status: 'rejected', message: '原结算 REV-1 已被 REV-1R 冲销' });
  });

  it('uploads in order, one message per settlement', async () => {
    const lists = [];
    for (let i = 0; i < 3; i++) {
      const s = await settledList(client, `SEQ-${i}`, wangBill(i, '2024-08-01'));
      lists.push(s.list);
      expect((await client.uploadSettlementList(s.list)).status).toBe('stored');
    }
    const again = await client.uploadSettlements(lists);
    expect(again.outcomes.map((o) => o.status)).toEqual(['stored', 'stored', 'stored']);
  });
});

describe('9002 and 5203', () => {
  it('signs out with the kept sign_no; the next call signs in again', async () => {
    const cashier = h.client({}).asOperator({ code: 'C902', name: '签退员' });
    const first = await cashier.signIn();
    expect(first.ok).toBe(true);
    const out = await cashier.signOut();
    expect(out.ok && first.ok && out.value.signNo).toBe(first.ok ? first.value.signNo : null);
    const again = await cashier.signIn();
    expect(again.ok && first.ok && again.value.signNo).not.toBe(first.ok ? first.value.signNo : '');
  });

  it('renews a sign_no the bureau no longer honours, once, and goes on', async () => {
    const cashier = h.client({}).asOperator({ code: 'C903', name: '续签员' });
    const first = await cashier.signIn();
    if (!first.ok) throw new Error(first.error.message);
    // Signed out behind the client's back (another terminal, the centre's own expiry).
    const raw = h.client({}).asOperator({ code: 'C903', name: '续签员' });
    await raw.call('9002', { signOut: { opter_no: 'C903', sign_no: first.value.signNo } }, (await import('zod')).z.unknown());
    const person = await cashier.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: WANG.certno });
    expect(person.ok).toBe(true);
  });

  it('looks a settlement up by setl_id (5203)', async () => {
    const s = await settledList(client, 'Q-1', wangBill(0, '2024-11-01'));
    const stored = await client.uploadSettlementList(s.list);
    expect(stored.status).toBe('stored');
    const found = await client.settlementQuery({ psnNo: WANG.psnNo, insuplcAdmdvs: '520100', setlId: 'Q-1' });
    expect(found.ok && found.value.output.setlinfo).toMatchObject({ setl_id: 'Q-1', medfee_sumamt: s.amounts.total, refd_setl_flag: '0', year: '2024' });
    expect(found.ok && found.value.output.setldetail.map((d) => d.fund_pay_type)).toEqual(s.list.payinfo.map((p) => p.fund_pay_type));
    const missing = await client.settlementQuery({ psnNo: WANG.psnNo, insuplcAdmdvs: '520100', setlId: 'NOPE' });
    expect(!missing.ok && missing.error.message).toBe('未查询到结算信息（结算ID NOPE）');
  });
});

describe('3201 and 2601', () => {
  it('balances against what was stored in the period, reversals negative', async () => {
    const r1 = await settledList(client, 'REC-1', wangBill(0, '2024-09-01'));
    await client.uploadSettlementList(r1.list);
    const r2 = await settledList(client, 'REC-2', wangBill(100, '2024-09-02'));
    await client.uploadSettlementList(r2.list);
    expect((await client.uploadSettlementList(reversalList('REC-2R', r2))).status).toBe('stored');
    const fundOf = (a: typeof r1.amounts) => formatMoney(dec(a.basic).plus(a.catastrophic).plus(a.assistance).plus(a.supplementary).plus(a.povertyFund));
    const period = { insutype: '390', clr_type: '21', setl_optins: '520100', stmt_begndate: '2024-09-01', stmt_enddate: '2024-09-30', acct_pay: '0.00' };
    const balanced = await client.reconcile({ ...period, medfee_sumamt: '7300.00', fund_pay_sumamt: fundOf(r1.amounts), fixmedins_setl_cnt: '3' });
    expect(balanced.ok && balanced.value.output).toEqual({ balanced: true, stmtRslt: '0', description: '对账平衡', setlOptins: '520100' });
    const off = await client.reconcile({ ...period, medfee_sumamt: '7400.00', fund_pay_sumamt: fundOf(r1.amounts), fixmedins_setl_cnt: '2' });
    expect(off.ok && off.value.output).toEqual({
      balanced: false,
      stmtRslt: '1',
      description: '对账不平：医疗费总额 医院 7400.00，中心 7300.00；结算笔数 医院 2，中心 3',
      setlOptins: '520100',
    });
  });

  it('refuses 2601 for a 4101: only settlement transactions are reversible (§13); the list is re-sent instead', async () => {
    const { list } = await settledList(client, 'RVS-1', wangBill(0, '2024-10-01'));
    const sent = await client.call(
      '4101',
      { ...list, setlinfo: { ...list.setlinfo, fixmedins_code: HOSPITAL.hospitalCode, fixmedins_name: HOSPITAL.hospitalName } },
      settlementListOutputSchema,
    );
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    const reversed = await client.reverse({ psnNo: WANG.psnNo, insuplcAdmdvs: '520100', omsgid: sent.value.msgid, oinfno: '4101' });
    expect(!reversed.ok && reversed.error.message).toBe('交易 4101 不可冲正（可冲正的交易：2207、2208、2304、2305、2401）');
    expect((await client.uploadSettlementList(list)).setlListId).toBe(sent.value.output.data.setl_list_id);
  });

  it('answers 2601 for a message that never arrived and for a stored one', async () => {
    const never = await client.reverse({ omsgid: `${HOSPITAL.hospitalCode}202401010000009999`, oinfno: '2207' });
    expect(never.ok && never.value.output).toEqual({});
  });
});

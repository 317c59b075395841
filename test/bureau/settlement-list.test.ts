import { describe, expect, it } from 'vitest';
import { buildSettlementList, PLACEHOLDER } from '../../electron/bureau/settlement-list';
import { setlinfoAmounts, type EngineAmounts } from '../../electron/bureau/setlinfo';
import { settlementListInputSchema } from '../../electron/bureau/schemas';

// Amounts of shared/cases/004.yaml (Jiangmen, review required): every fund and a hospital share.
const JM: EngineAmounts = {
  total: '203200.00',
  ownpay: '19200.00',
  overlimit: '0.00',
  preselfpay: '19200.00',
  inscope: '164800.00',
  basic: '114660.00',
  catastrophic: '32604.00',
  assistance: '25715.20',
  supplementary: '0.00',
  povertyFund: '26380.80',
  hospitalShare: '3840.00',
  discount: '0.00',
  patientCash: '0.00',
};
const bill = {
  policy: 'CN-GD-JM',
  date: '2020-10-10',
  visit: 'inpatient' as const,
  hospital: { level: 3 as const, referral: 'local' as const },
  person: { insurance: 'resident', identities: ['precision-target' as const], certificate: 'JM2020000456' },
  lines: [
    { code: 'XA02', class: 'A' as const, price: '15000', qty: '8', kind: 'item' as const },
    { code: 'C1', class: 'C' as const, price: '200', qty: '1', kind: 'material' as const },
  ],
};
const base = {
  id: 'S000000000000001',
  settledAt: '2020-10-10 15:30:00',
  psnNo: 'P1',
  certno: '440703195807120022',
  name: '陈秀兰',
  insuplcAdmdvs: '440700',
  operatorName: '李收费',
  bill,
  amounts: JM,
};
const hospital = (l: ReturnType<typeof buildSettlementList>) => ({ ...l, setlinfo: { ...l.setlinfo, fixmedins_code: 'H44070300001', fixmedins_name: '江门市人民医院' } });

describe('buildSettlementList (4101, §15)', () => {
  it('one list per settlement: §12 fund codes per payer, the person from the ID, placeholders where the HIS sent nothing', () => {
    const l = buildSettlementList(base);
    expect(l.setlinfo).toMatchObject({
      mdtrt_id: 'S000000000000001',
      setl_id: 'S000000000000001',
      hi_no: 'P1',
      medcasno: 'S000000000000001',
      gend: '2',
      brdy: '1958-07-12',
      age: '62',
      hi_type: '390',
      insuplc: '440700',
      ipt_med_type: '21',
      adm_time: '2020-10-10 00:00:00',
      adm_caty: PLACEHOLDER,
      chfpdr_name: PLACEHOLDER,
      setl_end_date: '2020-10-10',
      psn_selfpay: '69340.00',
      psn_ownpay: '19200.00',
      acct_pay: '0.00',
      psn_cashpay: '0.00',
      medins_fill_psn: '李收费',
    });
    expect(l.payinfo).toEqual([
      { fund_pay_type: '390100', fund_payamt: '114660.00' },
      { fund_pay_type: '390200', fund_payamt: '32604.00' },
      { fund_pay_type: '610100', fund_payamt: '25715.20' },
      { fund_pay_type: '610104', fund_payamt: '26380.80' },
      { fund_pay_type: '999996', fund_payamt: '3840.00' },
    ]);
    expect(l.iteminfo).toEqual([
      { med_chrgitm: '05', amt: '120000.00', claa_sumfee: '120000.00', clab_amt: '0.00', fulamt_ownpay_amt: '0.00', oth_amt: '0.00' },
      { med_chrgitm: '08', amt: '200.00', claa_sumfee: '0.00', clab_amt: '0.00', fulamt_ownpay_amt: '200.00', oth_amt: '0.00' },
    ]);
    // The centre gets the bill without identities or year-to-date; only the cashier's 就医证 check.
    expect(l.exp_content.bill.person).toEqual({ insurance: 'resident', certificate: 'JM2020000456' });
    expect(settlementListInputSchema.safeParse(hospital(l)).success).toBe(true);
    expect(setlinfoAmounts(JM).fund_pay_sumamt.toFixed(2)).toBe('199360.00');
  });

  it('takes the admission context from the HIS bill file when there is one', () => {
    const l = buildSettlementList({
      ...base,
      admission: {
        caseNo: 'BA2020-0815',
        department: { code: '03', name: '内科' },
        diagnoses: [
          { code: 'I63.900', name: '脑梗死', type: '1', main: true, admissionCondition: '1' },
          { code: 'I10.x00', name: '高血压', type: '1', main: false },
        ],
        admittedAt: '2020-10-01 09:30',
        dischargedAt: '2020-10-10 10:00:00',
        admissionWay: '2',
        dischargeWay: '1',
        attendingDoctor: { code: 'D0012', name: '周医生' },
      },
    });
    expect(l.setlinfo).toMatchObject({
      medcasno: 'BA2020-0815',
      adm_caty: '03',
      dscg_caty: '03',
      adm_time: '2020-10-01 09:30:00',
      act_ipt_days: '9',
      wm_dise_code: 'I63.900',
      diag_code_cnt: '2',
      chfpdr_code: 'D0012',
      adm_way: '2',
      dscg_way: '1',
      setl_begn_date: '2020-10-01',
    });
    expect(l.diseinfo).toEqual([
      { diag_type: '1', diag_code: 'I63.900', diag_name: '脑梗死', adm_cond_type: '1', maindiag_flag: '1' },
      { diag_type: '1', diag_code: 'I10.x00', diag_name: '高血压', adm_cond_type: '', maindiag_flag: '0' },
    ]);
  });

  it('a reversal is the reversing settlement’s own list, every amount negated, naming the original', () => {
    const l = buildSettlementList({ ...base, id: 'S000000000000002', reverses: 'S000000000000001' });
    expect(l.setlinfo).toMatchObject({ setl_id: 'S000000000000002', mdtrt_id: 'S000000000000001', psn_ownpay: '-19200.00', psn_cashpay: '0.00' });
    expect(l.payinfo.map((d) => d.fund_payamt)).toEqual(['-114660.00', '-32604.00', '-25715.20', '-26380.80', '-3840.00']);
    expect(l.exp_content.init_setl_id).toBe('S000000000000001');
  });
});

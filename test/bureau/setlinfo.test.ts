import { describe, expect, it } from 'vitest';
import { buildSetlinfo, type EngineAmounts } from '../../electron/bureau/setlinfo';
import { dec } from '../../shared/money';

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
  lines: [{ code: 'XA02', class: 'A' as const, price: '15000', qty: '8' }],
};
const base = { id: 'S000000000000001', settledAt: '2020-10-10 15:30:00', psnNo: 'P1', certno: '440703195807120022', name: '陈秀兰', bill, amounts: JM };

describe('buildSetlinfo', () => {
  it('maps the engine result onto the platform fields', () => {
    const r = buildSetlinfo(base);
    expect(r).toMatchObject({
      medins_setl_id: 'S000000000000001',
      insutype: '390',
      med_type: '21',
      clr_type: '21',
      medfee_sumamt: '203200.00',
      fulamt_ownpay_amt: '19200.00',
      overlmt_selfpay: '0.00',
      preselfpay_amt: '19200.00',
      inscp_scp_amt: '164800.00',
      hifp_pay: '114660.00',
      hifmi_pay: '32604.00',
      maf_pay: '25715.20',
      oth_pay: '26380.80',
      fund_pay_sumamt: '199360.00',
      hosp_part_amt: '3840.00',
      acct_pay: '0.00',
      psn_part_amt: '0.00',
      psn_cash_pay: '0.00',
      refd_setl_flag: '0',
      init_setl_id: '',
    });
    expect(r.setldetail).toEqual([
      { fund_pay_type: '390100', fund_payamt: '114660.00', fund_pay_type_name: '城乡居民基本医疗保险基金' },
      { fund_pay_type: '390200', fund_payamt: '32604.00', fund_pay_type_name: '城乡居民大病医疗保险' },
      { fund_pay_type: '610100', fund_payamt: '25715.20', fund_pay_type_name: '医疗救助基金' },
      { fund_pay_type: '610104', fund_payamt: '26380.80', fund_pay_type_name: '精准脱贫资金' },
      { fund_pay_type: '999996', fund_payamt: '3840.00', fund_pay_type_name: '医院负担' },
    ]);
    expect(dec(r.medfee_sumamt).eq(dec(r.fund_pay_sumamt).plus(r.hosp_part_amt).plus(r.psn_cash_pay))).toBe(true);
    expect(r.bill).toEqual(bill);
  });

  it('negates every amount of a reversal and names the original', () => {
    const r = buildSetlinfo({ ...base, id: 'S000000000000002', reverses: 'S000000000000001' });
    expect(r).toMatchObject({ refd_setl_flag: '1', init_setl_id: 'S000000000000001', medfee_sumamt: '-203200.00', oth_pay: '-26380.80', hosp_part_amt: '-3840.00', psn_cash_pay: '0.00' });
    expect(r.setldetail.map((d) => d.fund_payamt)).toEqual(['-114660.00', '-32604.00', '-25715.20', '-26380.80', '-3840.00']);
    expect(r.bill).toEqual(bill);
  });

  it.each([
    ['chronic-outpatient', '14', '11'],
    ['outpatient', '11', '11'],
    ['pharmacy', '41', '41'],
  ] as const)('%s → med_type %s, clr_type %s; the pharmacy discount is hospital share', (visit, medType, clrType) => {
    const r = buildSetlinfo({ ...base, bill: { ...bill, visit }, amounts: { ...JM, discount: '10.00' } });
    expect([r.med_type, r.clr_type, r.hosp_part_amt]).toEqual([medType, clrType, '3850.00']);
  });
});

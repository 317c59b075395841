import { describe, expect, it } from 'vitest';
import { AMOUNT_FIELDS, type SettlementInputRaw } from '../../shared/engine';
import { dec, toChineseUppercase } from '../../shared/money';
import { buildReceiptModel, groupByCategory, maskIdNumber } from '../../electron/receipt';
import { CONTEXT, jilinBill, settleOrThrow, storedSettlement } from './fixtures';

describe('maskIdNumber', () => {
  it.each([
    ['220102195003150012', '220102********0012'],
    ['44070219871224002x', '440702********002X'],
    [' 110101199003074258 ', '110101********4258'],
    ['E12345678', 'E1*****78'],
    ['AB', '**'],
    ['', ''],
  ])('%s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked));
});

describe('groupByCategory', () => {
  const line = (kind: string | undefined, cls: 'A' | 'B' | 'C', price: string, qty = '1') =>
    ({ code: 'x', class: cls, price, qty, kind }) as Parameters<typeof groupByCategory>[0][number];

  it('groups by kind, largest first, splitting each row by class', () => {
    const rows = groupByCategory([line('drug', 'A', '10.005', '2'), line('drug', 'C', '5'), line('item', 'B', '100'), line(undefined, 'A', '1')]);
    expect(rows).toEqual([
      { label: '诊疗项目费', lines: 1, amount: '100.00', byClass: { A: '0.00', B: '100.00', C: '0.00' } },
      { label: '药品费', lines: 2, amount: '25.01', byClass: { A: '20.01', B: '0.00', C: '5.00' } },
      { label: '其他', lines: 1, amount: '1.00', byClass: { A: '1.00', B: '0.00', C: '0.00' } },
    ]);
  });

  it('folds the smallest categories into 其他 beyond the cap', () => {
    const lines = Array.from({ length: 30 }, (_, i) => ({ ...line('drug', 'A', String(i + 1)), category: `类别${i + 1}` }));
    const rows = groupByCategory(lines, 5);
    expect(rows.map((r) => r.label)).toEqual(['类别30', '类别29', '类别28', '类别27', '其他']);
    expect(rows[4]).toMatchObject({ lines: 26, amount: String((26 * 27) / 2) + '.00' });
  });
});

describe('buildReceiptModel', () => {
  it('prints exactly the engine amounts, grouped bill adding up to the total', () => {
    const input = jilinBill(100);
    const result = settleOrThrow(input);
    const model = buildReceiptModel(storedSettlement(input, result), CONTEXT);

    expect(model.bill.total).toBe(result.amounts.total);
    expect(model.bill.rows.reduce((acc, r) => acc.plus(r.amount), dec(0)).toFixed(2)).toBe(result.amounts.total);
    expect(model.bill.lineCount).toBe(100);
    expect(model.patientCash).toEqual({ amount: result.amounts.patientCash, uppercase: toChineseUppercase(result.amounts.patientCash) });
    const payment = (label: string) => model.payments.find((p) => p.label === label)?.amount;
    expect(payment('基本医保统筹基金')).toBe(result.amounts.basic);
    expect(payment('大病保险')).toBe(result.amounts.catastrophic);
    expect(payment('医疗救助')).toBe(result.amounts.assistance);
    expect(payment('医院承担')).toBe(result.amounts.hospitalShare);
    // Every payer on the receipt plus the patient's cash is the bill total.
    const paid = model.payments.reduce((acc, p) => acc.plus(p.amount), dec(model.patientCash.amount));
    expect(paid.toFixed(2)).toBe(result.amounts.total);
    expect(model.patient).toMatchObject({ name: '张桂兰', idMasked: '220102********0012', identities: ['建档立卡贫困人口'] });
    expect(model.qrText).toBe('S20190601-T01-000001');
    expect(model.settledAt).toBe('2019-06-01 10:15:30');
    for (const f of AMOUNT_FIELDS) expect(result.amounts[f]).toMatch(/^\d+\.\d{2}$/);
  });

  it('names the flags and the advance by the poverty fund (Jiangmen)', () => {
    const input = {
      policy: 'CN-GD-JM',
      date: '2020-03-01',
      visit: 'inpatient',
      hospital: { level: 3, referral: 'local' },
      person: { insurance: 'resident', identities: ['precision-target'], certificate: 'JM2020001' },
      lines: [
        { code: 'R1', class: 'A', price: '12', qty: '1', kind: 'registration' },
        { code: 'D1', class: 'C', price: '6000', qty: '3', kind: 'drug' },
        { code: 'I1', class: 'A', price: '20000', qty: '1', kind: 'item' },
      ],
    } satisfies SettlementInputRaw;
    const result = settleOrThrow(input);
    const model = buildReceiptModel(storedSettlement(input, result), { ...CONTEXT, reprint: 2 });
    expect(result.flags.reviewRequired).toBe(true);
    expect(model.flags).toContain('专家审核');
    expect(model.status).toBe('已结算，待专家审核');
    expect(model.patientCash.amount).toBe('0.00');
    expect(model.payments.find((p) => p.label === '精准扶贫资金')?.amount).toBe(result.amounts.povertyFund);
    expect(model.notes).toEqual([`医疗救助 ${result.assistanceAdvanced} 元由精准扶贫资金先行垫付`]);
    expect(model.reprint).toBe(2);
  });

  it('refuses a stored bill that does not add up to the stored total', () => {
    const input = jilinBill(3);
    const result = settleOrThrow(input);
    const tampered = { ...result, amounts: { ...result.amounts, total: dec(result.amounts.total).plus('0.01').toFixed(2) } };
    expect(() => buildReceiptModel(storedSettlement(input, tampered), CONTEXT)).toThrow(/不符/);
  });
});

import { describe, expect, it } from 'vitest';
import { AMOUNT_FIELDS, type SettlementInputRaw } from '../../shared/engine';
import { dec, formatMoney } from '../../shared/money';
import { buildReceiptModel } from '../../electron/receipt';
import { receiptSections } from '../../electron/receipt/sections';
import { CONTEXT, jilinBill, settleOrThrow, storedSettlement } from './fixtures';

const input = jilinBill(12);
const result = settleOrThrow(input);
const original = storedSettlement(input, result);
const negatedAmounts = Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, formatMoney(dec(result.amounts[f]).negated())])) as typeof result.amounts;
const reversal = {
  ...original,
  id: 'S20190602-T01-000001',
  kind: 'reversal' as const,
  reversesId: original.id,
  reversal: { reason: '费用录入重复' },
  amounts: negatedAmounts,
  flags: { reviewRequired: false, monitoringAlert: false, charityReferral: false, deferredPayment: false },
};
const info = (model: ReturnType<typeof buildReceiptModel>) => Object.fromEntries(receiptSections(model).info.map((p) => [p.label, p.value]));

describe('refund voucher (冲销凭证)', () => {
  it('prints a reversal with negative amounts, the bill adding up to its negative total, and the original’s number', () => {
    const model = buildReceiptModel(reversal, CONTEXT);
    expect(model.subtitle).toBe('医疗费用结算冲销凭证');
    expect(model.bill.total).toBe(negatedAmounts.total);
    expect(dec(model.bill.total).isNegative()).toBe(true);
    expect(model.patientCash.amount).toBe(negatedAmounts.patientCash);
    expect(model.patientCash.uppercase.startsWith('负')).toBe(true);
    expect(model.status).toBe(`冲销（原结算单 ${original.id}）`);
    expect(model.notes[0]).toContain(`本凭证冲销结算单 ${original.id}`);
    expect(model.notes[0]).toContain('费用录入重复');
  });

  it('marks every copy of a reversed settlement 已冲销', () => {
    const model = buildReceiptModel({ ...original, reversedBy: reversal.id }, { ...CONTEXT, reprint: 2 });
    expect(info(model)['结算状态']).toBe(`已冲销（冲销单 ${reversal.id}）`);
    expect(model.notes[0]).toContain(`已由 ${reversal.id} 冲销`);
  });
});

describe('what the receipt says about the visit', () => {
  it('leaves 医院等级 and 就医方式 off a retail-pharmacy receipt', () => {
    const pharmacy: SettlementInputRaw = { ...input, visit: 'pharmacy', lines: input.lines.slice(0, 3) };
    const model = buildReceiptModel(storedSettlement(pharmacy, settleOrThrow(pharmacy)), CONTEXT);
    expect(info(model)).not.toHaveProperty('医院等级');
    expect(info(model)).not.toHaveProperty('就医方式');
    expect(info(buildReceiptModel(original, CONTEXT))).toMatchObject({ 医院等级: '二级医院', 就医方式: '本地就医' });
  });

  it('shows the verified 就医证 number', () => {
    const jm: SettlementInputRaw = {
      ...input,
      policy: 'CN-GD-JM',
      person: { insurance: 'resident', identities: ['precision-target'], certificate: 'JM2019000123' },
    };
    expect(info(buildReceiptModel(storedSettlement(jm, settleOrThrow(jm)), CONTEXT))['就医证号']).toBe('JM2019000123');
  });

  it('says 离线结算, the roster date and that the year-to-date covers this hospital only', () => {
    const model = buildReceiptModel({ ...original, source: { online: false, rosterDate: '2019-05' } }, CONTEXT);
    expect(info(model)['结算方式']).toBe('离线结算');
    expect(model.notes.join('\n')).toContain('人员身份依据2019-05 本地花名册；本年累计只含本院结算记录');
    expect(info(buildReceiptModel({ ...original, source: { online: true, rosterDate: null } }, CONTEXT))).not.toHaveProperty('结算方式');
  });
});

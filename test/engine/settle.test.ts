import { describe, expect, it } from 'vitest';
import { loadPolicyLibrary } from '../../electron/policy';
import { settle, settlementResultSchema } from '../../shared/engine';
import { renderTraceStep } from '../../shared/labels';

const library = loadPolicyLibrary();
const base = {
  policy: 'CN-GZ',
  date: '2022-05-10',
  visit: 'inpatient',
  hospital: { level: 2, referral: 'local' },
  person: { insurance: 'resident', identities: ['subsistence'] },
  lines: [{ code: 'XA01', name: '床位费', class: 'A', price: '1200.00', qty: '3' }],
};

describe('settle', () => {
  it('returns a result that matches its schema, with the policy version and a trace of every layer', () => {
    const outcome = settle(base, library);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(settlementResultSchema.parse(outcome.value)).toEqual(outcome.value);
    expect(outcome.value.policyVersion).toBe('CN-GZ@2021-01-01');
    expect(outcome.value.trace.map((s) => s.layer)).toEqual(['classify', 'basic', 'catastrophic', 'assistance', 'fourth-layer', 'patient', 'flags']);
    const basic = outcome.value.trace.find((s) => s.layer === 'basic')!;
    expect(basic.step).toBe('basic.pool');
    expect(basic.params).toContainEqual({ key: 'basic.ratio', value: '0.7', source: expect.stringMatching(/^local-default \(seed: 002 §二\(二\)2 .*总体目标/) });
    expect(basic.limits).toContainEqual({ key: 'basic.deductibleApplied', value: '400.00', hit: true });
    const shown = renderTraceStep(basic);
    expect(shown.summary).toBe('基本医保：住院 二级医院 起付线 400.00 以上 70%');
    expect(shown.params).toContainEqual({ name: '报销比例', value: '0.7', source: expect.stringMatching(/^local-default/) });
    expect(shown.limits).toContainEqual({ name: '起付线（本次）', value: '400.00', hit: true });
  });

  it('explains the 大病 tilt in the one-line reason', () => {
    const outcome = settle({ ...base, ytd: { catastrophicBase: '6000' } }, library);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const cat = outcome.value.trace.find((s) => s.layer === 'catastrophic')!;
    expect(cat.data).toMatchObject({ reached: true, deductible: '5000.00', ratios: ['0.65'], tiltIdentity: 'subsistence', tiltRemoveCap: true });
    expect(renderTraceStep(cat).summary).toBe('大病保险：起付线 5000.00（低保对象倾斜：起付线减半，比例+5%，取消封顶）以上 65%');
    expect(outcome.value.amounts.catastrophic).toBe('884.00');
  });

  it.each([
    [{ ...base, lines: [{ code: 'B9', class: 'B', price: '1', qty: '1' }] }, '费用明细第 1 行（编码 B9） 乙类先行自付比例：乙类项目缺少先行自付比例'],
    [{ ...base, lines: [base.lines[0], { code: 'X2', class: 'A', price: '1.23456', qty: '1' }] }, '费用明细第 2 行（编码 X2） 单价：单价最多4位小数：1.23456'],
    [{ ...base, lines: [{ code: 'N1', class: 'A', price: '-5', qty: '1' }] }, '费用明细第 1 行（编码 N1） 单价：单价不能为负数：-5'],
    [{ ...base, date: '2022-13-01' }, '结算日期：日期格式错误（应为 YYYY-MM-DD）：2022-13-01'],
    [{ ...base, lines: [] }, '费用明细：费用明细为空'],
  ])('refuses bad input with a Chinese message naming the field and line (%#)', (input, message) => {
    expect(settle(input, library)).toEqual({ ok: false, error: { code: 'invalid-input', message } });
  });

  it('names the region and date when no version covers them', () => {
    expect(settle({ ...base, date: '2026-01-01' }, library)).toEqual({
      ok: false,
      error: { code: 'no-policy', message: '统筹区 CN-GZ 在 2026-01-01 没有有效的政策版本' },
    });
  });

  it('accepts YAML/JSON numbers for amounts without going through binary floating point', () => {
    const outcome = settle({ ...base, lines: [{ code: 'F', class: 'A', price: 0.1, qty: 3 }] }, library);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.amounts.total).toBe('0.30');
  });

  it('records the assistance advanced by the Jiangmen poverty fund', () => {
    const outcome = settle(
      {
        ...base,
        policy: 'CN-GD-JM',
        date: '2019-09-09',
        person: { insurance: 'resident', identities: ['precision-target'], certificate: 'JM2019000123' },
      },
      library,
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.assistanceAdvanced).toBe(outcome.value.amounts.assistance);
    expect(outcome.value.amounts.patientCash).toBe('0.00');
  });
});

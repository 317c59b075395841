import { describe, expect, it } from 'vitest';
import { formatMoney, fromFen, roundFen, toChineseUppercase, toFen } from '../../shared/money';

describe('money', () => {
  it.each([
    ['12.125', '12.13'],
    ['12.124999', '12.12'],
    ['0.005', '0.01'],
    ['2386.076', '2386.08'],
    ['-0.004', '0.00'],
  ])('rounds %s half-up to %s', (value, expected) => {
    expect(formatMoney(roundFen(value))).toBe(expected);
  });

  it('converts to and from integer fen exactly', () => {
    expect(toFen('99999999.99')).toBe(9999999999);
    expect(formatMoney(fromFen(1234550))).toBe('12345.50');
    expect(() => toFen('0.001')).toThrow();
  });

  it.each([
    ['0', '零元整'],
    ['0.05', '伍分'],
    ['0.50', '伍角整'],
    ['1', '壹元整'],
    ['10', '壹拾元整'],
    ['105.00', '壹佰零伍元整'],
    ['1010.10', '壹仟零壹拾元壹角整'],
    ['3082.60', '叁仟零捌拾贰元陆角整'],
    ['100000', '壹拾万元整'],
    ['100001.01', '壹拾万零壹元零壹分'],
    ['12345678.90', '壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整'],
    ['200000000', '贰亿元整'],
    ['-24.5', '负贰拾肆元伍角整'],
  ])('writes %s in 人民币大写 as %s', (value, expected) => {
    expect(toChineseUppercase(value)).toBe(expected);
  });
});

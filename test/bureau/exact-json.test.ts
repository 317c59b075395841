import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonKeepingNumbers } from '../../electron/bureau/exact-json';
import { bureauAmount } from '../../electron/bureau/schemas';

describe('parseJsonKeepingNumbers', () => {
  it.each([
    ['{"cum":1234.50}', { cum: '1234.50' }],
    ['{"a":12345678901234567.89}', { a: '12345678901234567.89' }],
    ['{"infcode":-1,"x":[0,0.1,1e3]}', { infcode: '-1', x: ['0', '0.1', '1e3'] }],
    ['{"s":"1.10 \\" 2","n":null,"t":true}', { s: '1.10 " 2', n: null, t: true }],
    ['{"中文":"值 -3"}', { 中文: '值 -3' }],
  ])('%s keeps every digit', (text, expected) => {
    expect(parseJsonKeepingNumbers(text)).toEqual(expected);
  });

  it.each(['{"a":01}', '{"a":1.}', '{"a":', '{"a":"x}', '<html>'])('refuses %s', (text) => {
    expect(() => parseJsonKeepingNumbers(text)).toThrow(JsonSyntaxError);
  });
});

describe('bureauAmount', () => {
  it.each([
    ['1234.5', '1234.50'],
    ['-0.01', '-0.01'],
    ['7', '7.00'],
    ['99999999999999.99', '99999999999999.99'],
  ])('%s → %s', (raw, expected) => {
    expect(bureauAmount.parse(raw)).toBe(expected);
  });

  it.each(['1.234', 'abc', '', '1e3'])('refuses %s', (raw) => {
    expect(bureauAmount.safeParse(raw).success).toBe(false);
  });
});

/**
 * Lets a response carry amounts as bare JSON numbers written digit for digit ("cum": 1234.50),
 * as some bureaus do, without passing them through a JS number.
 */
const MARK = '\u0000num:';

/** A decimal string to be written as a bare JSON number. */
export function rawNumber(decimalText: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(decimalText)) throw new RangeError(`not a decimal: ${decimalText}`);
  return MARK + decimalText;
}

export function stringifyWithRawNumbers(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000num:(-?\d+(?:\.\d+)?)"/g, '$1');
}

import { type MoneyInput, roundFen } from './money';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万亿'];

function groupToWords(group: number): string {
  let out = '';
  let pendingZero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const digit = Math.floor(group / 10 ** pos) % 10;
    if (digit === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[digit]! + SMALL_UNITS[pos]!;
  }
  return out;
}

function integerToWords(integer: bigint): string {
  if (integer === 0n) return '';
  const groups: number[] = [];
  let rest = integer;
  while (rest > 0n) {
    groups.push(Number(rest % 10000n));
    rest /= 10000n;
  }
  let out = '';
  let needZero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i]!;
    if (group === 0) {
      if (out) needZero = true;
      continue;
    }
    if (out && (needZero || group < 1000)) out += '零';
    needZero = false;
    out += groupToWords(group) + GROUP_UNITS[i]!;
  }
  return out;
}

/** 人民币大写, as printed on receipts: 壹仟贰佰叁拾肆元伍角整 / 零元整 / 负… for reversals. */
export function toChineseUppercase(amount: MoneyInput): string {
  const rounded = roundFen(amount);
  const negative = rounded.isNegative() && !rounded.isZero();
  const fen = BigInt(rounded.abs().times(100).toFixed(0));
  const yuan = fen / 100n;
  const jiao = Number((fen / 10n) % 10n);
  const fenDigit = Number(fen % 10n);
  const prefix = negative ? '负' : '';
  if (fen === 0n) return '零元整';
  let out = integerToWords(yuan);
  if (out) out += '元';
  if (jiao === 0 && fenDigit === 0) return `${prefix}${out}整`;
  if (jiao > 0) out += DIGITS[jiao]! + '角';
  else if (out) out += '零';
  if (fenDigit > 0) out += DIGITS[fenDigit]! + '分';
  else out += '整';
  return prefix + out;
}

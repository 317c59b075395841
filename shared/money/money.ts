import DecimalBase from 'decimal.js';

/** A Decimal with enough precision that no settlement arithmetic ever rounds implicitly. */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export type MoneyInput = Decimal | string | number;

export const ZERO = new Decimal(0);

export function dec(value: MoneyInput): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

/** 四舍五入 to the fen: the only rounding the rule book allows. */
export function roundFen(value: MoneyInput): Decimal {
  return dec(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The wire and JSON form of an amount: always two decimals, "1234.50". */
export function formatMoney(value: MoneyInput): string {
  const d = dec(value);
  return (d.isZero() ? d.abs() : d).toFixed(2, Decimal.ROUND_HALF_UP);
}

/** Integer fen for SQLite. Refuses an amount that is not a whole number of fen. */
export function toFen(value: MoneyInput): number {
  const fen = dec(value).times(100);
  if (!fen.isInteger()) throw new RangeError(`amount ${dec(value).toString()} is not a whole number of fen`);
  return fen.toNumber();
}

export function fromFen(fen: number | bigint): Decimal {
  return new Decimal(fen.toString()).dividedBy(100);
}

export function sum(values: Iterable<MoneyInput>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(dec(v));
  return total;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return a.greaterThan(b) ? a : b;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return a.lessThan(b) ? a : b;
}

export function clampZero(value: Decimal): Decimal {
  return value.isNegative() ? ZERO : value;
}

/**
 * Exact numeric types. `Decimal` (numeric/decimal columns) and `BigInt` (int8/bigint columns) are
 * carried as decimal STRINGS in the juggler, because a JS number silently rounds
 * '12345678901234567890.12'. Parsing works on the text; no value is ever routed through a number.
 */
import { InvalidArgumentError } from '../errors.js';

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const INTEGER_TEXT = /^([+-]?)(\d+)$/;
/** Guard against '1e100000000' expanding to a 100 MB string. */
const MAX_DIGITS = 1000;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return String(value);
  return Object.prototype.toString.call(value);
}

function stripLeadingZeros(digits: string): string {
  const stripped = digits.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

/** Applies the sign, turning '-0' and '-0.00' into their unsigned forms. */
function signed(sign: string, text: string): string {
  return sign === '-' && /[1-9]/.test(text) ? `-${text}` : text;
}

/**
 * The values of PostgreSQL's numeric besides numbers (`NaN`; `Infinity` and `-Infinity` since
 * PostgreSQL 14), kept as these texts; MySQL's DECIMAL has none of them.
 */
const SPECIAL_DECIMALS: ReadonlyMap<string, string> = new Map([
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['+Infinity', 'Infinity'],
  ['-Infinity', '-Infinity'],
]);

/** Whether a decimal text is one of numeric's special values (`NaN`, `Infinity`, `-Infinity`). */
export function isSpecialDecimal(text: string): boolean {
  return SPECIAL_DECIMALS.has(text);
}

/** Normalizes decimal text ('+0012.50', '.5', '1.5e3') to plain notation; undefined when it is not a number. */
function normalizeDecimalText(text: string): string | undefined {
  const special = SPECIAL_DECIMALS.get(text.trim());
  if (special !== undefined) return special;
  const match = DECIMAL_TEXT.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', intPart = '', fracPart = '', exponentText] = match;
  if (intPart === '' && fracPart === '') return undefined;
  if (exponentText === undefined) {
    const integer = stripLeadingZeros(intPart);
    return signed(sign, fracPart === '' ? integer : `${integer}.${fracPart}`);
  }
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_DIGITS) return undefined;
  const digits = intPart + fracPart;
  const point = intPart.length + exponent;
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  const [integer = '0', fraction] = plain.split('.');
  return signed(
    sign,
    fraction === undefined ? stripLeadingZeros(integer) : `${stripLeadingZeros(integer)}.${fraction}`,
  );
}

/**
 * The exact decimal string of a number, bigint or numeric string, or undefined when the value is
 * not numeric. Trailing zeros of the fraction are kept (they carry the scale).
 */
export function tryParseDecimal(value: unknown): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number')
    return Number.isFinite(value) ? normalizeDecimalText(String(value)) : undefined;
  if (typeof value === 'string') return normalizeDecimalText(value);
  if (value instanceof Decimal || value instanceof BigIntType) return value.value;
  return undefined;
}

/** The exact integer string of a safe-integral number, bigint or integer string, or undefined. */
export function tryParseBigInt(value: unknown): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : undefined;
  if (value instanceof BigIntType) return value.value;
  if (typeof value === 'string') {
    const match = INTEGER_TEXT.exec(value.trim());
    if (!match) return undefined;
    const [, sign = '', digits = ''] = match;
    return signed(sign, stripLeadingZeros(digits));
  }
  return undefined;
}

/**
 * A decimal rounded to `scale` fraction digits, half away from zero, with exactly `scale` digits
 * (what a `numeric(p, scale)` column stores); undefined when the value is not numeric.
 *
 * @example
 * roundDecimal('1.255', 2) // '1.26'
 * roundDecimal('2', 2) // '2.00'
 * roundDecimal('-0.004', 2) // '0.00'
 */
export function roundDecimal(value: unknown, scale: number): string | undefined {
  const plain = tryParseDecimal(value);
  if (plain === undefined || SPECIAL_DECIMALS.has(plain)) return plain;
  const negative = plain.startsWith('-');
  const [integer = '0', fraction = ''] = (negative ? plain.slice(1) : plain).split('.');
  let units = BigInt(integer + fraction.slice(0, scale).padEnd(scale, '0'));
  if (Number(fraction[scale] ?? '0') >= 5) units += 1n;
  const digits = units.toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return signed(negative ? '-' : '', text);
}

/**
 * An exact decimal number (the `Decimal` model type). Property values of this type are plain
 * strings; the class parses and carries one when an object is wanted.
 *
 * @example
 * new Decimal('12345678901234567890.12').toString() // '12345678901234567890.12'
 * Decimal.parse(1.5e21) // '1500000000000000000000'
 */
export class Decimal {
  /** The value as exact decimal text in plain notation. */
  readonly value: string;

  constructor(value: unknown) {
    this.value = Decimal.parse(value);
  }

  /** Parses a number, bigint or numeric string to exact decimal text; throws InvalidArgumentError otherwise. */
  static parse(value: unknown): string {
    const parsed = tryParseDecimal(value);
    if (parsed === undefined) {
      throw new InvalidArgumentError(
        `Expected a decimal number (a number, a bigint or a numeric string such as '12.50'), received ${describe(value)}`,
        { expected: 'Decimal', received: describe(value) },
      );
    }
    return parsed;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

/**
 * An exact 64-bit-or-larger integer (the `BigInt` model type, not JavaScript's `BigInt`). Property
 * values of this type are plain integer strings.
 *
 * @example
 * new BigIntType('9007199254740993').toString() // '9007199254740993' (a number would give ...992)
 */
export class BigIntType {
  /** The value as exact integer text. */
  readonly value: string;

  constructor(value: unknown) {
    this.value = BigIntType.parse(value);
  }

  /** Parses an integral number, bigint or integer string to exact integer text; throws InvalidArgumentError otherwise. */
  static parse(value: unknown): string {
    const parsed = tryParseBigInt(value);
    if (parsed === undefined) {
      throw new InvalidArgumentError(
        `Expected an integer (an integral number, a bigint or an integer string such as '9007199254740993'), received ${describe(value)}`,
        { expected: 'BigInt', received: describe(value) },
      );
    }
    return parsed;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

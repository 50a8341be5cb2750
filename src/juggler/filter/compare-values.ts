/**
 * Type-aware value comparison in the juggler's value representation, used by the in-memory
 * evaluator and sorter: Decimal and BigInt are exact decimal strings and compare numerically
 * without passing through a JS number; Dates compare by time; exact date/time texts in time order
 * (years of any sign and width, microseconds, ±infinity).
 */
import type { ModelTypeName } from '../connector/model-type-name.js';
import { compareDateTimeTexts } from '../types/date-time-text.js';

const PLAIN_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Compares two exact decimal strings numerically (-1, 0, 1). */
export function compareDecimalStrings(a: string, b: string): number {
  const left = PLAIN_DECIMAL.exec(a.trim());
  const right = PLAIN_DECIMAL.exec(b.trim());
  if (!left || !right) return Math.sign(Number(a) - Number(b));
  const scale = Math.max(left[3]?.length ?? 0, right[3]?.length ?? 0);
  const scaled = (match: RegExpExecArray): bigint => {
    const digits = `${match[2] || '0'}${(match[3] ?? '').padEnd(scale, '0')}`;
    const value = BigInt(digits);
    return match[1] === '-' ? -value : value;
  };
  const difference = scaled(left) - scaled(right);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

function isNumericType(type: ModelTypeName | undefined): boolean {
  return type === 'Decimal' || type === 'BigInt';
}

/** Types whose values are canonical date/time texts (date-time-text.ts). */
function isDateTimeTextType(type: ModelTypeName | undefined): boolean {
  return type === 'DateTime' || type === 'LocalDateTime' || type === 'DateString';
}

/**
 * Compares two non-null values of one property: negative, zero or positive; NaN when the values
 * cannot be ordered (an object against a number, say).
 */
export function compareValues(a: unknown, b: unknown, type?: ModelTypeName): number {
  if (isNumericType(type) || typeof a === 'bigint' || typeof b === 'bigint') {
    return compareDecimalStrings(String(a), String(b));
  }
  if (isDateTimeTextType(type) && typeof a === 'string' && typeof b === 'string') {
    return compareDateTimeTexts(a, b);
  }
  if (a instanceof Date || b instanceof Date) {
    const left = a instanceof Date ? a.getTime() : new Date(a as string).getTime();
    const right = b instanceof Date ? b.getTime() : new Date(b as string).getTime();
    return left - right;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number' || typeof b === 'number') {
    const left = Number(a);
    const right = Number(b);
    return Number.isNaN(left) || Number.isNaN(right) ? Number.NaN : left - right;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Buffer.compare(a, b);
  return Number.NaN;
}

/** Whether two non-null values of one property are equal (deep for objects and arrays). */
export function valuesEqual(a: unknown, b: unknown, type?: ModelTypeName): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (
    Array.isArray(a) ||
    Array.isArray(b) ||
    (typeof a === 'object' && !(a instanceof Date) && !Buffer.isBuffer(a))
  ) {
    return deepEqual(a, b);
  }
  return compareValues(a, b, type) === 0;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const left = Object.keys(a);
    const right = Object.keys(b);
    return (
      left.length === right.length &&
      left.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
    );
  }
  return false;
}

/**
 * Coerces one filter value to the juggler's representation of a property type (see `Row` in
 * connector/model-type-name.ts): Decimal and BigInt become exact decimal strings (never a JS number), Dates are
 * parsed from ISO strings or epoch milliseconds, and so on. A value that cannot be coerced makes
 * a FilterError carrying {model, property, operator, expected, received}.
 */
import type { ModelTypeName } from '../connector/model-type-name.js';
import { FilterError } from '../errors.js';
import { canonicalDate, canonicalInstant, canonicalLocalDateTime } from '../types/date-time-text.js';
import { isSpecialDecimal, tryParseDecimal } from '../types/decimal.js';
import type { FilterProperty } from './filter-schema.js';

/** Where a value sits, for error details. */
export interface CoerceContext {
  model: string;
  property: string;
  operator: string;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** A short description of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array ${JSON.stringify(value)}`;
  if (value instanceof Date)
    return `Date ${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
  if (value instanceof RegExp) return `RegExp ${String(value)}`;
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return `object ${safeJson(value)}`;
  return `${typeof value} ${String(value)}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function fail(ctx: CoerceContext, expected: string, value: unknown): never {
  const received = describeValue(value);
  throw new FilterError(
    `Invalid value for \`${ctx.property}\` (operator \`${ctx.operator}\`) in a filter on model \`${ctx.model}\`: expected ${expected}, received ${received}`,
    { model: ctx.model, property: ctx.property, operator: ctx.operator, expected, received },
  );
}

function toNumber(value: unknown, ctx: CoerceContext): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return fail(ctx, 'a Number', value);
}

function toDecimalString(value: unknown, ctx: CoerceContext, integer: boolean): string {
  const expected = integer
    ? 'an integer (number, bigint or integer string)'
    : 'a decimal (number or numeric string)';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (integer && !Number.isSafeInteger(value)))
      return fail(ctx, expected, value);
    return String(value);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if ((integer ? INTEGER : DECIMAL).test(text)) return text;
    // PostgreSQL numeric's NaN, Infinity and -Infinity (juggler/types/decimal.ts).
    if (!integer && isSpecialDecimal(text)) return tryParseDecimal(text) ?? text;
  }
  return fail(ctx, expected, value);
}

function toBoolean(value: unknown, ctx: CoerceContext): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1 || value === '1') return true;
  if (value === 'false' || value === 0 || value === '0') return false;
  return fail(ctx, 'a Boolean', value);
}

function toDate(value: unknown, ctx: CoerceContext): Date {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'string' && value.trim() !== '') date = new Date(value);
  else if (typeof value === 'number') date = new Date(value);
  if (!date || Number.isNaN(date.getTime()))
    return fail(ctx, 'a Date (ISO 8601 string, Date or epoch ms)', value);
  return date;
}

function toDateString(value: unknown, ctx: CoerceContext): string {
  return canonicalDate(value) ?? fail(ctx, "a date string 'YYYY-MM-DD'", value);
}

function toDateTime(value: unknown, ctx: CoerceContext): string {
  return (
    canonicalInstant(value) ??
    fail(ctx, "an ISO 8601 date-time with an offset such as '2022-06-21T07:41:50.707316Z'", value)
  );
}

function toLocalDateTime(value: unknown, ctx: CoerceContext): string {
  return (
    canonicalLocalDateTime(value) ??
    fail(ctx, "an ISO 8601 date-time without an offset such as '2020-01-01T10:00:00.654321'", value)
  );
}

function toText(value: unknown, ctx: CoerceContext): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return fail(ctx, 'a String', value);
}

function toBuffer(value: unknown, ctx: CoerceContext): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  return fail(ctx, 'a Buffer (or a base64 string)', value);
}

function toGeoPoint(value: unknown, ctx: CoerceContext): { lat: number; lng: number } {
  if (typeof value === 'object' && value !== null && 'lat' in value && 'lng' in value) {
    const { lat, lng } = value as { lat: unknown; lng: unknown };
    if (typeof lat === 'number' && typeof lng === 'number') return { lat, lng };
  }
  if (typeof value === 'string') {
    const parts = value.split(',').map((part) => Number(part.trim()));
    if (parts.length === 2 && parts.every(Number.isFinite)) return { lat: parts[0] ?? 0, lng: parts[1] ?? 0 };
  }
  return fail(ctx, 'a GeoPoint {lat, lng}', value);
}

/** Coerces a non-null scalar to the representation of `type`. */
export function coerceScalar(value: unknown, type: ModelTypeName, ctx: CoerceContext): unknown {
  switch (type) {
    case 'String':
    case 'Text':
      return toText(value, ctx);
    case 'Number':
      return toNumber(value, ctx);
    case 'BigInt':
      return toDecimalString(value, ctx, true);
    case 'Decimal':
      return toDecimalString(value, ctx, false);
    case 'Boolean':
      return toBoolean(value, ctx);
    case 'Date':
      return toDate(value, ctx);
    case 'DateString':
      return toDateString(value, ctx);
    case 'DateTime':
      return toDateTime(value, ctx);
    case 'LocalDateTime':
      return toLocalDateTime(value, ctx);
    case 'Buffer':
      return toBuffer(value, ctx);
    case 'GeoPoint':
      return toGeoPoint(value, ctx);
    default:
      return value;
  }
}

/**
 * Coerces a value compared with a property. `null` stays `null` (IS NULL). For Array properties
 * a scalar is coerced to the element type (containment), an array element-wise.
 */
export function coerceFilterValue(value: unknown, property: FilterProperty, ctx: CoerceContext): unknown {
  if (value === null || value === undefined) return null;
  if (property.type === 'Array') {
    const itemType = property.itemType ?? 'Any';
    if (Array.isArray(value))
      return value.map((item) => (item === null ? null : coerceScalar(item, itemType, ctx)));
    return coerceScalar(value, itemType, ctx);
  }
  return coerceScalar(value, property.type, ctx);
}

/** Parses a regexp operand: a RegExp, a '/pattern/flags' string, or a plain pattern string. */
export function toRegExp(value: unknown, flags: string, ctx: CoerceContext): RegExp {
  if (value instanceof RegExp) {
    const merged = [...new Set((value.flags + flags).split(''))].join('');
    return merged === value.flags ? value : new RegExp(value.source, merged);
  }
  if (typeof value === 'string') {
    const literal = /^\/(.*)\/([a-z]*)$/s.exec(value);
    try {
      if (literal)
        return new RegExp(literal[1] ?? '', [...new Set(((literal[2] ?? '') + flags).split(''))].join(''));
      return new RegExp(value, flags);
    } catch {
      return fail(ctx, 'a valid regular expression', value);
    }
  }
  return fail(ctx, "a RegExp or a '/pattern/flags' string", value);
}

/**
 * Per-type value coercion used by model property setters. Coercion never throws: a value that
 * cannot be converted is kept as given, and `checkValue` explains later, during validation, why
 * it is not a valid value of the type (LoopBack's setters do not throw either; its Date
 * properties get a `date` validation, which `checkValue` generalizes to every type).
 */
import type { ModelTypeName } from '../connector/model-type-name.js';
import { tryParseDateString } from './date-string.js';
import { canonicalInstant, canonicalLocalDateTime } from './date-time-text.js';
import { BigIntType, Decimal, tryParseBigInt, tryParseDecimal } from './decimal.js';
import { GeoPoint } from './geo-point.js';
import { AnyType, JsonType, Text } from './marker-types.js';

/** How one canonical type converts and checks values (null and undefined never reach these). */
interface TypeCoercion {
  coerce(value: unknown): unknown;
  /** The validation message when the value is not valid for the type, undefined when it is. */
  check(value: unknown): string | undefined;
}

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/i;
const HEX_BYTEA = /^\\x([0-9a-f]{2})*$/i;

function unwrap(value: unknown): unknown {
  if (value instanceof Text || value instanceof JsonType || value instanceof AnyType) return value.value;
  if (value instanceof Decimal || value instanceof BigIntType) return value.value;
  return value;
}

function coerceString(value: unknown): unknown {
  const plain = unwrap(value);
  if (typeof plain === 'string') return plain;
  if (typeof plain === 'number' || typeof plain === 'boolean' || typeof plain === 'bigint')
    return String(plain);
  if (plain instanceof Date && !Number.isNaN(plain.getTime())) return plain.toISOString();
  return plain;
}

function coerceNumber(value: unknown): unknown {
  const plain = unwrap(value);
  if (typeof plain === 'string' && NUMERIC_TEXT.test(plain.trim())) return Number(plain);
  if (typeof plain === 'bigint') return Number(plain);
  return plain;
}

function coerceBoolean(value: unknown): unknown {
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
  }
  if (value === 1 || value === 0) return value === 1;
  return value;
}

/** A Date from a Date, epoch milliseconds, an ISO 8601 string or another string `Date` parses. */
function coerceDate(value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value);
  if (typeof value === 'string') {
    const text = value.trim();
    const looksParsable = ISO_DATE_TIME.test(text) || (/[a-z]/i.test(text) && /\d/.test(text));
    if (!looksParsable) return value;
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value;
}

function coerceBuffer(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === 'string') {
    return HEX_BYTEA.test(value) ? Buffer.from(value.slice(2), 'hex') : Buffer.from(value, 'base64');
  }
  if (Array.isArray(value) && value.every((byte) => Number.isInteger(byte) && byte >= 0 && byte < 256)) {
    return Buffer.from(value as number[]);
  }
  if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer') {
    const data = (value as { data?: unknown }).data;
    if (Array.isArray(data)) return coerceBuffer(data);
  }
  return value;
}

function coerceGeoPoint(value: unknown): unknown {
  if (value instanceof GeoPoint) return value;
  try {
    return new GeoPoint(value as string);
  } catch {
    return value;
  }
}

function geoPointProblem(value: unknown): string | undefined {
  if (value instanceof GeoPoint) return undefined;
  try {
    new GeoPoint(value as string);
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid GeoPoint: /, '') : String(error);
    return `is not a valid GeoPoint (${reason})`;
  }
}

const passThrough: TypeCoercion = { coerce: (value) => value, check: () => undefined };

const stringCoercion: TypeCoercion = {
  coerce: coerceString,
  check: (value) => (typeof value === 'string' ? undefined : 'is not a valid String'),
};

const COERCIONS: Record<ModelTypeName, TypeCoercion> = {
  String: stringCoercion,
  Text: stringCoercion,
  Number: {
    coerce: coerceNumber,
    check: (value) =>
      typeof value === 'number' && Number.isFinite(value) ? undefined : 'is not a valid Number',
  },
  BigInt: {
    coerce: (value) => tryParseBigInt(value) ?? value,
    check: (value) =>
      typeof value === 'string' && tryParseBigInt(value) === value ? undefined : 'is not a valid BigInt',
  },
  Decimal: {
    coerce: (value) => tryParseDecimal(value) ?? value,
    check: (value) =>
      typeof value === 'string' && tryParseDecimal(value) === value ? undefined : 'is not a valid Decimal',
  },
  Boolean: {
    coerce: coerceBoolean,
    check: (value) => (typeof value === 'boolean' ? undefined : 'is not a valid Boolean'),
  },
  Date: {
    coerce: coerceDate,
    check: (value) =>
      value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : 'is not a valid date',
  },
  DateTime: {
    coerce: (value) => canonicalInstant(value) ?? value,
    check: (value) =>
      typeof value === 'string' && canonicalInstant(value) === value ? undefined : 'is not a valid DateTime',
  },
  LocalDateTime: {
    coerce: (value) => canonicalLocalDateTime(value) ?? value,
    check: (value) =>
      typeof value === 'string' && canonicalLocalDateTime(value) === value
        ? undefined
        : 'is not a valid LocalDateTime',
  },
  DateString: {
    coerce: (value) => tryParseDateString(value) ?? value,
    check: (value) =>
      typeof value === 'string' && tryParseDateString(value) === value
        ? undefined
        : 'is not a valid DateString',
  },
  Buffer: {
    coerce: coerceBuffer,
    check: (value) => (Buffer.isBuffer(value) ? undefined : 'is not a valid Buffer'),
  },
  Array: passThrough,
  Object: passThrough,
  JSON: { coerce: unwrap, check: () => undefined },
  Any: { coerce: unwrap, check: () => undefined },
  GeoPoint: { coerce: coerceGeoPoint, check: geoPointProblem },
};

function coerceArray(value: unknown, itemTypeName: ModelTypeName): unknown {
  let list = value;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      list = JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (!Array.isArray(list)) return value;
  return list.map((item) => coerceValue(item, itemTypeName));
}

/**
 * Converts a value to the juggler's representation of a type (see `Row` in connector/model-type-name.ts): numeric
 * strings to numbers, 'true'/'false'/1/0 to booleans, ISO strings and epoch ms to Dates, numbers
 * and numeric strings to exact Decimal/BigInt strings, array elements to the item type. null and
 * undefined pass through; an unconvertible value is returned unchanged for validation to report.
 *
 * @example
 * coerceValue('12345678901234567890.12', 'Decimal') // '12345678901234567890.12'
 * coerceValue(['1', '2'], 'Array', 'Number') // [1, 2]
 */
export function coerceValue(value: unknown, typeName: ModelTypeName, itemTypeName?: ModelTypeName): unknown {
  if (value === null || value === undefined) return value;
  if (typeName === 'Array') return coerceArray(value, itemTypeName ?? 'Any');
  return COERCIONS[typeName].coerce(value);
}

/**
 * The validation message for a value that is not a valid value of the type ('is not a valid
 * date', 'is not a valid Decimal'...), or undefined when it is valid. null and undefined are valid
 * here: presence is a separate validation.
 */
export function checkValue(
  value: unknown,
  typeName: ModelTypeName,
  itemTypeName?: ModelTypeName,
): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeName === 'Array') {
    if (!Array.isArray(value)) return 'is not a valid Array';
    for (const item of value) {
      const problem = checkValue(item, itemTypeName ?? 'Any');
      if (problem !== undefined) return `has an item that ${problem}`;
    }
    return undefined;
  }
  return COERCIONS[typeName].check(value);
}

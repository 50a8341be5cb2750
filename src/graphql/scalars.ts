/**
 * Custom scalars of the generated schema. BigInt and Decimal travel as strings so that no value
 * is ever routed through a lossy JS number, and DateTime, LocalDateTime and Date as exact texts
 * (microseconds, any year) so that none is routed through a JS Date: the juggler keeps them as exact decimal strings and a
 * literal such as `0.99` is read from its source text, not from a float.
 */
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { canonicalDate, canonicalInstant, canonicalLocalDateTime } from '../juggler/types/date-time-text.js';
import { exactJsonOf, jsonNumberOf } from '../juggler/types/json-number.js';

function fail(scalar: string, expected: string, received: unknown, node?: ValueNode): never {
  const shown = node ? print(node) : describe(received);
  throw new GraphQLError(
    `${scalar} cannot represent ${shown}: expected ${expected}.`,
    node ? { nodes: node } : {},
  );
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date)
    return `Date(${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()})`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const INTEGER_PATTERN = /^-?\d+$/;
/** A decimal number, or one of PostgreSQL numeric's special values (NaN, Infinity, -Infinity). */
const DECIMAL_PATTERN = /^(?:-?\d+(\.\d+)?|NaN|-?Infinity)$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** A date alone (no time): what `Date` accepts before canonicalDate reads it. */
const DATE_ONLY_PATTERN = /^(?:[+-]\d{4,}|\d{4,})-\d\d-\d\d(?: BC)?$/;

const DATE_TIME_EXPECTED =
  'an ISO 8601 date-time with offset such as "2024-02-29T12:30:00.123456Z" (or "infinity", "-infinity")';

function parseDateTime(value: unknown, node?: ValueNode): string {
  return (
    (typeof value === 'string' ? canonicalInstant(value) : undefined) ??
    fail('DateTime', DATE_TIME_EXPECTED, value, node)
  );
}

/**
 * `DateTime`: an instant as canonical RFC 3339 text in UTC with microseconds when it has them
 * (`2022-06-21T07:41:50.707316Z`, see juggler/types/date-time-text.ts); inputs with any offset
 * are converted to it, never rounded to milliseconds. JS Dates (LoopBack `Date` properties)
 * serialize as `toISOString` writes them.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description:
    'An instant as an RFC 3339 date-time in UTC with up to 6 fraction digits, e.g. `2022-06-21T07:41:50.707316Z`; years outside 0000–9999 as `+010000`/`-000043` (astronomical: 1 BC is 0000); also `infinity` and `-infinity`.',
  serialize(value) {
    // Connectors give canonical texts already: a cheap check keeps foreign strings out.
    if (typeof value === 'string') {
      if (value.endsWith('Z') || value === 'infinity' || value === '-infinity') return value;
      return canonicalInstant(value) ?? fail('DateTime', 'an ISO 8601 string with offset', value);
    }
    if (value instanceof Date || typeof value === 'number') {
      const date = value instanceof Date ? value : new Date(value);
      if (!Number.isNaN(date.getTime())) return date.toISOString();
    }
    return fail('DateTime', 'a Date or an ISO 8601 string', value);
  },
  parseValue: (value) => parseDateTime(value),
  parseLiteral(node) {
    if (node.kind !== Kind.STRING) return fail('DateTime', DATE_TIME_EXPECTED, undefined, node);
    return parseDateTime(node.value, node);
  },
});

const LOCAL_DATE_TIME_EXPECTED =
  'an ISO 8601 date-time without offset such as "2020-01-01T10:00:00.654321" (or "infinity", "-infinity")';

function parseLocalDateTime(value: unknown, node?: ValueNode): string {
  return (
    (typeof value === 'string' ? canonicalLocalDateTime(value) : undefined) ??
    fail('LocalDateTime', LOCAL_DATE_TIME_EXPECTED, value, node)
  );
}

/**
 * `LocalDateTime`: a date and wall-clock time without a time zone (PostgreSQL's `timestamp
 * without time zone`, MySQL's `DATETIME`), as `2020-01-01T10:00:00.654321`; never shifted by the
 * gateway's or the database's time zone. An input with an offset is refused.
 */
export const LocalDateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'LocalDateTime',
  description:
    'A date and time without a time zone, ISO 8601 with up to 6 fraction digits, e.g. `2020-01-01T10:00:00.654321`; years as in `DateTime`; also `infinity` and `-infinity`.',
  serialize(value) {
    if (typeof value === 'string') {
      const last = value.charCodeAt(value.length - 1);
      if ((last >= 48 && last <= 57) || value === 'infinity' || value === '-infinity') return value;
      return (
        canonicalLocalDateTime(value) ?? fail('LocalDateTime', 'an ISO 8601 string without offset', value)
      );
    }
    if (value instanceof Date) {
      const text = canonicalLocalDateTime(value);
      if (text !== undefined) return text;
    }
    return fail('LocalDateTime', 'an ISO 8601 string without offset', value);
  },
  parseValue: (value) => parseLocalDateTime(value),
  parseLiteral(node) {
    if (node.kind !== Kind.STRING) return fail('LocalDateTime', LOCAL_DATE_TIME_EXPECTED, undefined, node);
    return parseLocalDateTime(node.value, node);
  },
});

const DATE_EXPECTED = 'a calendar date as "YYYY-MM-DD" (or "infinity", "-infinity")';

function parseDateString(value: unknown, node?: ValueNode): string {
  if (
    typeof value === 'string' &&
    (DATE_ONLY_PATTERN.test(value) || value === 'infinity' || value === '-infinity')
  ) {
    const date = canonicalDate(value);
    if (date !== undefined) return date;
  }
  return fail('Date', DATE_EXPECTED, value, node);
}

/** `Date`: a `'YYYY-MM-DD'` string (any year, see `DateTime`), never shifted by a time zone. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description:
    'A calendar date as `YYYY-MM-DD`, with no time zone; years outside 0000–9999 as `+010000-01-01`/`-000043-03-15`; also `infinity` and `-infinity`.',
  serialize(value) {
    if (value instanceof Date) {
      const date = canonicalDate(value);
      if (date !== undefined) return date;
    }
    if (typeof value === 'string' && value.length === 10 && value.charCodeAt(4) === 45) return value;
    return parseDateString(value);
  },
  parseValue: (value) => parseDateString(value),
  parseLiteral(node) {
    if (node.kind !== Kind.STRING) return fail('Date', DATE_EXPECTED, undefined, node);
    return parseDateString(node.value, node);
  },
});

function literalToJson(node: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      // Read from the source text: a number a double would change stays exact (a JsonNumber).
      return jsonNumberOf(node.value);
    case Kind.NULL:
      return null;
    case Kind.ENUM:
      return node.value;
    case Kind.LIST:
      return node.values.map((item) => literalToJson(item, variables));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literalToJson(field.value, variables)]),
      );
    case Kind.VARIABLE:
      return exactJsonOf(variables?.[node.name.value] ?? null);
  }
}

/**
 * `JSON`: any JSON value, passed through as is. Numbers a double would change (integers past
 * 2^53, long decimals) travel exactly: read from the database and from literals as `JsonNumber`s,
 * from variables by the exact reading the request parser kept (juggler/types/json-number.ts), and
 * written into the answer as their digits.
 */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value: object, array, string, number, boolean or null.',
  serialize: (value) => value,
  parseValue: (value) => exactJsonOf(value),
  parseLiteral: (node, variables) => literalToJson(node, variables),
});

const BIGINT_EXPECTED = 'an integer as a string of digits such as "9007199254740993", or a safe integer';

function parseBigInt(value: unknown, node?: ValueNode): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return String(value);
    return fail(
      'BigInt',
      `${BIGINT_EXPECTED} (numbers beyond 2^53 lose precision: send a string)`,
      value,
      node,
    );
  }
  if (typeof value === 'string' && INTEGER_PATTERN.test(value)) return normalizeInteger(value);
  return fail('BigInt', BIGINT_EXPECTED, value, node);
}

function normalizeInteger(text: string): string {
  return BigInt(text).toString();
}

/** `BigInt`: integers of any size as digit strings; number inputs must be safe integers. */
export const BigIntScalar = new GraphQLScalarType<string, string>({
  name: 'BigInt',
  description: 'A 64-bit (or wider) integer, as a string of digits so that no precision is lost.',
  serialize: (value) => parseBigInt(value),
  parseValue: (value) => parseBigInt(value),
  parseLiteral(node) {
    if (node.kind === Kind.INT) return normalizeInteger(node.value);
    if (node.kind === Kind.STRING) return parseBigInt(node.value, node);
    return fail('BigInt', BIGINT_EXPECTED, undefined, node);
  },
});

const DECIMAL_EXPECTED = 'a decimal number such as "12.34" (a string keeps every digit)';

function parseDecimal(value: unknown, node?: ValueNode): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return decimalFromNumber(value);
    return fail('Decimal', DECIMAL_EXPECTED, value, node);
  }
  if (typeof value === 'string' && DECIMAL_PATTERN.test(value)) return value;
  return fail('Decimal', DECIMAL_EXPECTED, value, node);
}

/** The shortest decimal text of a finite number, without exponent notation (`1e-7` → `0.0000001`). */
function decimalFromNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/** `Decimal`: exact decimals as strings; literals are read from their source text so `0.99` stays `"0.99"`. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number, as a string so that no precision is lost.',
  serialize: (value) => parseDecimal(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral(node) {
    if (node.kind === Kind.INT || node.kind === Kind.FLOAT) {
      if (DECIMAL_PATTERN.test(node.value)) return node.value;
      return parseDecimal(Number(node.value), node);
    }
    if (node.kind === Kind.STRING) return parseDecimal(node.value, node);
    return fail('Decimal', DECIMAL_EXPECTED, undefined, node);
  },
});

const BASE64_EXPECTED = 'base64-encoded binary data';

function parseBase64(value: unknown, node?: ValueNode): Buffer {
  if (typeof value === 'string' && BASE64_PATTERN.test(value)) return Buffer.from(value, 'base64');
  return fail('Base64', BASE64_EXPECTED, value, node);
}

/** `Base64`: Buffers out as base64 text, base64 text in as Buffers. */
export const Base64Scalar = new GraphQLScalarType<Buffer, string>({
  name: 'Base64',
  description: 'Binary data, base64-encoded.',
  serialize(value) {
    if (Buffer.isBuffer(value)) return value.toString('base64');
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    if (typeof value === 'string') return parseBase64(value).toString('base64');
    return fail('Base64', 'a Buffer', value);
  },
  parseValue: (value) => parseBase64(value),
  parseLiteral(node) {
    if (node.kind !== Kind.STRING) return fail('Base64', BASE64_EXPECTED, undefined, node);
    return parseBase64(node.value, node);
  },
});

/** Every custom scalar by name, ready for a resolver map. */
export const SCALARS: Record<string, GraphQLScalarType> = {
  DateTime: DateTimeScalar as GraphQLScalarType,
  LocalDateTime: LocalDateTimeScalar as GraphQLScalarType,
  Date: DateScalar as GraphQLScalarType,
  JSON: JSONScalar,
  BigInt: BigIntScalar as GraphQLScalarType,
  Decimal: DecimalScalar as GraphQLScalarType,
  Base64: Base64Scalar as GraphQLScalarType,
};

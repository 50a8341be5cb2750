/**
 * Custom scalars of the generated schema. BigInt and Decimal travel as strings so that no value
 * is ever routed through a lossy JS number: the juggler keeps them as exact decimal strings and a
 * literal such as `0.99` is read from its source text, not from a float.
 */
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';

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

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER_PATTERN = /^-?\d+$/;
const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DATE_TIME_EXPECTED = 'an ISO 8601 date-time with offset such as "2024-02-29T12:30:00Z"';

function parseDateTime(value: unknown, node?: ValueNode): Date {
  if (typeof value !== 'string') return fail('DateTime', DATE_TIME_EXPECTED, value, node);
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return fail('DateTime', DATE_TIME_EXPECTED, value, node);
  }
  const date = new Date(value);
  if (
    Number.isNaN(date.getTime()) ||
    Number(match[4]) > 23 ||
    Number(match[5]) > 59 ||
    Number(match[6] ?? 0) > 59
  ) {
    return fail('DateTime', DATE_TIME_EXPECTED, value, node);
  }
  return date;
}

/** `DateTime`: serializes Dates (and ISO strings, epoch milliseconds) as ISO strings; parses strictly into Dates. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as an ISO 8601 date-time with offset, e.g. `2024-02-29T12:30:00.000Z`.',
  serialize(value) {
    const date =
      value instanceof Date
        ? value
        : typeof value === 'number' || typeof value === 'string'
          ? new Date(value)
          : null;
    if (!date || Number.isNaN(date.getTime())) return fail('DateTime', 'a Date or an ISO 8601 string', value);
    return date.toISOString();
  },
  parseValue: (value) => parseDateTime(value),
  parseLiteral(node) {
    if (node.kind !== Kind.STRING) return fail('DateTime', DATE_TIME_EXPECTED, undefined, node);
    return parseDateTime(node.value, node);
  },
});

const DATE_EXPECTED = 'a calendar date as "YYYY-MM-DD"';

function parseDateString(value: unknown, node?: ValueNode): string {
  if (typeof value !== 'string') return fail('Date', DATE_EXPECTED, value, node);
  const match = DATE_PATTERN.exec(value);
  if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return fail('Date', DATE_EXPECTED, value, node);
  }
  return value;
}

/** `Date`: a `'YYYY-MM-DD'` string, never shifted by a time zone. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date as `YYYY-MM-DD`, with no time zone.',
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
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
      return Number(node.value);
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
      return variables?.[node.name.value] ?? null;
  }
}

/** `JSON`: any JSON value, passed through as is. */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value: object, array, string, number, boolean or null.',
  serialize: (value) => value,
  parseValue: (value) => value,
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
  Date: DateScalar as GraphQLScalarType,
  JSON: JSONScalar,
  BigInt: BigIntScalar as GraphQLScalarType,
  Decimal: DecimalScalar as GraphQLScalarType,
  Base64: Base64Scalar as GraphQLScalarType,
};

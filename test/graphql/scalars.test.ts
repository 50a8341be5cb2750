import { type GraphQLScalarType, parseValue } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  Base64Scalar,
  BigIntScalar,
  DateScalar,
  DateTimeScalar,
  DecimalScalar,
  JSONScalar,
  LocalDateTimeScalar,
} from '../../src/graphql/scalars.js';

function literal(scalar: GraphQLScalarType, source: string, variables?: Record<string, unknown>): unknown {
  return scalar.parseLiteral(parseValue(source), variables);
}

describe('the Decimal scalar', () => {
  it('keeps every digit of string values and of literals, never passing through a float', () => {
    expect(DecimalScalar.serialize('12345678901234567890.12')).toBe('12345678901234567890.12');
    expect(literal(DecimalScalar, '12345678901234567890.123456789')).toBe('12345678901234567890.123456789');
    expect(literal(DecimalScalar, '0.99')).toBe('0.99');
    expect(literal(DecimalScalar, '"0.99"')).toBe('0.99');
    expect(DecimalScalar.parseValue('-5.10')).toBe('-5.10');
  });

  it('accepts finite numbers from variables and writes them without exponent notation', () => {
    expect(DecimalScalar.parseValue(0.99)).toBe('0.99');
    expect(DecimalScalar.parseValue(1e-7)).toBe('0.0000001');
  });

  it('rejects text that is not a decimal with a message saying what was expected', () => {
    expect(() => DecimalScalar.parseValue('abc')).toThrow(
      'Decimal cannot represent "abc": expected a decimal number',
    );
    expect(() => literal(DecimalScalar, 'true')).toThrow(/Decimal cannot represent true/);
    expect(() => DecimalScalar.parseValue(Number.NaN)).toThrow(/Decimal cannot represent/);
  });
});

describe('the BigInt scalar', () => {
  it('round-trips integers beyond 2^53 exactly as strings', () => {
    expect(BigIntScalar.serialize('9007199254740993')).toBe('9007199254740993');
    expect(literal(BigIntScalar, '9007199254740993')).toBe('9007199254740993');
    expect(literal(BigIntScalar, '"-9007199254740993"')).toBe('-9007199254740993');
    expect(BigIntScalar.serialize(42n)).toBe('42');
  });

  it('rejects unsafe numbers, fractions and non-numeric text', () => {
    expect(() => BigIntScalar.parseValue(2 ** 53 + 2)).toThrow(/lose precision: send a string/);
    expect(() => literal(BigIntScalar, '1.5')).toThrow(/BigInt cannot represent 1.5/);
    expect(() => BigIntScalar.parseValue('12a')).toThrow(/BigInt cannot represent "12a"/);
  });
});

describe('the DateTime scalar', () => {
  it('serializes Dates as ISO strings and parses ISO strings with an offset into exact UTC texts', () => {
    expect(DateTimeScalar.serialize(new Date('2024-02-29T12:30:00Z'))).toBe('2024-02-29T12:30:00.000Z');
    expect(literal(DateTimeScalar, '"2024-02-29T13:30:00+01:00"')).toBe('2024-02-29T12:30:00.000Z');
  });

  it('keeps microseconds on input and output, never rounding to milliseconds', () => {
    expect(literal(DateTimeScalar, '"2022-06-01T12:34:56.789123Z"')).toBe('2022-06-01T12:34:56.789123Z');
    expect(DateTimeScalar.parseValue('2022-06-21T09:41:50.707316+02:00')).toBe('2022-06-21T07:41:50.707316Z');
    expect(DateTimeScalar.serialize('2022-06-01T12:34:56.789123Z')).toBe('2022-06-01T12:34:56.789123Z');
    // Seven digits round to microseconds, carrying into the next year.
    expect(DateTimeScalar.parseValue('1999-12-31T23:59:59.9999996Z')).toBe('2000-01-01T00:00:00.000Z');
  });

  it('accepts years 1 to 99, years past 9999, BC years and infinity as documented texts', () => {
    expect(DateTimeScalar.parseValue('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(DateTimeScalar.parseValue('0099-12-31T23:59:59.5Z')).toBe('0099-12-31T23:59:59.500Z');
    expect(DateTimeScalar.parseValue('+010000-01-01T00:00:00Z')).toBe('+010000-01-01T00:00:00.000Z');
    expect(DateTimeScalar.parseValue('-000043-03-15T10:00:00Z')).toBe('-000043-03-15T10:00:00.000Z');
    expect(DateTimeScalar.parseValue('infinity')).toBe('infinity');
    expect(DateTimeScalar.parseValue('-infinity')).toBe('-infinity');
    expect(DateTimeScalar.serialize(new Date('0001-01-01T00:00:00Z'))).toBe('0001-01-01T00:00:00.000Z');
  });

  it('rejects dates without offset, impossible dates and non-strings', () => {
    expect(() => DateTimeScalar.parseValue('2024-02-29T12:30:00')).toThrow(
      /expected an ISO 8601 date-time with offset/,
    );
    expect(() => DateTimeScalar.parseValue('2023-02-29T12:30:00Z')).toThrow(/DateTime cannot represent/);
    expect(() => literal(DateTimeScalar, '1700000000')).toThrow(/DateTime cannot represent 1700000000/);
  });
});

describe('the LocalDateTime scalar', () => {
  it('keeps a wall-clock date-time without zone, with microseconds', () => {
    expect(literal(LocalDateTimeScalar, '"2020-01-01T10:00:00.654321"')).toBe('2020-01-01T10:00:00.654321');
    expect(LocalDateTimeScalar.parseValue('2020-01-01 10:00')).toBe('2020-01-01T10:00:00.000');
    expect(LocalDateTimeScalar.serialize('2020-01-01T10:00:00.654321')).toBe('2020-01-01T10:00:00.654321');
    expect(LocalDateTimeScalar.parseValue('infinity')).toBe('infinity');
  });

  it('refuses an offset, which would make it an instant', () => {
    expect(() => LocalDateTimeScalar.parseValue('2020-01-01T10:00:00Z')).toThrow(
      /LocalDateTime cannot represent "2020-01-01T10:00:00Z": expected an ISO 8601 date-time without offset/,
    );
  });
});

describe('the Date scalar', () => {
  it('keeps calendar dates as YYYY-MM-DD strings', () => {
    expect(DateScalar.serialize('2024-02-29')).toBe('2024-02-29');
    expect(literal(DateScalar, '"2024-02-29"')).toBe('2024-02-29');
  });

  it('accepts years 1 to 99 (no 1900 mapping), BC, past 9999 and infinity', () => {
    expect(DateScalar.parseValue('0001-01-01')).toBe('0001-01-01');
    expect(DateScalar.parseValue('0099-02-28')).toBe('0099-02-28');
    expect(() => DateScalar.parseValue('0099-02-29')).toThrow(/Date cannot represent/);
    expect(DateScalar.parseValue('0004-02-29')).toBe('0004-02-29');
    expect(DateScalar.parseValue('+010000-01-01')).toBe('+010000-01-01');
    expect(DateScalar.parseValue('-000043-03-15')).toBe('-000043-03-15');
    expect(DateScalar.parseValue('infinity')).toBe('infinity');
    expect(DateScalar.serialize('-000043-03-15')).toBe('-000043-03-15');
  });

  it('rejects impossible dates and other formats', () => {
    expect(() => DateScalar.parseValue('2023-02-29')).toThrow(
      'Date cannot represent "2023-02-29": expected a calendar date as "YYYY-MM-DD" (or "infinity", "-infinity").',
    );
    expect(() => DateScalar.parseValue('2023-02-28T10:00:00')).toThrow(/Date cannot represent/);
    expect(() => DateScalar.parseValue('29/02/2024')).toThrow(/Date cannot represent/);
  });
});

describe('the JSON scalar', () => {
  it('reads nested literals, including variables inside them', () => {
    expect(literal(JSONScalar, '{a: [1, "x", null, {b: true}], c: $v}', { v: 2.5 })).toEqual({
      a: [1, 'x', null, { b: true }],
      c: 2.5,
    });
    expect(JSONScalar.serialize({ k: [1] })).toEqual({ k: [1] });
  });
});

describe('the Base64 scalar', () => {
  it('encodes Buffers and decodes strict base64', () => {
    expect(Base64Scalar.serialize(Buffer.from('hi'))).toBe('aGk=');
    expect((Base64Scalar.parseValue('aGk=') as Buffer).toString()).toBe('hi');
    expect(() => Base64Scalar.parseValue('a*b')).toThrow(/Base64 cannot represent/);
  });
});

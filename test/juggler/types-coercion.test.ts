import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/juggler/errors.js';
import {
  AnyType,
  BigIntType,
  checkValue,
  coerceValue,
  DateString,
  Decimal,
  GeoPoint,
  JsonType,
  MODEL_TYPE_NAMES,
  resolveType,
  resolveTypeReference,
  roundDecimal,
  Text,
  Types,
} from '../../src/juggler/types/index.js';

describe('resolveType', () => {
  it('resolves type names case-insensitively, as the spec says', () => {
    expect(resolveType('number')).toBe(Number);
    expect(resolveType('Number')).toBe(Number);
    expect(resolveType('NUMBER')).toBe(Number);
    expect(resolveType('string')).toBe(String);
    expect(resolveType('String')).toBe(String);
    expect(resolveType('boolean')).toBe(Boolean);
    expect(resolveType('date')).toBe(Date);
    expect(resolveType('buffer')).toBe(Buffer);
    expect(resolveType('array')).toBe(Array);
    expect(resolveType('object')).toBe(Object);
  });

  it('resolves the schema types to their own constructors', () => {
    expect(resolveType('text')).toBe(Text);
    expect(resolveType('Text')).toBe(Types.Text);
    expect(resolveType('geopoint')).toBe(GeoPoint);
    expect(resolveType('json')).toBe(JsonType);
    expect(resolveType('JSON')).toBe(Types.JSON);
    expect(resolveType('any')).toBe(AnyType);
    expect(resolveType('decimal')).toBe(Decimal);
    expect(resolveType('bigint')).toBe(BigIntType);
    expect(resolveType('datestring')).toBe(DateString);
  });

  it('resolves arrays of a type to an array of the constructor', () => {
    expect(resolveType([String])).toEqual([String]);
    expect(resolveType(['number'])).toEqual([Number]);
  });

  it('returns undefined for a name that is no type', () => {
    expect(resolveType('Strng')).toBeUndefined();
  });

  it('maps every reference to one canonical type name', () => {
    expect(resolveTypeReference(String)?.typeName).toBe('String');
    expect(resolveTypeReference(BigInt)?.typeName).toBe('BigInt');
    expect(resolveTypeReference('geoPoint')?.typeName).toBe('GeoPoint');
    expect(resolveTypeReference([String])).toMatchObject({ typeName: 'Array', itemTypeName: 'String' });
    expect(resolveTypeReference([])).toMatchObject({ typeName: 'Array', itemTypeName: 'Any' });
    for (const name of MODEL_TYPE_NAMES) expect(resolveTypeReference(name)?.typeName).toBe(name);
  });
});

describe('coerceValue', () => {
  it('turns numeric strings into numbers and keeps non-numeric ones for validation', () => {
    expect(coerceValue('42', 'Number')).toBe(42);
    expect(coerceValue(' -1.5e2 ', 'Number')).toBe(-150);
    expect(coerceValue('abc', 'Number')).toBe('abc');
    expect(checkValue('abc', 'Number')).toBe('is not a valid Number');
    expect(checkValue(42, 'Number')).toBeUndefined();
  });

  it("turns 'true'/'false'/1/0 into booleans", () => {
    expect(coerceValue('true', 'Boolean')).toBe(true);
    expect(coerceValue('false', 'Boolean')).toBe(false);
    expect(coerceValue(1, 'Boolean')).toBe(true);
    expect(coerceValue(0, 'Boolean')).toBe(false);
    expect(coerceValue('1', 'Boolean')).toBe(true);
    expect(coerceValue('maybe', 'Boolean')).toBe('maybe');
    expect(checkValue('maybe', 'Boolean')).toBe('is not a valid Boolean');
  });

  it('builds Dates from ISO strings and epoch milliseconds and keeps invalid input for validation', () => {
    expect(coerceValue('2024-01-31T10:00:00Z', 'Date')).toEqual(new Date(Date.UTC(2024, 0, 31, 10)));
    expect(coerceValue(0, 'Date')).toEqual(new Date(0));
    expect(coerceValue('not a date', 'Date')).toBe('not a date');
    expect(checkValue('not a date', 'Date')).toBe('is not a valid date');
    expect(checkValue(new Date('nope'), 'Date')).toBe('is not a valid date');
  });

  it('keeps Decimal values exact as strings, never through a JS number', () => {
    expect(coerceValue('12345678901234567890.12', 'Decimal')).toBe('12345678901234567890.12');
    expect(coerceValue('0012.50', 'Decimal')).toBe('12.50');
    expect(coerceValue('.5', 'Decimal')).toBe('0.5');
    expect(coerceValue(1.5, 'Decimal')).toBe('1.5');
    expect(coerceValue('1.5e3', 'Decimal')).toBe('1500');
    expect(coerceValue('-1.25E-3', 'Decimal')).toBe('-0.00125');
    expect(coerceValue(1e21, 'Decimal')).toBe('1000000000000000000000');
    expect(coerceValue(12n, 'Decimal')).toBe('12');
    expect(coerceValue('-0.00', 'Decimal')).toBe('0.00');
    expect(coerceValue('twelve', 'Decimal')).toBe('twelve');
    expect(checkValue('twelve', 'Decimal')).toBe('is not a valid Decimal');
  });

  it('rounds a Decimal to a scale half away from zero, exactly, as a numeric(p, s) column stores it', () => {
    expect(roundDecimal('1.255', 2)).toBe('1.26');
    expect(roundDecimal('-1.255', 2)).toBe('-1.26');
    expect(roundDecimal('1.254999', 2)).toBe('1.25');
    expect(roundDecimal('2', 2)).toBe('2.00');
    expect(roundDecimal('9.995', 2)).toBe('10.00');
    expect(roundDecimal('-0.004', 2)).toBe('0.00');
    expect(roundDecimal('0.5', 0)).toBe('1');
    expect(roundDecimal('12345678901234567890.123456789', 9)).toBe('12345678901234567890.123456789');
    expect(roundDecimal(1.5e-7, 6)).toBe('0.000000');
    expect(roundDecimal('twelve', 2)).toBeUndefined();
  });

  it('keeps BigInt values exact as integer strings', () => {
    expect(coerceValue('9007199254740993', 'BigInt')).toBe('9007199254740993');
    expect(coerceValue(9007199254740993n, 'BigInt')).toBe('9007199254740993');
    expect(coerceValue(42, 'BigInt')).toBe('42');
    expect(coerceValue('+007', 'BigInt')).toBe('7');
    expect(coerceValue('1.5', 'BigInt')).toBe('1.5');
    expect(checkValue('1.5', 'BigInt')).toBe('is not a valid BigInt');
  });

  it('accepts numbers, bigints and numeric strings in Decimal and BigInt and rejects the rest clearly', () => {
    expect(new Decimal('12345678901234567890.12').toString()).toBe('12345678901234567890.12');
    expect(JSON.stringify({ price: new Decimal('0.10') })).toBe('{"price":"0.10"}');
    expect(new BigIntType(123n).value).toBe('123');
    expect(() => new Decimal('12,5')).toThrow(InvalidArgumentError);
    expect(() => new Decimal('12,5')).toThrow(/Expected a decimal number .* received "12,5"/);
    expect(() => new BigIntType(1.5)).toThrow(/Expected an integer/);
    expect(() => Decimal.parse(Number.NaN)).toThrow(InvalidArgumentError);
  });

  it("keeps DateString values as 'YYYY-MM-DD'", () => {
    expect(coerceValue('2024-02-29', 'DateString')).toBe('2024-02-29');
    expect(coerceValue(new Date(Date.UTC(2024, 1, 29, 23)), 'DateString')).toBe('2024-02-29');
    expect(coerceValue('2024-02-29T10:00:00+05:00', 'DateString')).toBe('2024-02-29');
    expect(coerceValue('2023-02-29', 'DateString')).toBe('2023-02-29');
    expect(checkValue('2023-02-29', 'DateString')).toBe('is not a valid DateString');
    expect(() => new DateString('2023-02-29')).toThrow(InvalidArgumentError);
    expect(new DateString('2024-02-29').date).toEqual(new Date(Date.UTC(2024, 1, 29)));
  });

  it('coerces every element of an array to the item type', () => {
    expect(coerceValue(['1', '2'], 'Array', 'Number')).toEqual([1, 2]);
    expect(coerceValue('["1.10","2"]', 'Array', 'Decimal')).toEqual(['1.10', '2']);
    expect(checkValue([1, 'x'], 'Array', 'Number')).toBe('has an item that is not a valid Number');
    expect(checkValue('x', 'Array', 'String')).toBe('is not a valid Array');
  });

  it('passes JSON, Object and Any values through unchanged', () => {
    const document = { a: [1, { b: 2 }] };
    expect(coerceValue(document, 'JSON')).toBe(document);
    expect(coerceValue(document, 'Object')).toBe(document);
    expect(coerceValue('x', 'Any')).toBe('x');
    expect(coerceValue(new JsonType(document), 'JSON')).toBe(document);
  });

  it('turns scalars into strings for String and Text', () => {
    expect(coerceValue(12, 'String')).toBe('12');
    expect(coerceValue(true, 'Text')).toBe('true');
    expect(coerceValue(new Date(0), 'String')).toBe('1970-01-01T00:00:00.000Z');
    expect(coerceValue(new Text('long'), 'Text')).toBe('long');
  });

  it('builds Buffers from bytes, base64 and PostgreSQL hex', () => {
    expect(coerceValue([1, 2, 255], 'Buffer')).toEqual(Buffer.from([1, 2, 255]));
    expect(coerceValue('AQL/', 'Buffer')).toEqual(Buffer.from([1, 2, 255]));
    expect(coerceValue('\\x0102ff', 'Buffer')).toEqual(Buffer.from([1, 2, 255]));
    expect(coerceValue({ type: 'Buffer', data: [7] }, 'Buffer')).toEqual(Buffer.from([7]));
  });

  it('builds GeoPoints and keeps invalid coordinates for validation with the reason', () => {
    expect(coerceValue('10,20', 'GeoPoint')).toEqual(new GeoPoint({ lat: 10, lng: 20 }));
    expect(coerceValue({ lat: 95, lng: 0 }, 'GeoPoint')).toEqual({ lat: 95, lng: 0 });
    expect(checkValue({ lat: 95, lng: 0 }, 'GeoPoint')).toBe(
      'is not a valid GeoPoint (lat must be between -90 and 90 (got 95), received {"lat":95,"lng":0})',
    );
  });

  it('leaves null and undefined alone for every type', () => {
    for (const name of MODEL_TYPE_NAMES) {
      expect(coerceValue(null, name)).toBeNull();
      expect(coerceValue(undefined, name)).toBeUndefined();
      expect(checkValue(null, name)).toBeUndefined();
    }
  });
});

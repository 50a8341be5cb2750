import { describe, expect, it } from 'vitest';
import { inferPropertyType, introspectJson } from '../../src/juggler/introspection/index.js';
import { GeoPoint } from '../../src/juggler/types/index.js';

describe('inferPropertyType', () => {
  it('infers scalar types, with ISO date strings as Date', () => {
    expect(inferPropertyType('Joe')).toBe('String');
    expect(inferPropertyType(30)).toBe('Number');
    expect(inferPropertyType(false)).toBe('Boolean');
    expect(inferPropertyType(10n)).toBe('BigInt');
    expect(inferPropertyType('2024-01-31T10:00:00.000Z')).toBe('Date');
    expect(inferPropertyType('2024-01-31T10:00:00+02:00')).toBe('Date');
    expect(inferPropertyType('2024-01-31')).toBe('Date');
    expect(inferPropertyType('2024-13-45')).toBe('String');
    expect(inferPropertyType('12345')).toBe('String');
    expect(inferPropertyType(new Date())).toBe('Date');
    expect(inferPropertyType(Buffer.from('x'))).toBe('Buffer');
    expect(inferPropertyType(new GeoPoint(1, 2))).toBe('GeoPoint');
  });

  it('takes the element type of an array from its first non-null element', () => {
    expect(inferPropertyType(['a'])).toEqual(['String']);
    expect(inferPropertyType([null, 1])).toEqual(['Number']);
    expect(inferPropertyType([{ a: 1 }])).toEqual(['Object']);
    expect(inferPropertyType([])).toEqual(['Any']);
  });

  it('infers nested objects as Object and null as Any', () => {
    expect(inferPropertyType({ street: 'x' })).toBe('Object');
    expect(inferPropertyType(null)).toBe('Any');
    expect(inferPropertyType(undefined)).toBe('Any');
  });

  it('maps MongoDB BSON values by their _bsontype', () => {
    expect(inferPropertyType({ _bsontype: 'ObjectId' })).toBe('String');
    expect(inferPropertyType({ _bsontype: 'Decimal128' })).toBe('Decimal');
    expect(inferPropertyType({ _bsontype: 'Long' })).toBe('BigInt');
  });
});

describe('introspectJson', () => {
  it('builds long-form property definitions for every field', () => {
    expect(introspectJson({ name: 'Joe', age: 30, tags: ['a'], meta: { x: 1 }, nickname: null })).toEqual({
      name: { type: 'String' },
      age: { type: 'Number' },
      tags: { type: ['String'] },
      meta: { type: 'Object' },
      nickname: { type: 'Any' },
    });
  });

  it('marks _id as the id when there is no id field', () => {
    expect(introspectJson({ _id: 'abc' })._id).toEqual({ type: 'String', id: true });
    expect(introspectJson({ _id: 'abc', id: 1 })._id).toEqual({ type: 'String' });
  });
});

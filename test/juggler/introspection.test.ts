import { describe, expect, it } from 'vitest';
import {
  inferPropertyType,
  introspectInstances,
  introspectJson,
} from '../../src/juggler/introspection/index.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';
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

describe('introspectInstances', () => {
  it('merges several documents: a type per field, JSON with the reason where types differ, first-seen order', () => {
    expect(
      introspectInstances([
        { _id: 'a', code: 'A1', n: 1, note: null },
        { _id: 'b', code: 7, n: 2, late: true },
        { _id: 'c', code: 'B2', n: null },
      ]),
    ).toEqual({
      _id: { type: 'String', id: true },
      code: { type: 'JSON', description: 'mixed types in the sample: String (2), Number (1)' },
      n: { type: 'Number' },
      note: { type: 'Any' },
      late: { type: 'Boolean' },
    });
  });

  it('is what buildModelFromInstance uses when given several documents', () => {
    const builder = new ModelBuilder();
    const Sample = builder.buildModelFromInstance('Sample', [{ name: 'Joe' }, { name: 'Ann', age: 30 }]);
    expect(Object.keys(Sample.definition.properties)).toEqual(['id', 'name', 'age']);
  });
});

import { Decimal128, Long } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { toBson } from '../../src/connectors/mongodb/mongodb-values.js';
import { JsonNumber } from '../../src/juggler/types/json-number.js';

describe('JSON values with exact numbers written to MongoDB', () => {
  it('stores an integer past 2^53 as a Long and a longer number as a Decimal128, never as an object', () => {
    const bson = toBson(
      { type: 'JSON' },
      { n: new JsonNumber('9007199254740993'), big: new JsonNumber('12345678901234567890'), list: [1, 'x'] },
    ) as Record<string, unknown>;
    expect(bson.n).toBeInstanceOf(Long);
    expect(String(bson.n)).toBe('9007199254740993');
    expect(bson.big).toBeInstanceOf(Decimal128);
    expect(String(bson.big)).toBe('12345678901234567890');
    expect(bson.list).toEqual([1, 'x']);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeFilter, normalizeWhere } from '../../src/juggler/filter/index.js';
import { Track } from '../memory/connector-models.js';

describe('normalizeWhere', () => {
  it('turns {prop: value} into an eq comparison with the value coerced to the property type', () => {
    expect(normalizeWhere(Track, { albumId: '5' })).toEqual({
      kind: 'compare',
      property: 'albumId',
      op: 'eq',
      value: 5,
    });
  });

  it('turns {prop: null} into eq null (IS NULL) and {neq: null} into IS NOT NULL', () => {
    expect(normalizeWhere(Track, { composer: null })).toEqual({
      kind: 'compare',
      property: 'composer',
      op: 'eq',
      value: null,
    });
    expect(normalizeWhere(Track, { composer: { neq: null } })).toEqual({
      kind: 'compare',
      property: 'composer',
      op: 'neq',
      value: null,
    });
  });

  it('accepts every comparison operator of the spec', () => {
    const cases: [Record<string, unknown>, unknown][] = [
      [{ milliseconds: { gt: 1 } }, { op: 'gt', value: 1 }],
      [{ milliseconds: { gte: 1 } }, { op: 'gte', value: 1 }],
      [{ milliseconds: { lt: 1 } }, { op: 'lt', value: 1 }],
      [{ milliseconds: { lte: 1 } }, { op: 'lte', value: 1 }],
      [{ milliseconds: { neq: 1 } }, { op: 'neq', value: 1 }],
      [{ milliseconds: { between: [1, '9'] } }, { op: 'between', value: [1, 9] }],
      [{ genreId: { inq: [1, '2'] } }, { op: 'inq', value: [1, 2] }],
      [{ genreId: { nin: [3] } }, { op: 'nin', value: [3] }],
      [{ name: { like: 'A%' } }, { op: 'like', value: 'A%' }],
      [{ name: { nlike: 'A%' } }, { op: 'nlike', value: 'A%' }],
      [{ name: { ilike: 'a%' } }, { op: 'ilike', value: 'a%' }],
      [{ name: { nilike: 'a%' } }, { op: 'nilike', value: 'a%' }],
    ];
    for (const [where, expected] of cases) {
      expect(normalizeWhere(Track, where)).toMatchObject({ kind: 'compare', ...(expected as object) });
    }
  });

  it('parses regexp operands from RegExp objects and /pattern/flags strings', () => {
    const fromString = normalizeWhere(Track, { name: { regexp: '/^love/i' } });
    expect(fromString).toMatchObject({ op: 'regexp' });
    expect((fromString as { value: RegExp }).value.source).toBe('^love');
    expect((fromString as { value: RegExp }).value.flags).toBe('i');
    const literal = normalizeWhere(Track, { name: /^Love/ });
    expect((literal as { value: RegExp }).value.source).toBe('^Love');
  });

  it('turns like with options i into ilike', () => {
    expect(normalizeWhere(Track, { name: { like: 'love%', options: 'i' } })).toMatchObject({ op: 'ilike' });
  });

  it('keeps Decimal and BigInt values as exact strings', () => {
    expect(normalizeWhere(Track, { unitPrice: { gt: 0.99 } })).toMatchObject({ value: '0.99' });
    expect(normalizeWhere(Track, { unitPrice: '12345678901234567890.12' })).toMatchObject({
      value: '12345678901234567890.12',
    });
    expect(normalizeWhere(Track, { bytes: 9007199254740993n })).toMatchObject({ value: '9007199254740993' });
  });

  it('parses Dates from ISO strings and DateStrings from dates', () => {
    const node = normalizeWhere(Track, { addedAt: { gte: '2024-01-02T03:04:05Z' } }) as { value: Date };
    expect(node.value).toBeInstanceOf(Date);
    expect(node.value.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(normalizeWhere(Track, { releasedOn: '2024-02-29' })).toMatchObject({ value: '2024-02-29' });
  });

  it('coerces booleans from strings and numbers', () => {
    expect(normalizeWhere(Track, { explicit: 'true' })).toMatchObject({ value: true });
    expect(normalizeWhere(Track, { explicit: 0 })).toMatchObject({ value: false });
  });

  it('nests and/or and ands sibling conditions', () => {
    const node = normalizeWhere(Track, {
      albumId: 1,
      or: [{ name: { like: 'A%' } }, { and: [{ genreId: 2 }, { composer: null }] }],
    });
    expect(node).toEqual({
      kind: 'and',
      nodes: [
        { kind: 'compare', property: 'albumId', op: 'eq', value: 1 },
        {
          kind: 'or',
          nodes: [
            { kind: 'compare', property: 'name', op: 'like', value: 'A%' },
            {
              kind: 'and',
              nodes: [
                { kind: 'compare', property: 'genreId', op: 'eq', value: 2 },
                { kind: 'compare', property: 'composer', op: 'eq', value: null },
              ],
            },
          ],
        },
      ],
    });
  });

  it('makes constant nodes of {} and empty inq/nin lists and folds them', () => {
    expect(normalizeWhere(Track, {})).toEqual({ kind: 'constant', value: true });
    expect(normalizeWhere(Track, { genreId: { inq: [] } })).toEqual({ kind: 'constant', value: false });
    expect(normalizeWhere(Track, { genreId: { nin: [] } })).toEqual({ kind: 'constant', value: true });
    expect(normalizeWhere(Track, { albumId: 1, genreId: { inq: [] } })).toEqual({
      kind: 'constant',
      value: false,
    });
    expect(normalizeWhere(Track, { or: [{ genreId: { inq: [] } }, { albumId: 1 }] })).toEqual({
      kind: 'compare',
      property: 'albumId',
      op: 'eq',
      value: 1,
    });
  });

  it('treats an array value as inq and several operators on one property as and', () => {
    expect(normalizeWhere(Track, { genreId: [1, 2] })).toMatchObject({ op: 'inq', value: [1, 2] });
    expect(normalizeWhere(Track, { milliseconds: { gt: 1, lt: 5 } })).toEqual({
      kind: 'and',
      nodes: [
        { kind: 'compare', property: 'milliseconds', op: 'gt', value: 1 },
        { kind: 'compare', property: 'milliseconds', op: 'lt', value: 5 },
      ],
    });
  });

  it('compares JSON properties with whole objects', () => {
    expect(normalizeWhere(Track, { meta: { a: 1 } })).toMatchObject({ op: 'eq', value: { a: 1 } });
  });
});

describe('normalizeFilter', () => {
  it('parses order strings with ASC as the default direction', () => {
    expect(normalizeFilter(Track, { order: 'name DESC' }).order).toEqual([
      { property: 'name', direction: 'DESC' },
    ]);
    expect(normalizeFilter(Track, { order: 'name' }).order).toEqual([{ property: 'name', direction: 'ASC' }]);
    expect(normalizeFilter(Track, { order: ['albumId desc', 'name'] }).order).toEqual([
      { property: 'albumId', direction: 'DESC' },
      { property: 'name', direction: 'ASC' },
    ]);
    expect(normalizeFilter(Track, { order: 'albumId DESC, name' }).order).toHaveLength(2);
  });

  it('accepts limit, skip and offset as non-negative integers', () => {
    expect(normalizeFilter(Track, { limit: 20, skip: 5 })).toEqual({ limit: 20, skip: 5 });
    expect(normalizeFilter(Track, { limit: 20, offset: 5 })).toEqual({ limit: 20, skip: 5 });
    expect(normalizeFilter(Track, { limit: '3' as unknown as number })).toEqual({ limit: 3 });
  });

  it('always keeps the id properties in fields, in definition order', () => {
    expect(normalizeFilter(Track, { fields: ['name', 'unitPrice'] }).fields).toEqual([
      'trackId',
      'name',
      'unitPrice',
    ]);
    expect(normalizeFilter(Track, { fields: { name: true } }).fields).toEqual(['trackId', 'name']);
    const excluded = normalizeFilter(Track, { fields: { meta: false, tags: false } }).fields;
    expect(excluded).not.toContain('meta');
    expect(excluded).toContain('trackId');
    expect(excluded).toContain('composer');
  });

  it('returns an empty filter for undefined and ignores include', () => {
    expect(normalizeFilter(Track, undefined)).toEqual({});
    expect(normalizeFilter(Track, { include: 'album' })).toEqual({});
  });

  it('normalizes the spec example where/order/limit together', () => {
    expect(
      normalizeFilter(Track, {
        where: { unitPrice: { gt: 0.99 } },
        order: 'name DESC',
        limit: 20,
        fields: ['name'],
      }),
    ).toEqual({
      where: { kind: 'compare', property: 'unitPrice', op: 'gt', value: '0.99' },
      order: [{ property: 'name', direction: 'DESC' }],
      limit: 20,
      fields: ['trackId', 'name'],
    });
  });
});

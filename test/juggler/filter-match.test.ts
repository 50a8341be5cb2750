import { describe, expect, it } from 'vitest';
import {
  compareDecimalStrings,
  likeToRegExp,
  matchesWhere,
  normalizeFilter,
  normalizeWhere,
  paginateRows,
  sortRows,
} from '../../src/juggler/filter/index.js';
import { Track } from '../memory/connector-models.js';

const rows = [
  {
    trackId: 1,
    name: 'For Those About To Rock',
    genreId: 1,
    composer: 'Angus Young',
    unitPrice: '0.99',
    tags: ['rock'],
  },
  { trackId: 2, name: 'Balls to the Wall', genreId: 1, composer: null, unitPrice: '1.99', tags: [] },
  {
    trackId: 3,
    name: 'Fast As a Shark',
    genreId: 2,
    composer: 'F. Baltes',
    unitPrice: '10.50',
    tags: ['metal'],
  },
  {
    trackId: 4,
    name: 'restless and wild',
    genreId: null,
    composer: 'F. Baltes',
    unitPrice: '9.99',
    tags: null,
  },
];

function ids(where: Record<string, unknown>): number[] {
  const node = normalizeWhere(Track, where);
  return rows.filter((row) => matchesWhere(row, node, Track)).map((row) => row.trackId);
}

describe('matchesWhere', () => {
  it('evaluates eq, null and neq the way the SQL connectors do', () => {
    expect(ids({ genreId: 1 })).toEqual([1, 2]);
    expect(ids({ composer: null })).toEqual([2]);
    expect(ids({ composer: { neq: null } })).toEqual([1, 3, 4]);
    expect(ids({ genreId: { neq: 1 } })).toEqual([3, 4]);
  });

  it('compares Decimal strings numerically, not as text', () => {
    expect(ids({ unitPrice: { gt: 2 } })).toEqual([3, 4]);
    expect(ids({ unitPrice: { between: ['1', '9.99'] } })).toEqual([2, 4]);
    expect(compareDecimalStrings('12345678901234567890.12', '12345678901234567890.11')).toBe(1);
    expect(compareDecimalStrings('-1.5', '1')).toBe(-1);
    expect(compareDecimalStrings('10.50', '10.5')).toBe(0);
  });

  it('evaluates gt, gte, lt, lte, inq and nin (nin keeps null values, as neq does)', () => {
    expect(ids({ trackId: { gt: 2 } })).toEqual([3, 4]);
    expect(ids({ trackId: { gte: 2 } })).toEqual([2, 3, 4]);
    expect(ids({ trackId: { lt: 2 } })).toEqual([1]);
    expect(ids({ trackId: { lte: 2 } })).toEqual([1, 2]);
    expect(ids({ trackId: { inq: [1, 4] } })).toEqual([1, 4]);
    expect(ids({ genreId: { nin: [1] } })).toEqual([3, 4]);
    expect(ids({ genreId: { nin: [1, null] } })).toEqual([3]);
    expect(ids({ genreId: { inq: [2, null] } })).toEqual([3, 4]);
  });

  it('uses % and _ wildcards, case-sensitive for like and insensitive for ilike', () => {
    expect(ids({ name: { like: 'F%' } })).toEqual([1, 3]);
    expect(ids({ name: { like: 'r%' } })).toEqual([4]);
    expect(ids({ name: { ilike: 'r%' } })).toEqual([4]);
    expect(ids({ name: { ilike: 'f%' } })).toEqual([1, 3]);
    expect(ids({ name: { like: 'Fast As a Shar_' } })).toEqual([3]);
    expect(ids({ name: { nlike: '%the%' } })).toEqual([1, 3, 4]);
    expect(ids({ name: { nilike: '%ROCK%' } })).toEqual([2, 3, 4]);
    expect(likeToRegExp('100\\%', false).test('100%')).toBe(true);
    expect(likeToRegExp('a.c', false).test('abc')).toBe(false);
  });

  it('evaluates regexp and and/or trees', () => {
    expect(ids({ name: { regexp: '/^f/i' } })).toEqual([1, 3]);
    expect(ids({ or: [{ genreId: 2 }, { and: [{ genreId: 1 }, { composer: null }] }] })).toEqual([2, 3]);
  });

  it('treats a scalar compared with an array property as containment', () => {
    expect(ids({ tags: 'rock' })).toEqual([1]);
  });
});

describe('sortRows and paginateRows', () => {
  it('sort ascending with nulls last and descending with nulls first', () => {
    const asc = normalizeFilter(Track, { order: 'genreId ASC, trackId DESC' }).order;
    expect(sortRows(rows, asc, Track.propertyByName).map((row) => row.trackId)).toEqual([2, 1, 3, 4]);
    const desc = normalizeFilter(Track, { order: 'genreId DESC' }).order;
    expect(sortRows(rows, desc, Track.propertyByName).map((row) => row.trackId)).toEqual([4, 3, 1, 2]);
  });

  it('sorts Decimal strings by value', () => {
    const order = normalizeFilter(Track, { order: 'unitPrice DESC' }).order;
    expect(sortRows(rows, order, Track.propertyByName).map((row) => row.unitPrice)).toEqual([
      '10.50',
      '9.99',
      '1.99',
      '0.99',
    ]);
  });

  it('paginate with skip and limit', () => {
    expect(paginateRows([1, 2, 3, 4, 5], 1, 2)).toEqual([2, 3]);
    expect(paginateRows([1, 2, 3], undefined, undefined)).toEqual([1, 2, 3]);
  });
});

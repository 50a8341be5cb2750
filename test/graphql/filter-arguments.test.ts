import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  idWhere,
  toJugglerFilter,
  toJugglerOrder,
  toJugglerWhere,
  toModelData,
} from '../../src/graphql/filter-arguments.js';
import { defaultInflection } from '../../src/graphql/inflection.js';
import { fromModelDefinitions } from '../../src/graphql/model-source.js';
import { type ModelNames, planSchemaNames } from '../../src/graphql/schema-names.js';
import { handWrittenDefinitions } from './fixtures/hand-written-definitions.js';

const names = planSchemaNames(fromModelDefinitions(handWrittenDefinitions), defaultInflection);
const song = names.models.get('Song') as ModelNames;
const band = names.models.get('Band') as ModelNames;
const songTag = names.models.get('SongTag') as ModelNames;

describe('toJugglerWhere', () => {
  it('turns one operator into a LoopBack condition, with values as GraphQL parsed them', () => {
    expect(toJugglerWhere({ price: { gt: '0.99' } }, song)).toEqual({ price: { gt: '0.99' } });
    expect(toJugglerWhere({ title: { eq: 'Yesterday' } }, song)).toEqual({ title: 'Yesterday' });
  });

  it('and-s several operators of one field and several fields', () => {
    expect(toJugglerWhere({ price: { gte: '1', lt: '2' }, title: { like: '%Love%' } }, song)).toEqual({
      and: [{ price: { gte: '1' } }, { price: { lt: '2' } }, { title: { like: '%Love%' } }],
    });
  });

  it('maps isNull and explicit nulls to LoopBack null checks', () => {
    expect(toJugglerWhere({ price: { isNull: true } }, song)).toEqual({ price: null });
    expect(toJugglerWhere({ price: { isNull: false } }, song)).toEqual({ price: { neq: null } });
    expect(toJugglerWhere({ price: { neq: null } }, song)).toEqual({ price: { neq: null } });
  });

  it('converts nested and/or lists recursively', () => {
    expect(
      toJugglerWhere(
        { or: [{ title: { ilike: 'a%' } }, { and: [{ plays: { gt: '10' } }, { mood: { inq: ['sad'] } }] }] },
        song,
      ),
    ).toEqual({
      or: [{ title: { ilike: 'a%' } }, { and: [{ plays: { gt: '10' } }, { mood: { inq: ['sad'] } }] }],
    });
  });

  it('maps renamed GraphQL fields back to their property names', () => {
    expect(band.fields.get('unitPrice')).toBe('unitPrice2');
    expect(toJugglerWhere({ unitPrice: { eq: 1 }, unitPrice2: { eq: 2 } }, band)).toEqual({
      and: [{ unit_price: 1 }, { unitPrice: 2 }],
    });
  });

  it('rejects between without exactly two values, and null for ordering operators', () => {
    expect(() => toJugglerWhere({ price: { between: ['1'] } }, song)).toThrow(GraphQLError);
    expect(() => toJugglerWhere({ price: { between: ['1'] } }, song)).toThrow(/takes exactly two values/);
    expect(() => toJugglerWhere({ price: { gt: null } }, song)).toThrow(/cannot be null; use `isNull`/);
  });

  it('gives undefined for an empty where', () => {
    expect(toJugglerWhere({}, song)).toBeUndefined();
    expect(toJugglerWhere(undefined, song)).toBeUndefined();
  });
});

describe('toJugglerOrder and toJugglerFilter', () => {
  it('turns NAME_ASC-style values into LoopBack order clauses with the ids as tie-breakers', () => {
    expect(toJugglerOrder(['TITLE_DESC', 'PRICE_ASC'], song)).toEqual(['title DESC', 'price ASC', 'id ASC']);
    expect(toJugglerOrder(['ID_DESC'], song)).toEqual(['id DESC']);
    expect(toJugglerOrder(undefined, songTag)).toEqual(['songId ASC', 'tagId ASC']);
  });

  it('builds a complete filter and rejects negative limits', () => {
    expect(
      toJugglerFilter({ where: { title: { like: 'A%' } }, order: ['TITLE_ASC'], limit: 20, skip: 0 }, song),
    ).toEqual({
      where: { title: { like: 'A%' } },
      order: ['title ASC', 'id ASC'],
      limit: 20,
    });
    expect(() => toJugglerFilter({ limit: -1 }, song)).toThrow(/`limit` must be zero or more/);
  });
});

describe('toModelData and idWhere', () => {
  it('maps input field names to property names', () => {
    expect(toModelData({ name: 'x', unitPrice: 1, unitPrice2: 2 }, band)).toEqual({
      name: 'x',
      unit_price: 1,
      unitPrice: 2,
    });
  });

  it('takes every id argument of a composite id', () => {
    expect(idWhere({ songId: 1, tagId: 2 }, songTag)).toEqual({ songId: 1, tagId: 2 });
  });
});

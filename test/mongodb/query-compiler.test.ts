/**
 * The MongoDB query compiler: every where operator as a query document, SQL's null semantics,
 * like patterns as anchored escaped regexes, dotted paths, sort/skip/limit/projection, and
 * user values that stay values (never operators).
 */
import { Decimal128, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { compileFind, compileWhere } from '../../src/connectors/mongodb/mongodb-query-compiler.js';
import type { ConnectorModel, ConnectorProperty } from '../../src/juggler/connector/connector-model.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';

function property(
  name: string,
  type: ConnectorProperty['type'],
  extra: Partial<ConnectorProperty> = {},
): ConnectorProperty {
  return { name, column: name, type, generated: false, nullable: true, ...extra };
}

const properties = [
  property('id', 'String', { column: '_id', dataType: 'objectId', idIndex: 1, nullable: false }),
  property('name', 'String'),
  property('unitPrice', 'Decimal'),
  property('albumId', 'String', { dataType: 'objectId' }),
  property('composer', 'String', { column: 'composer_name' }),
  property('meta', 'Object'),
  property('trackIds', 'Array', { itemType: 'String', dataType: 'objectId[]' }),
];

const TRACK: ConnectorModel = {
  name: 'Track',
  table: 'track',
  properties,
  propertyByName: new Map(properties.map((p) => [p.name, p])),
  idProperties: ['id'],
  readOnly: false,
  settings: {},
};

const HEX = '650000000400000000000001';
const compare = (property: string, op: string, value: unknown) =>
  ({ kind: 'compare', property, op, value }) as WhereNode;

describe('compileWhere', () => {
  it('writes every comparison with an explicit operator, converting ids and decimals to BSON', () => {
    expect(compileWhere(TRACK, compare('id', 'eq', HEX))).toEqual({ _id: { $eq: new ObjectId(HEX) } });
    expect(compileWhere(TRACK, compare('unitPrice', 'gt', '0.99'))).toEqual({
      unitPrice: { $gt: Decimal128.fromString('0.99') },
    });
    expect(compileWhere(TRACK, compare('unitPrice', 'between', ['1', '2']))).toEqual({
      unitPrice: { $gte: Decimal128.fromString('1'), $lte: Decimal128.fromString('2') },
    });
    expect(compileWhere(TRACK, compare('albumId', 'inq', [HEX]))).toEqual({
      albumId: { $in: [new ObjectId(HEX)] },
    });
  });

  it('follows the SQL connectors on null: eq null is IS NULL; neq, nin and nlike match null unless null is a nin value', () => {
    expect(compileWhere(TRACK, compare('composer', 'eq', null))).toEqual({ composer_name: { $eq: null } });
    expect(compileWhere(TRACK, compare('composer', 'neq', null))).toEqual({ composer_name: { $ne: null } });
    expect(compileWhere(TRACK, compare('composer', 'neq', 'x'))).toEqual({ composer_name: { $ne: 'x' } });
    expect(compileWhere(TRACK, compare('name', 'nin', ['a']))).toEqual({ name: { $nin: ['a'] } });
    expect(compileWhere(TRACK, compare('name', 'nin', ['a', null]))).toEqual({ name: { $nin: ['a', null] } });
    expect(compileWhere(TRACK, compare('name', 'nlike', 'a%'))).toEqual({ name: { $not: /^a.*$/s } });
  });

  it('turns like patterns into anchored regexes with every other character escaped', () => {
    expect(compileWhere(TRACK, compare('name', 'like', 'Love%'))).toEqual({
      name: { $regex: '^Love.*$', $options: 's' },
    });
    expect(compileWhere(TRACK, compare('name', 'ilike', 'a.b_(c)'))).toEqual({
      name: { $regex: '^a\\.b.\\(c\\)$', $options: 'is' },
    });
    expect(compileWhere(TRACK, compare('name', 'regexp', /^ro+ck$/i))).toEqual({
      name: { $regex: '^ro+ck$', $options: 'i' },
    });
  });

  it('keeps user values as values: a "$where" string or an operator object is compared as data', () => {
    expect(compileWhere(TRACK, compare('name', 'eq', '$where'))).toEqual({ name: { $eq: '$where' } });
    expect(compileWhere(TRACK, compare('meta', 'eq', { $gt: 1 }))).toEqual({ meta: { $eq: { $gt: 1 } } });
    expect(compileWhere(TRACK, compare('name', 'inq', [{ $ne: null }]))).toEqual({
      name: { $in: [{ $ne: null }] },
    });
  });

  it('compiles and/or, constants, keys and dotted paths into embedded documents', () => {
    const where: WhereNode = {
      kind: 'or',
      nodes: [compare('meta.city', 'eq', 'Oslo'), { kind: 'and', nodes: [compare('name', 'gt', 'M')] }],
    };
    expect(compileWhere(TRACK, where)).toEqual({
      $or: [{ 'meta.city': { $eq: 'Oslo' } }, { $and: [{ name: { $gt: 'M' } }] }],
    });
    expect(compileWhere(TRACK, { kind: 'constant', value: false })).toEqual({ $nor: [{}] });
    expect(compileWhere(TRACK, { kind: 'keys', properties: ['albumId'], value: [[HEX], [null]] })).toEqual({
      albumId: { $in: [new ObjectId(HEX)] },
    });
    expect(compileWhere(TRACK, { kind: 'keys', properties: ['albumId'], value: [] })).toEqual({ $nor: [{}] });
    expect(compileWhere(TRACK, compare('trackIds', 'eq', HEX))).toEqual({
      trackIds: { $eq: new ObjectId(HEX) },
    });
  });

  it('refuses a property the model does not have', () => {
    expect(() => compileWhere(TRACK, compare('nope', 'eq', 1))).toThrow(/no property "nope"/);
  });
});

describe('compileFind', () => {
  it('orders with _id as the last tie-breaker, projects the fields with _id, and pages', () => {
    expect(
      compileFind(TRACK, {
        where: compare('name', 'eq', 'x'),
        order: [{ property: 'unitPrice', direction: 'DESC' }],
        fields: ['id', 'name'],
        skip: 5,
        limit: 10,
      }),
    ).toEqual({
      query: { name: { $eq: 'x' } },
      sort: { unitPrice: -1, _id: 1 },
      projection: { _id: 1, name: 1 },
      skip: 5,
      limit: 10,
    });
  });
});

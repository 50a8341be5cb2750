/**
 * A normalized LoopBack filter → MongoDB query parts: a query document, a sort, a projection, skip
 * and limit. Every comparison is written with an explicit operator (`{field: {$eq: value}}`), so a
 * user's value is always an operand, never an operator: a string `"$where"` or an object
 * `{"$gt": 1}` is data that `$eq` compares as it is.
 *
 * Null semantics follow the SQL connectors (juggler/filter/match-where.ts): `eq null` is IS NULL
 * (a missing field counts as null); `neq x`, `nin` and `nlike`/`nilike` also match null (`$ne`,
 * `$nin`, `$not`), unless null is one of nin's values; like and every ordering comparison never
 * match null.
 *
 * @example
 * compileWhere(Track, {kind: 'compare', property: 'name', op: 'like', value: 'Love%'})
 * // {name: {$regex: '^Love.*$', $options: 's'}}
 */
import type { Document, Sort } from 'mongodb';
import type { ConnectorModel, ConnectorProperty } from '../../juggler/connector/connector-model.js';
import { InvalidArgumentError } from '../../juggler/errors.js';
import type { NormalizedFilter, OrderClause, WhereNode } from '../../juggler/filter/filter-types.js';
import { likeToRegExp } from '../../juggler/filter/match-where.js';
import { fieldOf, resolvePath } from './mongodb-fields.js';
import { toBson } from './mongodb-values.js';

/** The parts of a `find` a filter compiles to. */
export interface CompiledFind {
  query: Document;
  sort?: Sort;
  projection?: Document;
  skip?: number;
  limit?: number;
}

/** A query that matches no document (`inq: []`, a false constant). */
const MATCH_NOTHING: Document = Object.freeze({ $nor: [{}] });

function keyValue(property: ConnectorProperty, nested: boolean, value: unknown): unknown {
  // A value compared inside an embedded document is plain JSON: it is not converted. A key of an
  // array property is one of its elements (`{trackIds: {$in: [...]}}` matches arrays holding one).
  if (nested) return value;
  return property.type === 'Array' && !Array.isArray(value)
    ? elementValue(property, nested, value)
    : toBson(property, value);
}

function elementValue(property: ConnectorProperty, nested: boolean, value: unknown): unknown {
  if (nested) return value;
  if (property.type === 'Array') {
    const converted = toBson(property, [value]) as unknown[];
    return converted[0];
  }
  return toBson(property, value);
}

function regexOf(value: unknown, caseInsensitive: boolean): { $regex: string; $options: string } {
  const pattern = value instanceof RegExp ? value : likeToRegExp(String(value), caseInsensitive);
  return { $regex: pattern.source, $options: pattern.flags.replace(/[gyud]/g, '') };
}

function compileCompare(model: ConnectorModel, node: Extract<WhereNode, { kind: 'compare' }>): Document {
  const { property, field, nested } = resolvePath(model, node.property);
  const value = node.value;
  const one = (item: unknown) => elementValue(property, nested, item);
  switch (node.op) {
    case 'eq':
      return value === null ? { [field]: { $eq: null } } : { [field]: { $eq: one(value) } };
    case 'neq':
      return value === null ? { [field]: { $ne: null } } : { [field]: { $ne: one(value) } };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { [field]: { [`$${node.op}`]: one(value) } };
    case 'between': {
      const [low, high] = value as [unknown, unknown];
      return { [field]: { $gte: one(low), $lte: one(high) } };
    }
    case 'inq':
      return { [field]: { $in: (value as unknown[]).map(one) } };
    case 'nin':
      return { [field]: { $nin: (value as unknown[]).map(one) } };
    case 'like':
    case 'ilike':
      return { [field]: regexOf(value, node.op === 'ilike') };
    case 'nlike':
    case 'nilike': {
      const { $regex, $options } = regexOf(value, node.op === 'nilike');
      return { [field]: { $not: new RegExp($regex, $options) } };
    }
    case 'regexp': {
      const pattern = value instanceof RegExp ? value : new RegExp(String(value));
      return { [field]: { $regex: pattern.source, $options: pattern.flags.replace(/[gyud]/g, '') } };
    }
  }
}

function compileKeys(
  model: ConnectorModel,
  properties: readonly string[],
  tuples: readonly (readonly unknown[])[],
): Document {
  const usable = tuples.filter((tuple) => tuple.every((value) => value !== null && value !== undefined));
  if (usable.length === 0) return MATCH_NOTHING;
  const resolved = properties.map((name) => resolvePath(model, name));
  if (resolved.length === 1) {
    const [{ property, field, nested }] = resolved as [(typeof resolved)[number]];
    return { [field]: { $in: usable.map((tuple) => keyValue(property, nested, tuple[0])) } };
  }
  return {
    $or: usable.map((tuple) => {
      const match: Document = {};
      resolved.forEach(({ property, field, nested }, index) => {
        match[field] = { $eq: keyValue(property, nested, tuple[index]) };
      });
      return match;
    }),
  };
}

/** A where tree (parameters already bound) as a MongoDB query document. */
export function compileWhere(model: ConnectorModel, node: WhereNode | undefined): Document {
  if (!node) return {};
  switch (node.kind) {
    case 'and':
      return node.nodes.length === 0 ? {} : { $and: node.nodes.map((child) => compileWhere(model, child)) };
    case 'or':
      return node.nodes.length === 0
        ? MATCH_NOTHING
        : { $or: node.nodes.map((child) => compileWhere(model, child)) };
    case 'compare':
      return compileCompare(model, node);
    case 'keys':
      if (!Array.isArray(node.value)) {
        throw new InvalidArgumentError('A keys condition needs its key tuples bound', { model: model.name });
      }
      return compileKeys(model, node.properties, node.value as readonly (readonly unknown[])[]);
    case 'constant':
      return node.value ? {} : MATCH_NOTHING;
  }
}

/** An order as a MongoDB sort, ties broken by `_id` ascending (pages stay stable, as SQL adds the id). */
export function compileSort(
  model: ConnectorModel,
  order: readonly OrderClause[] | undefined,
): Sort | undefined {
  if (!order || order.length === 0) return undefined;
  const sort: Record<string, 1 | -1> = {};
  for (const clause of order)
    sort[resolvePath(model, clause.property).field] = clause.direction === 'DESC' ? -1 : 1;
  if (!('_id' in sort)) sort._id = 1;
  return sort;
}

/** The fields to return as a projection (undefined: the whole document). */
export function compileProjection(
  model: ConnectorModel,
  fields: readonly string[] | undefined,
): Document | undefined {
  if (!fields) return undefined;
  const projection: Document = { _id: 1 };
  for (const name of fields) {
    const property = model.propertyByName.get(name);
    if (property) projection[fieldOf(model, property)] = 1;
  }
  return projection;
}

/** A normalized filter (parameters bound) as the parts of a `find`. */
export function compileFind(model: ConnectorModel, filter: NormalizedFilter): CompiledFind {
  const compiled: CompiledFind = { query: compileWhere(model, filter.where) };
  const sort = compileSort(model, filter.order);
  if (sort) compiled.sort = sort;
  const projection = compileProjection(model, filter.fields);
  if (projection) compiled.projection = projection;
  if (filter.skip !== undefined && filter.skip > 0) compiled.skip = filter.skip;
  if (filter.limit !== undefined) compiled.limit = filter.limit;
  return compiled;
}

/**
 * LoopBack's Inclusion.include: loads relations of many objects with ONE query per relation per
 * level (two for hasManyThrough: the join rows, then the targets), never one per object. Keys
 * are collected from all objects and fetched with `inq` (or an `or` of composite keys); a scope
 * with `limit`/`skip` on hasMany uses `findGrouped` so the page applies per parent. Results land
 * in each instance's relation cache (so `user.posts()` answers without a query and `toJSON()`
 * includes them) or, for raw rows, as plain properties.
 *
 * @example
 * await User.include(users, {posts: 'images'}); // 2 queries: posts of all users, images of all posts
 */
import type { ModelClass } from './dao/model-class.js';
import { FilterError } from './errors.js';
import type { Filter, IncludeSpec } from './filter/filter-types.js';
import { mergeFilters, mergeWhere } from './filter/merge-filter.js';
import { normalizeFilter } from './filter/normalize-filter.js';
import { isPlainObject } from './filter/normalize-where.js';
import type { FindOptions, ResolvedRelation } from './model-types.js';
import { distinctTuples, groupByTuple, keyTuple, tupleId, tuplesWhere } from './relations/key-utils.js';
import { setRelated } from './relations/relation-cache.js';
import { getRelation, relatedModel } from './relations/relation-registry.js';

/** One relation to include at one level, with its scope and what to include below it. */
export interface IncludeItem {
  name: string;
  scope?: Filter;
  include?: IncludeSpec;
}

/** Flattens every include form of the spec into a list of relations with scopes and sub-includes. */
export function parseInclude(include: IncludeSpec | undefined | null): IncludeItem[] {
  if (include === undefined || include === null) return [];
  if (typeof include === 'string') return [{ name: include }];
  if (Array.isArray(include)) return include.flatMap((item) => parseInclude(item));
  if (isPlainObject(include)) {
    if (typeof include.relation === 'string') {
      const scope = include.scope as Filter | undefined;
      const item: IncludeItem = { name: include.relation };
      if (scope) {
        const { include: nested, ...rest } = scope;
        item.scope = rest;
        if (nested !== undefined) item.include = nested;
      }
      return [item];
    }
    return Object.entries(include).map(([name, nested]) =>
      nested === true || nested === undefined ? { name } : { name, include: nested as IncludeSpec },
    );
  }
  throw new FilterError(
    'Invalid include: expected a relation name, a list, or an object such as {owner: "posts"}',
    {
      property: undefined,
      operator: 'include',
      expected: 'a relation name, a list, or an object',
      received: typeof include,
    },
  );
}

/** Checks every relation name and scope of an include (all levels) before any query runs. */
export function validateInclude(Model: ModelClass, include: IncludeSpec): void {
  for (const item of parseInclude(include)) {
    const relation = getRelation(Model, item.name);
    const Target = relatedModel(Model, relation.modelTo);
    if (item.scope) normalizeFilter(Target.definition, item.scope);
    if (item.include !== undefined) validateInclude(Target, item.include);
  }
}

/** Adds required properties to a `fields` selection (array or object form); undefined stays undefined. */
export function withFields(fields: Filter['fields'], required: readonly string[]): Filter['fields'] {
  if (fields === undefined) return undefined;
  if (Array.isArray(fields)) return [...new Set([...fields, ...required])];
  const copy = { ...fields };
  const anyIncluded = Object.values(copy).some((on) => on === true);
  for (const name of required) {
    if (anyIncluded) copy[name] = true;
    else delete copy[name];
  }
  return copy;
}

/** The properties of `Model` that the relations of an include read their keys from. */
export function includeKeys(Target: ModelClass, include: IncludeSpec | undefined): string[] {
  return parseInclude(include).flatMap((item) => getRelation(Target, item.name).keyFrom);
}

function scopedFilter(
  relation: ResolvedRelation,
  item: IncludeItem,
  Target: ModelClass,
  required: readonly string[],
): Filter {
  const { include: _ignored, ...scope } = mergeFilters(relation.scope, item.scope);
  const fields = withFields(scope.fields, [
    ...required,
    ...includeKeys(Target, item.include ?? relation.scope?.include),
  ]);
  if (fields !== undefined) scope.fields = fields;
  return scope;
}

function withoutPage(filter: Filter): Filter {
  const { limit: _limit, skip: _skip, offset: _offset, ...rest } = filter;
  return rest;
}

async function includeBelongsTo(
  Target: ModelClass,
  relation: ResolvedRelation,
  objects: readonly object[],
  filter: Filter,
  options: FindOptions | undefined,
): Promise<object[]> {
  const tuples = distinctTuples(objects, relation.keyFrom);
  const related: object[] =
    tuples.length === 0
      ? []
      : await Target.find(
          { ...withoutPage(filter), where: mergeWhere(tuplesWhere(relation.keyTo, tuples), filter.where) },
          options,
        );
  const byKey = groupByTuple(related, relation.keyTo);
  for (const object of objects) {
    const tuple = keyTuple(object, relation.keyFrom);
    setRelated(object, relation.name, (tuple && byKey.get(tupleId(tuple))?.[0]) ?? null);
  }
  return related;
}

async function includeHasMany(
  Target: ModelClass,
  relation: ResolvedRelation,
  objects: readonly object[],
  filter: Filter,
  options: FindOptions | undefined,
): Promise<object[]> {
  const tuples = distinctTuples(objects, relation.keyFrom);
  const single = relation.type === 'hasOne';
  const paged =
    single || filter.limit !== undefined || filter.skip !== undefined || filter.offset !== undefined;
  let related: object[] = [];
  if (tuples.length > 0 && paged) {
    const grouped = single ? { ...filter, limit: 1 } : filter;
    related = await Target.findGrouped(
      { partitionBy: relation.keyTo, keys: tuples, filter: grouped },
      options,
    );
  } else if (tuples.length > 0) {
    related = await Target.find(
      { ...filter, where: mergeWhere(tuplesWhere(relation.keyTo, tuples), filter.where) },
      options,
    );
  }
  const byKey = groupByTuple(related, relation.keyTo);
  for (const object of objects) {
    const tuple = keyTuple(object, relation.keyFrom);
    const group = (tuple && byKey.get(tupleId(tuple))) || [];
    setRelated(object, relation.name, single ? (group[0] ?? null) : [...group]);
  }
  return related;
}

async function includeThrough(
  Model: ModelClass,
  Target: ModelClass,
  relation: ResolvedRelation,
  objects: readonly object[],
  filter: Filter,
  options: FindOptions | undefined,
): Promise<object[]> {
  const Through = relatedModel(Model, relation.through as string);
  const throughFrom = relation.throughFrom ?? [];
  const throughTo = relation.throughTo ?? [];
  const tuples = distinctTuples(objects, relation.keyFrom);
  const links: object[] =
    tuples.length === 0
      ? []
      : await Through.find(
          { where: tuplesWhere(throughFrom, tuples), fields: [...throughFrom, ...throughTo] },
          { raw: true },
        );
  const targetTuples = distinctTuples(links, throughTo);
  const related: object[] =
    targetTuples.length === 0
      ? []
      : await Target.find(
          {
            ...withoutPage(filter),
            where: mergeWhere(tuplesWhere(relation.keyTo, targetTuples), filter.where),
          },
          options,
        );
  // Parent key → its targets, in the order the target query returned them.
  const parentsOfTarget = new Map<string, string[]>();
  for (const link of links) {
    const to = keyTuple(link, throughTo);
    const from = keyTuple(link, throughFrom);
    if (!to || !from) continue;
    const list = parentsOfTarget.get(tupleId(to)) ?? [];
    list.push(tupleId(from));
    parentsOfTarget.set(tupleId(to), list);
  }
  const perParent = new Map<string, object[]>();
  for (const target of related) {
    const tuple = keyTuple(target, relation.keyTo);
    for (const parent of (tuple && parentsOfTarget.get(tupleId(tuple))) || []) {
      const list = perParent.get(parent) ?? [];
      list.push(target);
      perParent.set(parent, list);
    }
  }
  const start = filter.skip ?? filter.offset ?? 0;
  for (const object of objects) {
    const tuple = keyTuple(object, relation.keyFrom);
    const list = (tuple && perParent.get(tupleId(tuple))) || [];
    setRelated(
      object,
      relation.name,
      list.slice(start, filter.limit === undefined ? undefined : start + filter.limit),
    );
  }
  return related;
}

/**
 * Loads the included relations of `objects` (instances, or raw rows with `{raw: true}`) of
 * `Model`, level by level.
 */
export async function includeRelated(
  Model: ModelClass,
  objects: readonly object[],
  include: IncludeSpec,
  options?: FindOptions,
): Promise<void> {
  if (objects.length === 0) return;
  const readOptions: FindOptions = options?.raw ? { raw: true } : {};
  if (options?.transaction !== undefined) readOptions.transaction = options.transaction;
  for (const item of parseInclude(include)) {
    const relation = getRelation(Model, item.name);
    const Target = relatedModel(Model, relation.modelTo);
    let related: object[];
    if (relation.type === 'belongsTo') {
      related = await includeBelongsTo(
        Target,
        relation,
        objects,
        scopedFilter(relation, item, Target, relation.keyTo),
        readOptions,
      );
    } else if (relation.type === 'hasManyThrough') {
      const filter = scopedFilter(relation, item, Target, relation.keyTo);
      related = await includeThrough(Model, Target, relation, objects, filter, readOptions);
    } else {
      related = await includeHasMany(
        Target,
        relation,
        objects,
        scopedFilter(relation, item, Target, relation.keyTo),
        readOptions,
      );
    }
    const nested = item.include ?? (relation.scope?.include as IncludeSpec | undefined);
    if (nested !== undefined && related.length > 0) await includeRelated(Target, related, nested, options);
  }
}

/** `Model.include(objects, include)`: validates, then loads; resolves to the same objects. */
export async function include<T extends object>(
  Model: ModelClass,
  objects: T[],
  spec: IncludeSpec,
  options?: FindOptions,
): Promise<T[]> {
  validateInclude(Model, spec);
  await includeRelated(Model, objects, spec, options);
  return objects;
}

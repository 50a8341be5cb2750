/**
 * LoopBack's Inclusion.include: loads relations of many objects with ONE query per relation per
 * level (two for hasManyThrough: the join rows, then the targets), never one per object. Keys
 * are collected from all objects and fetched with `inq` (or an `or` of composite keys); a scope
 * with `limit`/`skip` on hasMany uses `findGrouped` so the page applies per parent. Results land
 * in each instance's relation cache (so `user.posts()` answers without a query and `toJSON()`
 * includes them) or, for raw rows, as plain properties. The reads go through the DAO with the
 * caller's options (`RelatedReads`), so the related models' operation hooks apply to them.
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
import type { GroupedFindArgs, JoinSpec, ResolvedRelation } from './model-types.js';
import { distinctTuples, groupByTuple, keyTuple, tupleId, tuplesWhere } from './relations/key-utils.js';
import { setRelated } from './relations/relation-cache.js';
import { getRelation, relatedModel } from './relations/relation-registry.js';

/**
 * How the reads of related models are made: the DAO's `find`/`findGrouped` with the options of
 * the call that asked for them, returning instances or `raw` rows.
 */
export interface RelatedReads {
  find(Target: ModelClass, filter: Filter, raw: boolean, join?: readonly JoinSpec[]): Promise<object[]>;
  findGrouped(
    Target: ModelClass,
    args: GroupedFindArgs,
    raw: boolean,
    join?: readonly JoinSpec[],
  ): Promise<object[]>;
}

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

/** What every level of an include reads with: the caller's reads, and instances or raw rows. */
interface IncludeReads {
  reads: RelatedReads;
  raw: boolean;
}

async function includeBelongsTo(
  Target: ModelClass,
  relation: ResolvedRelation,
  objects: readonly object[],
  filter: Filter,
  { reads, raw }: IncludeReads,
): Promise<object[]> {
  const tuples = distinctTuples(objects, relation.keyFrom);
  const related: object[] =
    tuples.length === 0
      ? []
      : await reads.find(
          Target,
          { ...withoutPage(filter), where: mergeWhere(tuplesWhere(relation.keyTo, tuples), filter.where) },
          raw,
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
  { reads, raw }: IncludeReads,
): Promise<object[]> {
  const tuples = distinctTuples(objects, relation.keyFrom);
  const single = relation.type === 'hasOne';
  const paged =
    single || filter.limit !== undefined || filter.skip !== undefined || filter.offset !== undefined;
  let related: object[] = [];
  if (tuples.length > 0 && paged) {
    const grouped = single ? { ...filter, limit: 1 } : filter;
    related = await reads.findGrouped(
      Target,
      { partitionBy: relation.keyTo, keys: tuples, filter: grouped },
      raw,
    );
  } else if (tuples.length > 0) {
    related = await reads.find(
      Target,
      { ...filter, where: mergeWhere(tuplesWhere(relation.keyTo, tuples), filter.where) },
      raw,
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
  { reads, raw }: IncludeReads,
): Promise<object[]> {
  const Through = relatedModel(Model, relation.through as string);
  const throughFrom = relation.throughFrom ?? [];
  const throughTo = relation.throughTo ?? [];
  const tuples = distinctTuples(objects, relation.keyFrom);
  const links: object[] =
    tuples.length === 0
      ? []
      : await reads.find(
          Through,
          { where: tuplesWhere(throughFrom, tuples), fields: [...throughFrom, ...throughTo] },
          true,
        );
  const targetTuples = distinctTuples(links, throughTo);
  const related: object[] =
    targetTuples.length === 0
      ? []
      : await reads.find(
          Target,
          {
            ...withoutPage(filter),
            where: mergeWhere(tuplesWhere(relation.keyTo, targetTuples), filter.where),
          },
          raw,
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
 * Loads the included relations of `objects` (instances, or raw rows when `raw`) of `Model`, level
 * by level, reading through `reads`.
 */
export async function includeRelated(
  Model: ModelClass,
  objects: readonly object[],
  include: IncludeSpec,
  reads: RelatedReads,
  raw: boolean,
): Promise<void> {
  if (objects.length === 0) return;
  const level: IncludeReads = { reads, raw };
  for (const item of parseInclude(include)) {
    const relation = getRelation(Model, item.name);
    const Target = relatedModel(Model, relation.modelTo);
    const filter = scopedFilter(relation, item, Target, relation.keyTo);
    let related: object[];
    if (relation.type === 'belongsTo') {
      related = await includeBelongsTo(Target, relation, objects, filter, level);
    } else if (relation.type === 'hasManyThrough') {
      related = await includeThrough(Model, Target, relation, objects, filter, level);
    } else {
      related = await includeHasMany(Target, relation, objects, filter, level);
    }
    const nested = item.include ?? (relation.scope?.include as IncludeSpec | undefined);
    if (nested !== undefined && related.length > 0) await includeRelated(Target, related, nested, reads, raw);
  }
}

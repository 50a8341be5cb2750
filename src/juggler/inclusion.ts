/**
 * LoopBack's Inclusion.include: loads relations of many objects with ONE query per relation per
 * level, never one per object (hasManyThrough too: the join table joined to the targets on SQL
 * connectors; two queries elsewhere, the join rows then the targets). Keys are collected from all
 * objects and fetched with `inq` (or an `or` of composite keys); a scope with `limit`/`skip` on
 * hasMany or hasManyThrough applies per parent (a window function in SQL). Results land
 * in each instance's relation cache (so `user.posts()` answers without a query and `toJSON()`
 * includes them) or, for raw rows, as plain properties. The reads are the relations' batch reads
 * (relations/batch-read.ts) with the caller's options, so the related models' operation hooks
 * apply to them.
 *
 * @example
 * await User.include(users, {posts: 'images'}); // 2 queries: posts of all users, images of all posts
 */
import type { Row } from './connector/model-type-name.js';
import { fromRow, type ModelClass } from './dao/model-class.js';
import { FilterError } from './errors.js';
import type { Filter, IncludeSpec } from './filter/filter-types.js';
import { mergeFilters, withFields } from './filter/merge-filter.js';
import { normalizeFilter } from './filter/normalize-filter.js';
import { isPlainObject } from './filter/normalize-where.js';
import type { CallOptions, ResolvedRelation } from './model-types.js';
import { prepareRelationRead, readForParents } from './relations/batch-read.js';
import { headProperty } from './relations/key-utils.js';
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

const NO_VALUES = Object.freeze({});

/** One include level's objects for `rows` of `Target`: the rows themselves (raw), or one instance per row. */
function objectMaker(Target: ModelClass, raw: boolean): { of(row: Row): object; all(): object[] } {
  const made = new Map<Row, object>();
  return {
    of(row) {
      let object = made.get(row);
      if (!object) {
        object = raw ? row : fromRow(Target, row);
        made.set(row, object);
      }
      return object;
    },
    all: () => [...made.values()],
  };
}

/**
 * Loads the included relations of `objects` (instances, or raw rows when `raw`) of `Model`, level
 * by level: one batch read per relation and level (see relations/batch-read.ts), made with the
 * caller's `options`, so the related models' operation hooks apply.
 */
export async function includeRelated(
  Model: ModelClass,
  objects: readonly object[],
  include: IncludeSpec,
  options: CallOptions,
  raw: boolean,
): Promise<void> {
  if (objects.length === 0) return;
  for (const item of parseInclude(include)) {
    const relation = getRelation(Model, item.name);
    const Target = relatedModel(Model, relation.modelTo);
    const batch = prepareRelationRead(Model, relation.name, {
      // A key inside embedded documents (`lines.trackId`) is read with the property holding them.
      filter: scopedFilter(relation, item, Target, relation.keyTo.map(headProperty)),
    });
    const resultOf = await readForParents(objects, batch, NO_VALUES, options);
    const related = objectMaker(Target, raw);
    for (const object of objects) {
      const result = resultOf(object);
      if (Array.isArray(result)) setRelated(object, relation.name, result.map(related.of));
      else setRelated(object, relation.name, result ? related.of(result) : null);
    }
    const nested = item.include ?? (relation.scope?.include as IncludeSpec | undefined);
    const loaded = related.all();
    if (nested !== undefined && loaded.length > 0) await includeRelated(Target, loaded, nested, options, raw);
  }
}

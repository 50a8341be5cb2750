/**
 * The read side of LoopBack's DataAccessObject: find, findOne, findById, exists, count and the
 * batched findGrouped. Filters are validated before any query; rows become instances with
 * `persisted: true` unless `{raw: true}` asks for the connector's plain rows. When the model has
 * operation hook listeners, `access` may change the filter before it is validated and `loaded`
 * sees each row before it becomes an instance; the caller's options object reaches the hooks, the
 * reads of includes and joins, and the connector, unchanged.
 */
import type { ConnectorModel } from '../connector/connector-model.js';
import { canJoin } from '../connector/join-request.js';
import type { Row } from '../connector/model-type-name.js';
import { FilterError, InvalidArgumentError } from '../errors.js';
import { coerceFilterValue } from '../filter/coerce-value.js';
import { toFilterSchema } from '../filter/filter-schema.js';
import type { Filter, IncludeSpec, NormalizedFilter, Where } from '../filter/filter-types.js';
import { FrozenFilterCache, freezePlainData } from '../filter/frozen-data.js';
import { mergeWhere } from '../filter/merge-filter.js';
import { normalizeFilter } from '../filter/normalize-filter.js';
import { normalizeWhere } from '../filter/normalize-where.js';
import { didYouMean } from '../filter/suggest.js';
import { includeKeys, includeRelated, type RelatedReads, validateInclude, withFields } from '../inclusion.js';
import type { CallOptions, FindOptions, GroupedFindArgs, JoinSpec, ModelInstance } from '../model-types.js';
import { anyObservers } from '../observer.js';
import {
  attachJoins,
  joinKeys,
  joinRequestsOnce,
  joinsObserved,
  type ResolvedJoin,
  resolveJoinsOnce,
} from './dao-join.js';
import { attached, fromRow, idWhere, type ModelClass } from './model-class.js';
import {
  callOptions,
  type HookState,
  hasObservers,
  notifyAccess,
  notifyAccessWhere,
  notifyLoaded,
  operationOptions,
} from './operation-hooks.js';

/** Instances, or plain rows with `{raw: true}`. */
export type FindResult = ModelInstance[] | Row[];

/** The validated joins of a read (`options.join`), which need raw rows. */
function readJoins(
  Model: ModelClass,
  raw: boolean,
  specs: readonly JoinSpec[] | undefined,
): ResolvedJoin[] | undefined {
  if (specs === undefined || (Array.isArray(specs) && specs.length === 0)) return undefined;
  if (!raw) {
    throw new InvalidArgumentError(
      `\`join\` on ${Model.modelName} nests targets in plain rows: pass {raw: true} too, or use \`include\` for instances`,
      { model: Model.modelName },
    );
  }
  return resolveJoinsOnce(Model, specs);
}

/** The filter of a read, normalized: fields widened by the keys its includes and joins are read by. */
function normalizeRead(
  Model: ModelClass,
  model: ConnectorModel,
  filter: Filter | undefined,
  specs: readonly JoinSpec[] | undefined,
  joins: ResolvedJoin[] | undefined,
): NormalizedFilter {
  let query = filter;
  if (filter?.include !== undefined || joins) {
    if (filter?.include !== undefined) validateInclude(Model, filter.include);
    // A field selection must keep the keys the included and joined relations are read by.
    const keys = [
      ...(filter?.include !== undefined ? includeKeys(Model, filter.include) : []),
      ...(joins ? joinKeys(Model, specs ?? []) : []),
    ];
    const fields = withFields(filter?.fields, keys);
    if (fields !== undefined) query = { ...filter, fields };
  }
  return normalizeFilter(model, query);
}

/**
 * Normalized reads of deeply frozen filters without `include` (the GraphQL layer's cached filters),
 * per connector model and (deeply frozen) join specs. Filters with `include` never come here: what
 * they widen depends on relations defined later.
 */
const normalizedReads = new FrozenFilterCache<Filter, ConnectorModel, JoinSpec, NormalizedFilter>();

/**
 * Remembers `normalized` for the next reads of the same filter, model and join specs when they can
 * be keys, freezing it in turn so the connector may cache its statement by identity.
 */
function rememberNormalized(
  model: ConnectorModel,
  filter: Filter,
  specs: readonly JoinSpec[] | undefined,
  normalized: NormalizedFilter,
): NormalizedFilter {
  if (normalizedReads.accepts(filter, specs) && freezePlainData(normalized)) {
    normalizedReads.set(filter, model, specs, normalized);
  }
  return normalized;
}

/**
 * The reads a read makes of related models (includes, and joins read apart from their parents),
 * with the caller's options: one object per read that has any, its methods shared.
 */
class CallerReads implements RelatedReads {
  constructor(private readonly options: CallOptions) {}

  find(Target: ModelClass, filter: Filter, raw: boolean, join?: readonly JoinSpec[]): Promise<object[]> {
    return readMany(Target, filter, this.options, raw, join);
  }

  findGrouped(
    Target: ModelClass,
    args: GroupedFindArgs,
    raw: boolean,
    join?: readonly JoinSpec[],
  ): Promise<object[]> {
    return readGrouped(Target, args, this.options, raw, join);
  }
}

/**
 * Finds all instances matching a filter (`where`, `order`, `limit`, `skip`, `fields`, `include`);
 * with `{raw: true, join}`, plain rows with their belongsTo targets nested (see dao-join.ts).
 */
export async function find(Model: ModelClass, filter?: Filter, options?: FindOptions): Promise<FindResult> {
  const opts = callOptions(Model, options);
  return readMany(Model, filter, opts, opts.raw === true, opts.join);
}

/**
 * `find` with the caller's options apart from what the read itself is: instances or `raw` rows,
 * the `join` specs, and whether it runs hooks (`notify: false` for the read of an operation that
 * announced it with its own `access`). Relations, includes and joins read through it, so that the
 * caller's options object reaches every hook and connector call unchanged.
 */
export async function readMany(
  Model: ModelClass,
  filter: Filter | undefined,
  options: CallOptions,
  raw: boolean,
  specs?: readonly JoinSpec[],
  notify = true,
): Promise<FindResult> {
  const { connector, model } = await attached(Model);
  const joins = readJoins(Model, raw, specs);
  let query = filter;
  let hookState: HookState | undefined;
  if (notify && hasObservers(Model, 'access')) {
    hookState = {};
    query = await notifyAccess(Model, filter, options, hookState);
  }
  const normalized =
    query === filter && filter !== undefined && filter.include === undefined
      ? (normalizedReads.get(filter, model, specs) ??
        rememberNormalized(model, filter, specs, normalizeRead(Model, model, filter, specs, joins)))
      : normalizeRead(Model, model, query, specs, joins);
  let rows: Row[];
  const requests = joins && joinRequestsOnce(Model, connector, joins);
  // A joined model with listeners is read apart, through its own reads, so its hooks apply.
  if (requests && canJoin(connector) && !(anyObservers() && joinsObserved(joins))) {
    rows = await connector.findJoined(model, normalized, requests, operationOptions(options));
  } else {
    rows = await connector.find(model, normalized, operationOptions(options));
    if (joins && rows.length > 0) await attachJoins(rows, joins, new CallerReads(options));
  }
  return finishRead(Model, rows, query?.include, options, raw, notify, hookState);
}

/** Rows after the connector: `loaded` per row, instances unless raw, then the includes. */
async function finishRead(
  Model: ModelClass,
  rows: Row[],
  include: Filter['include'],
  options: CallOptions,
  raw: boolean,
  notify: boolean,
  hookState: HookState | undefined,
): Promise<FindResult> {
  if (notify && rows.length > 0 && hasObservers(Model, 'loaded')) {
    rows = await notifyLoaded(Model, rows, false, options, hookState ?? {});
  }
  const results = raw ? rows : rows.map((row) => fromRow(Model, row));
  if (include !== undefined && results.length > 0) {
    await includeRelated(Model, results, include, new CallerReads(options), raw);
  }
  return results;
}

/**
 * `Model.include(objects, include, options)` (LoopBack's Inclusion.include): validates the
 * include, then loads the relations of the objects (raw rows with `{raw: true}`) with the
 * caller's options; resolves to the same objects.
 */
export async function include<T extends object>(
  Model: ModelClass,
  objects: T[],
  spec: IncludeSpec,
  options?: FindOptions,
): Promise<T[]> {
  const opts = callOptions(Model, options);
  validateInclude(Model, spec);
  await includeRelated(Model, objects, spec, new CallerReads(opts), opts.raw === true);
  return objects;
}

/** Finds the first instance matching a filter, or null. */
export async function findOne(
  Model: ModelClass,
  filter?: Filter,
  options?: FindOptions,
): Promise<ModelInstance | Row | null> {
  const results = await find(Model, { ...filter, limit: 1 }, options);
  return results[0] ?? null;
}

/** Finds an instance by id (composite ids: an array in id order or an object), or null. */
export async function findById(
  Model: ModelClass,
  id: unknown,
  filter?: Filter,
  options?: FindOptions,
): Promise<ModelInstance | Row | null> {
  const where = mergeWhere(idWhere(Model, id), filter?.where);
  return findOne(Model, { ...filter, ...(where ? { where } : {}) }, options);
}

/** Counts the instances matching a where filter. */
export async function count(Model: ModelClass, where?: Where, options?: FindOptions): Promise<number> {
  const opts = callOptions(Model, options);
  const { connector, model } = await attached(Model);
  let query = where;
  if (hasObservers(Model, 'access')) query = await notifyAccessWhere(Model, where, opts, {});
  const node = query === undefined || query === null ? undefined : normalizeWhere(model, query);
  return connector.count(model, node, operationOptions(opts));
}

/** Whether an instance with this id exists. */
export async function exists(Model: ModelClass, id: unknown, options?: FindOptions): Promise<boolean> {
  if (id === undefined || id === null) return false;
  return (await count(Model, idWhere(Model, id), options)) > 0;
}

/**
 * Rows of many parents at once, with the filter's order/skip/limit applied per parent (one
 * connector call): what Inclusion and the GraphQL loaders use for paginated hasMany relations.
 *
 * @example
 * await Album.findGrouped({partitionBy: ['artistId'], keys: [[1], [2]], filter: {order: 'title', limit: 2}}, {raw: true})
 */
export async function findGrouped(
  Model: ModelClass,
  args: GroupedFindArgs,
  options?: FindOptions,
): Promise<FindResult> {
  const opts = callOptions(Model, options);
  return readGrouped(Model, args, opts, opts.raw === true, opts.join);
}

/** `findGrouped` with the caller's options apart from what the read is (see `readMany`). */
export async function readGrouped(
  Model: ModelClass,
  args: GroupedFindArgs,
  options: CallOptions,
  raw: boolean,
  specs?: readonly JoinSpec[],
): Promise<FindResult> {
  const { connector, model } = await attached(Model);
  const joins = readJoins(Model, raw, specs);
  const schema = toFilterSchema(model);
  for (const name of args.partitionBy) {
    if (!schema.properties.has(name)) {
      throw new FilterError(
        `Unknown property \`${name}\` in partitionBy of a grouped find on model \`${Model.modelName}\`${didYouMean(name, schema.properties.keys())}`,
        {
          model: Model.modelName,
          property: name,
          operator: 'partitionBy',
          expected: `a property of ${Model.modelName}`,
          received: name,
        },
      );
    }
  }
  const keys = args.keys.map((tuple) => {
    if (!Array.isArray(tuple) || tuple.length !== args.partitionBy.length) {
      const expected = `tuples of ${args.partitionBy.length} value(s)`;
      throw new FilterError(
        `Invalid keys of a grouped find on model \`${Model.modelName}\`: expected ${expected}`,
        {
          model: Model.modelName,
          property: args.partitionBy.join(','),
          operator: 'keys',
          expected,
          received: JSON.stringify(tuple),
        },
      );
    }
    return tuple.map((value, index) => {
      const name = args.partitionBy[index] as string;
      const property = schema.properties.get(name);
      return property
        ? coerceFilterValue(value, property, { model: Model.modelName, property: name, operator: 'eq' })
        : value;
    });
  });
  let query = args.filter;
  let hookState: HookState | undefined;
  if (hasObservers(Model, 'access')) {
    hookState = {};
    query = await notifyAccess(Model, args.filter, options, hookState);
  }
  const include = query?.include;
  if (joins) {
    const fields = withFields(query?.fields, joinKeys(Model, specs ?? []));
    if (fields !== undefined) query = { ...query, fields };
  }
  const filter = normalizeFilter(model, query);
  if (include !== undefined) validateInclude(Model, include);
  if (keys.length === 0) return [];
  const request = { partitionBy: args.partitionBy, keys, filter };
  const requests = joins && joinRequestsOnce(Model, connector, joins);
  let rows: Row[];
  if (requests && canJoin(connector) && !(anyObservers() && joinsObserved(joins))) {
    rows = await connector.findGroupedJoined(model, request, requests, operationOptions(options));
  } else {
    rows = await connector.findGrouped(model, request, operationOptions(options));
    if (joins && rows.length > 0) await attachJoins(rows, joins, new CallerReads(options));
  }
  return finishRead(Model, rows, include, options, raw, true, hookState);
}

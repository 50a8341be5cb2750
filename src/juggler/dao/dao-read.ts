/**
 * The read side of LoopBack's DataAccessObject: find, findOne, findById, exists, count and the
 * batched findGrouped, each one read of model-read.ts (prepared for the call). Filters are
 * validated before any query; rows become instances with `persisted: true` unless `{raw: true}`
 * asks for the connector's plain rows. When the model has operation hook listeners, `access` may
 * change the filter before it is validated and `loaded` sees each row before it becomes an
 * instance; the caller's options object reaches the hooks, the reads of includes and joins, and
 * the connector, unchanged.
 */
import type { Row } from '../connector/model-type-name.js';
import { InvalidArgumentError } from '../errors.js';
import type { Filter, IncludeSpec, Where } from '../filter/filter-types.js';
import { mergeWhere, withFields } from '../filter/merge-filter.js';
import { includeKeys, includeRelated, validateInclude } from '../inclusion.js';
import type { CallOptions, FindOptions, GroupedFindArgs, JoinSpec, ModelInstance } from '../model-types.js';
import { fromRow, idWhere, type ModelClass } from './model-class.js';
import { ModelRead, readOnce } from './model-read.js';
import { callOptions, type HookState, hasObservers, notifyAccess } from './operation-hooks.js';
import { prepareCount } from './prepared-reads.js';

const NO_VALUES = Object.freeze({});

/** Instances, or plain rows with `{raw: true}`. */
export type FindResult = ModelInstance[] | Row[];

/** Checks that joins are asked for raw rows (they nest targets in plain rows). */
function checkJoins(Model: ModelClass, raw: boolean, specs: readonly JoinSpec[] | undefined): void {
  if (specs === undefined || (Array.isArray(specs) && specs.length === 0) || raw) return;
  throw new InvalidArgumentError(
    `\`join\` on ${Model.modelName} nests targets in plain rows: pass {raw: true} too, or use \`include\` for instances`,
    { model: Model.modelName },
  );
}

/** A filter's fields widened by the keys its includes read by; its include apart. */
function splitInclude(
  Model: ModelClass,
  filter: Filter | undefined,
): { read: Filter; include?: IncludeSpec } {
  if (filter?.include === undefined) return { read: filter ?? {} };
  const { include, ...read } = filter;
  validateInclude(Model, include);
  const fields = withFields(read.fields, includeKeys(Model, include));
  return fields === undefined ? { read, include } : { read: { ...read, fields }, include };
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
 * announced it with its own `access`). Relations, includes and joins read through the same model
 * read (model-read.ts), so that the caller's options object reaches every hook and connector call
 * unchanged.
 */
export async function readMany(
  Model: ModelClass,
  filter: Filter | undefined,
  options: CallOptions,
  raw: boolean,
  specs?: readonly JoinSpec[],
  notify = true,
): Promise<FindResult> {
  checkJoins(Model, raw, specs);
  let query = filter;
  let hookState: HookState | undefined;
  if (notify && hasObservers(Model, 'access')) {
    hookState = {};
    query = await notifyAccess(Model, filter, options, hookState);
  }
  const { read, include } = splitInclude(Model, query);
  const rows = await readOnce(Model, { filter: read, ...(specs ? { join: specs } : {}) }, options, {
    access: false,
    ...(hookState ? { hookState } : {}),
    loaded: notify,
  });
  const results = raw ? rows : rows.map((row) => fromRow(Model, row));
  if (include !== undefined && results.length > 0) {
    await includeRelated(Model, results, include, options, raw);
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
  await includeRelated(Model, objects, spec, opts, opts.raw === true);
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
  return prepareCount(Model, where).run(NO_VALUES, callOptions(Model, options));
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
  checkJoins(Model, raw, specs);
  const { read, include } = splitInclude(Model, args.filter);
  if (args.keys.length === 0) {
    // Nothing to read, but the filter is still checked as a read of it would be.
    new ModelRead(Model, { filter: read, keys: { properties: args.partitionBy, partition: true } });
    return [];
  }
  const rows = await new ModelRead(Model, {
    filter: read,
    ...(specs ? { join: specs } : {}),
    keys: { properties: args.partitionBy, partition: true },
  }).run(NO_VALUES, options, args.keys);
  const results = raw ? rows : rows.map((row) => fromRow(Model, row));
  if (include !== undefined && results.length > 0) {
    await includeRelated(Model, results, include, options, raw);
  }
  return results;
}

/**
 * The read side of LoopBack's DataAccessObject: find, findOne, findById, exists, count and the
 * batched findGrouped. Filters are validated before any query; rows become instances with
 * `persisted: true` unless `{raw: true}` asks for the connector's plain rows.
 */
import type { ConnectorModel } from '../connector/connector-model.js';
import { canJoin } from '../connector/join-request.js';
import type { Row } from '../connector/model-type-name.js';
import { FilterError, InvalidArgumentError } from '../errors.js';
import { coerceFilterValue } from '../filter/coerce-value.js';
import { toFilterSchema } from '../filter/filter-schema.js';
import type { Filter, NormalizedFilter, Where } from '../filter/filter-types.js';
import { FrozenFilterCache, freezePlainData } from '../filter/frozen-data.js';
import { mergeWhere } from '../filter/merge-filter.js';
import { normalizeFilter } from '../filter/normalize-filter.js';
import { normalizeWhere } from '../filter/normalize-where.js';
import { didYouMean } from '../filter/suggest.js';
import { includeKeys, includeRelated, validateInclude, withFields } from '../inclusion.js';
import type { FindOptions, GroupedFindArgs, JoinSpec, ModelInstance } from '../model-types.js';
import { attachJoins, joinKeys, joinRequestsOnce, type ResolvedJoin, resolveJoinsOnce } from './dao-join.js';
import { attached, fromRow, idWhere, type ModelClass } from './model-class.js';

/** Instances, or plain rows with `{raw: true}`. */
export type FindResult = ModelInstance[] | Row[];

function operationOptions(options: FindOptions | undefined): { transaction?: unknown } {
  return options?.transaction === undefined ? {} : { transaction: options.transaction };
}

/** The validated joins of a read (`options.join`), which need raw rows. */
function readJoins(Model: ModelClass, options: FindOptions | undefined): ResolvedJoin[] | undefined {
  const specs = options?.join;
  if (specs === undefined || (Array.isArray(specs) && specs.length === 0)) return undefined;
  if (!options?.raw) {
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
  options: FindOptions | undefined,
  joins: ResolvedJoin[] | undefined,
): NormalizedFilter {
  let query = filter;
  if (filter?.include !== undefined || joins) {
    if (filter?.include !== undefined) validateInclude(Model, filter.include);
    // A field selection must keep the keys the included and joined relations are read by.
    const keys = [
      ...(filter?.include !== undefined ? includeKeys(Model, filter.include) : []),
      ...(joins ? joinKeys(Model, options?.join ?? []) : []),
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
 * Finds all instances matching a filter (`where`, `order`, `limit`, `skip`, `fields`, `include`);
 * with `{raw: true, join}`, plain rows with their belongsTo targets nested (see dao-join.ts).
 */
export async function find(Model: ModelClass, filter?: Filter, options?: FindOptions): Promise<FindResult> {
  const { connector, model } = await attached(Model);
  const joins = readJoins(Model, options);
  const specs = options?.join;
  const normalized =
    filter !== undefined && filter.include === undefined
      ? (normalizedReads.get(filter, model, specs) ??
        rememberNormalized(model, filter, specs, normalizeRead(Model, model, filter, options, joins)))
      : normalizeRead(Model, model, filter, options, joins);
  let rows: Row[];
  const requests = joins && joinRequestsOnce(Model, connector, joins);
  if (requests && canJoin(connector)) {
    rows = await connector.findJoined(model, normalized, requests, operationOptions(options));
  } else {
    rows = await connector.find(model, normalized, operationOptions(options));
    if (joins && rows.length > 0) await attachJoins(rows, joins, options);
  }
  const results = options?.raw ? rows : rows.map((row) => fromRow(Model, row));
  if (filter?.include !== undefined && results.length > 0) {
    await includeRelated(Model, results, filter.include, options);
  }
  return results;
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
  const { connector, model } = await attached(Model);
  const node = where === undefined || where === null ? undefined : normalizeWhere(model, where);
  return connector.count(model, node, operationOptions(options));
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
  const { connector, model } = await attached(Model);
  const joins = readJoins(Model, options);
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
  if (joins) {
    const fields = withFields(args.filter?.fields, joinKeys(Model, options?.join ?? []));
    if (fields !== undefined) query = { ...args.filter, fields };
  }
  const filter = normalizeFilter(model, query);
  if (args.filter?.include !== undefined) validateInclude(Model, args.filter.include);
  if (keys.length === 0) return [];
  const request = { partitionBy: args.partitionBy, keys, filter };
  const requests = joins && joinRequestsOnce(Model, connector, joins);
  let rows: Row[];
  if (requests && canJoin(connector)) {
    rows = await connector.findGroupedJoined(model, request, requests, operationOptions(options));
  } else {
    rows = await connector.findGrouped(model, request, operationOptions(options));
    if (joins && rows.length > 0) await attachJoins(rows, joins, options);
  }
  const results = options?.raw ? rows : rows.map((row) => fromRow(Model, row));
  if (args.filter?.include !== undefined && results.length > 0) {
    await includeRelated(Model, results, args.filter.include, options);
  }
  return results;
}

/**
 * Per-request DataLoaders: one per (model, relation, filter arguments, selected fields, joins), so
 * that a level of a query costs one juggler call however many parents it has, and results come
 * back aligned to their keys. A hasMany with `limit`/`skip` per parent goes through `findGrouped`
 * (one statement with a window function) instead of one query per parent, which is where
 * juggler's and DataLoader's own recipes fall back to N queries.
 *
 * Every fetch reads the belongsTo chains (and, on PostgreSQL, the hasMany lists) its field selects
 * in the same statement (see join-plan.ts). The joined belongsTo objects are offered to the
 * loaders of their relations and primed lazily: only when a loader with that id is first asked
 * for (another path to the same rows), so the common case, where the relation field answers
 * straight from its parent row, pays nothing for priming.
 */
import DataLoader from 'dataloader';
import type { FieldNode } from 'graphql';
import { InvalidArgumentError } from '../juggler/errors.js';
import type { Filter, Where } from '../juggler/filter/filter-types.js';
import type { ResolvedRelation } from '../juggler/model-types.js';
import { type JoinPlan, NO_JOINS } from './join-plan.js';
import { type GraphQLModelClass, type ModelRow, toRow } from './model-class.js';

/** A key tuple: the values of the key properties of one parent, in key order. */
export type KeyTuple = readonly unknown[];

/** What a relation field resolves to for one parent. */
export type RelationResult = ModelRow | ModelRow[] | null;

function keyPart(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return String(value);
}

/** A string identifying a key tuple (number 1 and string '1' identify the same parent). */
export function keyString(tuple: KeyTuple): string {
  return tuple.length === 1 ? keyPart(tuple[0]) : JSON.stringify(tuple.map(keyPart));
}

/** The key tuple of `row` over `properties`, or undefined when a part is null (nothing to join). */
export function keyOf(row: ModelRow, properties: readonly string[]): KeyTuple | undefined {
  const tuple = properties.map((property) => row[property]);
  return tuple.some((value) => value === null || value === undefined) ? undefined : tuple;
}

function distinct(keys: readonly KeyTuple[]): KeyTuple[] {
  const seen = new Map<string, KeyTuple>();
  for (const key of keys) seen.set(keyString(key), key);
  return [...seen.values()];
}

/** `{albumId: {inq: [1, 2]}}`, or an `or` of tuples for composite keys. */
function whereKeyIn(properties: readonly string[], keys: readonly KeyTuple[]): Where {
  const [single] = properties;
  if (properties.length === 1 && single !== undefined)
    return { [single]: { inq: keys.map((key) => key[0]) } };
  return {
    or: keys.map((key) => Object.fromEntries(properties.map((property, index) => [property, key[index]]))),
  };
}

function andWhere(...wheres: (Where | undefined)[]): Where | undefined {
  const kept = wheres.filter((where): where is Where => where !== undefined && Object.keys(where).length > 0);
  if (kept.length <= 1) return kept[0];
  return { and: kept };
}

function withFields(fields: readonly string[], keys: readonly string[]): string[] {
  return [...new Set([...fields, ...keys])];
}

const RAW: { readonly raw: true } = Object.freeze({ raw: true });

/** The read options of a fetch with a join plan (one shared frozen object when there are no joins). */
export function findOptions(join: JoinPlan): { readonly raw: true; readonly join?: JoinPlan['specs'] } {
  return join.specs.length > 0 ? { raw: true, join: join.specs } : RAW;
}

async function findRows(
  model: GraphQLModelClass,
  filter: Filter,
  join: JoinPlan = NO_JOINS,
): Promise<ModelRow[]> {
  const rows = (await model.find(filter, findOptions(join))) as unknown[];
  return rows.map(toRow);
}

/** `keyString(keyOf(row, properties))` without the tuple for single keys; undefined when a part is null. */
function rowKeyString(row: ModelRow, properties: readonly string[]): string | undefined {
  if (properties.length === 1) {
    const value = row[properties[0] as string];
    return value === null || value === undefined ? undefined : keyPart(value);
  }
  const key = keyOf(row, properties);
  return key ? keyString(key) : undefined;
}

function groupBy(rows: readonly ModelRow[], properties: readonly string[]): Map<string, ModelRow[]> {
  const groups = new Map<string, ModelRow[]>();
  for (const row of rows) {
    const id = rowKeyString(row, properties);
    if (id === undefined) continue;
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

/** Options of one loader: the relation's filter arguments (scope merged in), the target's selected properties and joins. */
export interface LoaderRequest {
  filter: Filter;
  fields: readonly string[];
  /** belongsTo chains of the target read in the same statement (none when undefined). */
  join?: JoinPlan;
}

/** The loader id of a relation request (the same id for the same relation, arguments, fields and joins). */
function relationLoaderId(relation: ResolvedRelation, request: LoaderRequest): string {
  return `${relation.modelFrom}.${relation.name}|${JSON.stringify(request.filter)}|${request.fields.join(',')}|${request.join?.key ?? ''}`;
}

/** Joined objects waiting to be primed into a belongsTo loader: under `path` in each of `rows`. */
interface PendingPrime {
  rows: readonly ModelRow[];
  path: readonly string[];
  keyTo: readonly string[];
}

/** The objects under `path` (relation names, one per joined level) in `rows`. */
function objectsAt(rows: readonly ModelRow[], path: readonly string[]): ModelRow[] {
  let objects = rows as ModelRow[];
  for (const name of path) {
    const next: ModelRow[] = [];
    for (const object of objects) {
      const value = object[name];
      if (value !== null && value !== undefined) next.push(value as ModelRow);
    }
    objects = next;
  }
  return objects;
}

/** A relation loader remembered for the field nodes that asked for it, with its loader id. */
interface NodeLoader {
  id: string;
  loader: DataLoader<KeyTuple, RelationResult, string>;
}

/** Creates and remembers the DataLoaders of one request. Never share one across requests. */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<KeyTuple, RelationResult, string>>();
  private readonly pending = new Map<string, PendingPrime[]>();
  private readonly byNodes = new Map<readonly FieldNode[], Map<ResolvedRelation, NodeLoader>>();

  constructor(private readonly modelsByName: ReadonlyMap<string, GraphQLModelClass>) {}

  /** The model class called `name`. */
  model(name: string): GraphQLModelClass {
    const model = this.modelsByName.get(name);
    if (!model)
      throw new InvalidArgumentError(`No model ${name} was given to the GraphQL schema`, { model: name });
    return model;
  }

  /** The loader of `relation` for these arguments and fields; `load(keyOf(parent, relation.keyFrom))`. */
  relation(relation: ResolvedRelation, request: LoaderRequest): DataLoader<KeyTuple, RelationResult, string> {
    const id = relationLoaderId(relation, request);
    const loader = this.remember(id, (keys) => this.loadRelation(relation, request, keys));
    if (this.pending.size > 0) this.primePending(id, loader);
    return loader;
  }

  /**
   * `relation(relation, request())` for the field `nodes` resolve, remembered per field nodes: every
   * parent of one list resolves with the same nodes array and, within a request, the same
   * arguments, so the request (filter, fields, joins) and the loader id are built once per field
   * instead of once per parent.
   */
  relationAt(
    nodes: readonly FieldNode[],
    relation: ResolvedRelation,
    request: () => LoaderRequest,
  ): DataLoader<KeyTuple, RelationResult, string> {
    let perRelation = this.byNodes.get(nodes);
    const known = perRelation?.get(relation);
    if (known) {
      if (this.pending.size > 0) this.primePending(known.id, known.loader);
      return known.loader;
    }
    const built = request();
    const id = relationLoaderId(relation, built);
    const loader = this.remember(id, (keys) => this.loadRelation(relation, built, keys));
    if (this.pending.size > 0) this.primePending(id, loader);
    if (!perRelation) {
      perRelation = new Map();
      this.byNodes.set(nodes, perRelation);
    }
    perRelation.set(relation, { id, loader });
    return loader;
  }

  /** The loader of rows by id (`track(trackId: 1)` fields batch across aliases). */
  byId(
    modelName: string,
    idProperties: readonly string[],
    fields: readonly string[],
    join: JoinPlan = NO_JOINS,
  ): DataLoader<KeyTuple, RelationResult, string> {
    const id = `${modelName}#id|${fields.join(',')}|${join.key}`;
    return this.remember(id, (keys) =>
      this.loadByKey(this.model(modelName), idProperties, { filter: {}, fields, join }, keys),
    );
  }

  /**
   * Offers the objects a fetch joined under `rows` (per `plan`, every level) to the belongsTo
   * loaders of their relations; each is primed when that loader is first asked for.
   */
  offerJoined(plan: JoinPlan, rows: readonly ModelRow[], path: readonly string[] = []): void {
    if (rows.length === 0) return;
    for (const joined of plan.relations) {
      // hasMany lists answer their own field straight from the parent row; they are not primed.
      if (joined.list) continue;
      const id = relationLoaderId(joined.relation, {
        filter: {},
        fields: joined.fields,
        join: joined.nested,
      });
      const at = [...path, joined.relation.name];
      const entry: PendingPrime = { rows, path: at, keyTo: joined.relation.keyTo };
      const waiting = this.pending.get(id);
      if (waiting) waiting.push(entry);
      else this.pending.set(id, [entry]);
      this.offerJoined(joined.nested, rows, at);
    }
  }

  /** Forgets every cached row (after a mutation). */
  clearAll(): void {
    this.pending.clear();
    for (const loader of this.loaders.values()) loader.clearAll();
  }

  private primePending(id: string, loader: DataLoader<KeyTuple, RelationResult, string>): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    for (const { rows, path, keyTo } of waiting) {
      for (const object of objectsAt(rows, path)) {
        const key = keyOf(object, keyTo);
        if (key) loader.prime(key, object);
      }
    }
  }

  private remember(
    id: string,
    batch: (keys: readonly KeyTuple[]) => Promise<RelationResult[]>,
  ): DataLoader<KeyTuple, RelationResult, string> {
    let loader = this.loaders.get(id);
    if (!loader) {
      loader = new DataLoader<KeyTuple, RelationResult, string>(batch, { cacheKeyFn: keyString });
      this.loaders.set(id, loader);
    }
    return loader;
  }

  private loadRelation(
    relation: ResolvedRelation,
    request: LoaderRequest,
    keys: readonly KeyTuple[],
  ): Promise<RelationResult[]> {
    const target = this.model(relation.modelTo);
    switch (relation.type) {
      case 'belongsTo':
        return this.loadByKey(target, relation.keyTo, request, keys);
      case 'hasOne':
        return this.loadMany(target, relation.keyTo, request, keys).then((lists) =>
          lists.map((list) => (list as ModelRow[])[0] ?? null),
        );
      case 'hasMany':
        return this.loadMany(target, relation.keyTo, request, keys);
      case 'hasManyThrough':
        return this.loadThrough(relation, target, request, keys);
    }
  }

  /** One row per key (belongsTo, by id): `keyTo IN (keys)`. */
  private async loadByKey(
    target: GraphQLModelClass,
    keyTo: readonly string[],
    request: LoaderRequest,
    keys: readonly KeyTuple[],
  ): Promise<RelationResult[]> {
    const where = andWhere(request.filter.where, whereKeyIn(keyTo, distinct(keys)));
    const join = request.join ?? NO_JOINS;
    const rows = await findRows(
      target,
      { ...(where ? { where } : {}), fields: withFields(request.fields, keyTo) },
      join,
    );
    this.offerJoined(join, rows);
    const byKey = new Map<string, ModelRow>();
    for (const row of rows) {
      const id = rowKeyString(row, keyTo);
      if (id !== undefined) byKey.set(id, row);
    }
    return keys.map((key) => byKey.get(keyString(key)) ?? null);
  }

  /** A list per key (hasMany): one `find` with `inq`, or one `findGrouped` when pages are per parent. */
  private async loadMany(
    target: GraphQLModelClass,
    keyTo: readonly string[],
    request: LoaderRequest,
    keys: readonly KeyTuple[],
  ): Promise<RelationResult[]> {
    const { where, order, limit, skip } = request.filter;
    const fields = withFields(request.fields, keyTo);
    const join = request.join ?? NO_JOINS;
    let rows: ModelRow[];
    if (limit !== undefined || skip !== undefined) {
      const filter: Filter = { fields, ...(where ? { where } : {}), ...(order ? { order } : {}) };
      if (limit !== undefined) filter.limit = limit;
      if (skip !== undefined) filter.skip = skip;
      const found = (await target.findGrouped(
        { partitionBy: [...keyTo], keys: distinct(keys).map((key) => [...key]), filter },
        findOptions(join),
      )) as unknown[];
      rows = found.map(toRow);
    } else {
      const merged = andWhere(where, whereKeyIn(keyTo, distinct(keys)));
      rows = await findRows(
        target,
        { fields, ...(merged ? { where: merged } : {}), ...(order ? { order } : {}) },
        join,
      );
    }
    this.offerJoined(join, rows);
    const groups = groupBy(rows, keyTo);
    return keys.map((key) => groups.get(keyString(key)) ?? []);
  }

  /**
   * hasManyThrough in two statements per level whatever the number of parents: the join rows of
   * all parents, then all their targets (ordered); pages per parent are cut in memory.
   */
  private async loadThrough(
    relation: ResolvedRelation,
    target: GraphQLModelClass,
    request: LoaderRequest,
    keys: readonly KeyTuple[],
  ): Promise<RelationResult[]> {
    const through = this.model(relation.through as string);
    const throughFrom = relation.throughFrom ?? [];
    const throughTo = relation.throughTo ?? [];
    const links = await findRows(through, {
      where: whereKeyIn(throughFrom, distinct(keys)),
      fields: withFields(throughFrom, throughTo),
    });
    const targetKeys = distinct(
      links.map((link) => keyOf(link, throughTo)).filter((key): key is KeyTuple => !!key),
    );
    if (targetKeys.length === 0) return keys.map(() => []);
    const { where, order, limit, skip = 0 } = request.filter;
    const merged = andWhere(where, whereKeyIn(relation.keyTo, targetKeys));
    const join = request.join ?? NO_JOINS;
    const targets = await findRows(
      target,
      {
        fields: withFields(request.fields, relation.keyTo),
        ...(merged ? { where: merged } : {}),
        ...(order ? { order } : {}),
      },
      join,
    );
    this.offerJoined(join, targets);
    const rank = new Map(targets.map((row, index) => [keyString(keyOf(row, relation.keyTo) ?? []), index]));
    const byParent = new Map<string, ModelRow[]>();
    for (const link of links) {
      const parent = keyOf(link, throughFrom);
      const child = keyOf(link, throughTo);
      const position = child ? rank.get(keyString(child)) : undefined;
      if (!parent || position === undefined) continue;
      const list = byParent.get(keyString(parent)) ?? [];
      list.push(targets[position] as ModelRow);
      byParent.set(keyString(parent), list);
    }
    return keys.map((key) => {
      const list = (byParent.get(keyString(key)) ?? []).sort(
        (a, b) =>
          (rank.get(keyString(keyOf(a, relation.keyTo) ?? [])) ?? 0) -
          (rank.get(keyString(keyOf(b, relation.keyTo) ?? [])) ?? 0),
      );
      return list.slice(skip, limit === undefined ? undefined : skip + limit);
    });
  }
}

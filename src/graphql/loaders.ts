/**
 * Per-request DataLoaders: one per (model, relation, filter arguments, selected fields), so that a
 * level of a query costs one juggler call however many parents it has, and results come back
 * aligned to their keys. A hasMany with `limit`/`skip` per parent goes through `findGrouped`
 * (one statement with a window function) instead of one query per parent, which is where
 * juggler's and DataLoader's own recipes fall back to N queries.
 */
import DataLoader from 'dataloader';
import { InvalidArgumentError } from '../juggler/errors.js';
import type { Filter, Where } from '../juggler/filter/filter-types.js';
import type { ResolvedRelation } from '../juggler/model-types.js';
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

async function findRows(model: GraphQLModelClass, filter: Filter): Promise<ModelRow[]> {
  const rows = (await model.find(filter, { raw: true })) as unknown[];
  return rows.map(toRow);
}

function groupBy(rows: readonly ModelRow[], properties: readonly string[]): Map<string, ModelRow[]> {
  const groups = new Map<string, ModelRow[]>();
  for (const row of rows) {
    const key = keyOf(row, properties);
    if (!key) continue;
    const id = keyString(key);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

/** Options of one loader: the relation's filter arguments (scope merged in) and the target's selected properties. */
export interface LoaderRequest {
  filter: Filter;
  fields: readonly string[];
}

/** Creates and remembers the DataLoaders of one request. Never share one across requests. */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<KeyTuple, RelationResult, string>>();

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
    const id = `${relation.modelFrom}.${relation.name}|${JSON.stringify(request.filter)}|${request.fields.join(',')}`;
    return this.remember(id, (keys) => this.loadRelation(relation, request, keys));
  }

  /** The loader of rows by id (`track(trackId: 1)` fields batch across aliases). */
  byId(
    modelName: string,
    idProperties: readonly string[],
    fields: readonly string[],
  ): DataLoader<KeyTuple, RelationResult, string> {
    const id = `${modelName}#id|${fields.join(',')}`;
    return this.remember(id, (keys) =>
      this.loadByKey(this.model(modelName), idProperties, { filter: {}, fields }, keys),
    );
  }

  /** Forgets every cached row (after a mutation). */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
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
    const rows = await findRows(target, {
      ...(where ? { where } : {}),
      fields: withFields(request.fields, keyTo),
    });
    const byKey = new Map<string, ModelRow>();
    for (const row of rows) {
      const key = keyOf(row, keyTo);
      if (key) byKey.set(keyString(key), row);
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
    let rows: ModelRow[];
    if (limit !== undefined || skip !== undefined) {
      const filter: Filter = { fields, ...(where ? { where } : {}), ...(order ? { order } : {}) };
      if (limit !== undefined) filter.limit = limit;
      if (skip !== undefined) filter.skip = skip;
      const found = (await target.findGrouped(
        { partitionBy: [...keyTo], keys: distinct(keys).map((key) => [...key]), filter },
        { raw: true },
      )) as unknown[];
      rows = found.map(toRow);
    } else {
      const merged = andWhere(where, whereKeyIn(keyTo, distinct(keys)));
      rows = await findRows(target, {
        fields,
        ...(merged ? { where: merged } : {}),
        ...(order ? { order } : {}),
      });
    }
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
    const targets = await findRows(target, {
      fields: withFields(request.fields, relation.keyTo),
      ...(merged ? { where: merged } : {}),
      ...(order ? { order } : {}),
    });
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

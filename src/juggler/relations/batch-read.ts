/**
 * The one batch read of a relation: the targets of many parents in one read (a relation through a
 * join model too, where the connector joins the join table to the targets; two reads elsewhere:
 * the join rows, then the targets), whatever the number of parents, with
 * results aligned to the parents' key tuples — one row or null per key (belongsTo, hasOne, rows
 * by id), or a list (hasMany, hasManyThrough, referencesMany) filtered, ordered and paged per
 * parent. A referencesMany reads every key its parents' arrays hold in one read; its inverse (a
 * hasMany keyed by the target's array property) groups a target under each key its array holds. Keys are
 * matched with `inq` (composite keys: one condition per tuple); a page per parent is one
 * statement (a window function in SQL); one key hasher (`tupleKey`) groups them.
 *
 * It serves `include`, the joins a connector cannot make, and the GraphQL layer's DataLoaders
 * alike (`Model.prepareBatchRead`); prepared once, it runs with the slots' values and the keys.
 *
 * @example
 * const tracks = prepareRelationRead(Album, 'tracks', { filter: { order: 'name', limit: 2 } });
 * await tracks.run([[1], [4]]); // [[two tracks of album 1], [two tracks of album 4]]
 */
import type { Row } from '../connector/model-type-name.js';
import { linkedRows, PARTITION_KEY } from '../connector/prepared-read.js';
import { attached, type ModelClass } from '../dao/model-class.js';
import { type KeyTuples, ModelRead } from '../dao/model-read.js';
import type { BatchReadResult, PreparedBatchRead, SlotValues } from '../dao/prepared-read-types.js';
import { isSlot } from '../filter/filter-slot.js';
import type { Filter } from '../filter/filter-types.js';
import { withFields } from '../filter/merge-filter.js';
import { keyPart, tupleKey } from '../filter/value-key.js';
import type { CallOptions, JoinSpec, ResolvedRelation } from '../model-types.js';
import { hasObservers } from '../observer.js';
import { distinctTuples, headProperty, keyTuple, valuesAt } from './key-utils.js';
import { getRelation, relatedModel } from './relation-registry.js';

/** A prepared batch read (see the file header). */
export type BatchRead = PreparedBatchRead;

/** What a batch read of a relation's targets (or of rows by id) reads of them. */
export interface BatchReadOptions {
  /** The targets' where, order, limit/skip (per parent) and fields; slots allowed. Scopes are the caller's to merge. */
  filter?: Filter;
  /** Relations of the targets read with them. */
  join?: readonly JoinSpec[];
  /** The read is kept and run many times (see `ModelReadSpec.reused`). */
  reused?: boolean;
}

const NO_VALUES: SlotValues = Object.freeze({});

/** The distinct key tuples of `keys`, in first-seen order. */
function distinctKeys(keys: KeyTuples): (readonly unknown[])[] {
  const seen = new Map<string, readonly unknown[]>();
  for (const key of keys) {
    const id = tupleKey(key);
    if (!seen.has(id)) seen.set(id, key);
  }
  return [...seen.values()];
}

/** Rows grouped by their tuple of `properties`. */
function groupRows(rows: readonly Row[], properties: readonly string[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const tuple = keyTuple(row, properties);
    if (!tuple) continue;
    const id = tupleKey(tuple);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

/**
 * Rows grouped by each value of their array property `property` (the inverse of a
 * referencesMany: a playlist belongs to the group of every track in its `trackIds`), or each value
 * a dotted path reaches in their embedded documents (the inverse of a key inside them: an invoice
 * belongs to the group of every track its `lines.trackId` hold). A row is kept once per group,
 * however often it holds the key or is read (a per-parent page), told apart by `ids`.
 */
function groupRowsByElements(
  rows: readonly Row[],
  property: string,
  ids: readonly string[],
): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  const seen = new Map<string, Set<string>>();
  for (const row of rows) {
    // A row of a per-parent page was read for one parent: it belongs to that list only.
    const readFor = (row as { [PARTITION_KEY]?: unknown })[PARTITION_KEY];
    const values = readFor === undefined ? valuesAt(row, property) : [readFor];
    if (values.length === 0) continue;
    const rowId = tupleKey(keyTuple(row, ids) ?? [row]);
    for (const value of values) {
      if (value === null || value === undefined) continue;
      const id = keyPart(value);
      const members = seen.get(id) ?? new Set<string>();
      if (members.has(rowId)) continue;
      members.add(rowId);
      seen.set(id, members);
      const group = groups.get(id);
      if (group) group.push(row);
      else groups.set(id, [row]);
    }
  }
  return groups;
}

/**
 * Whether a key on `property` of `Model` matches rows holding the key among several values: an
 * array property (its elements), or a dotted path into embedded documents (`lines.trackId`).
 */
function holdsSeveralKeys(Model: ModelClass, property: string | undefined): boolean {
  if (property === undefined) return false;
  return property.includes('.') || Model.definition.properties[property]?.typeName === 'Array';
}

function isPaged(filter: Filter | undefined): boolean {
  return filter?.limit !== undefined || filter?.skip !== undefined || filter?.offset !== undefined;
}

/** Targets matched to parents by `keyTo` in one read (belongsTo, hasOne, hasMany, rows by id). */
class KeyedBatchRead implements PreparedBatchRead {
  private readonly read: ModelRead;
  /** The target's key is one array property: parents' keys are elements of it. */
  private readonly contains: boolean;
  private readonly targetIds: readonly string[];

  constructor(
    Target: ModelClass,
    readonly multiple: boolean,
    readonly keyFrom: readonly string[],
    private readonly keyTo: readonly string[],
    options: BatchReadOptions,
    /** One row per key out of a list (hasOne): the first of each parent's page of one. */
    firstOfList = false,
  ) {
    const given = options.filter ?? {};
    this.contains = keyTo.length === 1 && holdsSeveralKeys(Target, keyTo[0]);
    this.targetIds = Target.definition.idNames();
    const filter: Filter = firstOfList && !isPaged(given) ? { ...given, limit: 1 } : given;
    this.read = new ModelRead(Target, {
      filter,
      ...(options.join ? { join: options.join } : {}),
      keys: { properties: keyTo },
      reused: options.reused === true,
    });
  }

  async run(
    keys: KeyTuples,
    values: SlotValues = NO_VALUES,
    options: CallOptions = {},
  ): Promise<BatchReadResult[]> {
    if (keys.length === 0) return [];
    const rows = await this.read.run(values, options, distinctKeys(keys));
    const groups = this.contains
      ? groupRowsByElements(rows, this.keyTo[0] as string, this.targetIds)
      : groupRows(rows, this.keyTo);
    return keys.map((key) => {
      const group = groups.get(tupleKey(key));
      return this.multiple ? (group ?? []) : (group?.[0] ?? null);
    });
  }

  explain(): Promise<string[]> {
    return this.read.explain();
  }
}

/** A count or page bound of a relation's filter: a number, a slot's value, or none. */
function pageBound(value: unknown, values: SlotValues): number | undefined {
  const bound = isSlot(value) ? values[value.name] : value;
  return typeof bound === 'number' ? bound : undefined;
}

/**
 * The targets of a list read for every parent at once without the filter's page, which applies
 * to each parent's list in memory (`pager`): what a read of join rows then targets, or of the
 * keys held in arrays, gives per parent.
 */
class UnpagedTargets {
  readonly read: ModelRead;
  /** Whether the filter orders the targets (each list then follows the read's order). */
  readonly ordered: boolean;
  private readonly skip: unknown;
  private readonly limit: unknown;

  constructor(Target: ModelClass, keyTo: readonly string[], options: BatchReadOptions) {
    const { limit, skip, offset, ...unpaged } = options.filter ?? {};
    this.skip = skip ?? offset;
    this.limit = limit;
    this.ordered = unpaged.order !== undefined;
    this.read = new ModelRead(Target, {
      filter: unpaged,
      ...(options.join ? { join: options.join } : {}),
      keys: { properties: keyTo },
      reused: options.reused === true,
    });
  }

  /** The page of one parent's list, for the slot values of a run. */
  pager(values: SlotValues): (list: Row[]) => Row[] {
    const skip = pageBound(this.skip, values) ?? 0;
    const limit = pageBound(this.limit, values);
    return (list) => list.slice(skip, limit === undefined ? undefined : skip + limit);
  }
}

/**
 * hasManyThrough in two reads whatever the number of parents: the join rows of all parents, then
 * all their targets (filtered and ordered); each parent's list follows the targets' order and is
 * paged in memory. What a connector without `capabilities.throughReads` reads, and what hooks on
 * the join model need (they see its rows).
 */
class LinksThenTargets implements PreparedBatchRead {
  readonly multiple = true;
  readonly keyFrom: readonly string[];
  private readonly links: ModelRead;
  private readonly targets: UnpagedTargets;
  private readonly throughFrom: readonly string[];
  private readonly throughTo: readonly string[];
  private readonly keyTo: readonly string[];

  constructor(
    relation: ResolvedRelation,
    Through: ModelClass,
    Target: ModelClass,
    options: BatchReadOptions,
  ) {
    this.keyFrom = relation.keyFrom;
    this.keyTo = relation.keyTo;
    this.throughFrom = relation.throughFrom ?? [];
    this.throughTo = relation.throughTo ?? [];
    this.links = new ModelRead(Through, {
      filter: { fields: [...this.throughFrom, ...this.throughTo] },
      keys: { properties: this.throughFrom },
      reused: options.reused === true,
    });
    this.targets = new UnpagedTargets(Target, this.keyTo, options);
  }

  async run(
    keys: KeyTuples,
    values: SlotValues = NO_VALUES,
    options: CallOptions = {},
  ): Promise<BatchReadResult[]> {
    if (keys.length === 0) return [];
    const links = await this.links.run(NO_VALUES, options, distinctKeys(keys));
    const targetKeys = distinctTuples(links, this.throughTo);
    const targets = targetKeys.length === 0 ? [] : await this.targets.read.run(values, options, targetKeys);
    const targetsByKey = groupRows(targets, this.keyTo);
    const rank = new Map<Row, number>(targets.map((row, index) => [row, index]));
    const perParent = new Map<string, Row[]>();
    for (const link of links) {
      const from = keyTuple(link, this.throughFrom);
      const to = keyTuple(link, this.throughTo);
      const target = to && targetsByKey.get(tupleKey(to))?.[0];
      if (!from || !target) continue;
      const id = tupleKey(from);
      const list = perParent.get(id);
      if (list) list.push(target);
      else perParent.set(id, [target]);
    }
    const page = this.targets.pager(values);
    return keys.map((key) =>
      page((perParent.get(tupleKey(key)) ?? []).sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))),
    );
  }

  async explain(): Promise<string[]> {
    return [...(await this.links.explain()), ...(await this.targets.read.explain())];
  }
}

/**
 * hasManyThrough in one read whatever the number of parents, where the connector can
 * (`capabilities.throughReads`: the join table joined to the targets, filtered, ordered and paged
 * per parent in the database); otherwise, or with `access`/`loaded` listeners on the join model,
 * the join rows and the targets in two reads (`LinksThenTargets`).
 */
class ThroughBatchRead implements PreparedBatchRead {
  readonly multiple = true;
  readonly keyFrom: readonly string[];
  private readonly linked: ModelRead;
  private apart: LinksThenTargets | undefined;
  /** Whether the connector reads through the join model (learnt once it is attached). */
  private connectorReads: boolean | undefined;

  constructor(
    private readonly relation: ResolvedRelation,
    private readonly Through: ModelClass,
    private readonly Target: ModelClass,
    private readonly options: BatchReadOptions,
  ) {
    this.keyFrom = relation.keyFrom;
    this.linked = new ModelRead(Target, {
      filter: options.filter ?? {},
      ...(options.join ? { join: options.join } : {}),
      keys: {
        properties: relation.throughFrom ?? [],
        through: { Model: Through, to: relation.throughTo ?? [], targetKeys: relation.keyTo },
      },
      reused: options.reused === true,
    });
  }

  async run(
    keys: KeyTuples,
    values: SlotValues = NO_VALUES,
    options: CallOptions = {},
  ): Promise<BatchReadResult[]> {
    if (keys.length === 0) return [];
    const oneRead = this.connectorReads === undefined ? await this.inOneRead() : this.oneReadNow();
    if (!oneRead) return this.twoReads().run(keys, values, options);
    const rows = linkedRows(await this.linked.run(values, options, distinctKeys(keys)));
    const perParent = new Map<string, Row[]>();
    for (const { key, row } of rows) {
      const id = tupleKey(key);
      const list = perParent.get(id);
      if (list) list.push(row);
      else perParent.set(id, [row]);
    }
    return keys.map((key) => perParent.get(tupleKey(key)) ?? []);
  }

  async explain(): Promise<string[]> {
    return (await this.inOneRead()) ? this.linked.explain() : this.twoReads().explain();
  }

  /** Whether this run reads in one statement (see the class comment), the connector attached first. */
  private async inOneRead(): Promise<boolean> {
    if (this.connectorReads === undefined) {
      const { Through, Target } = this;
      const connector = Target.dataSource?.connector ?? (await attached(Target)).connector;
      this.connectorReads =
        Through.dataSource === Target.dataSource && connector.capabilities.throughReads === true;
    }
    return this.oneReadNow();
  }

  /** `inOneRead` once the connector is known: its capability, and no listener on the join model now. */
  private oneReadNow(): boolean {
    const { Through } = this;
    return (
      this.connectorReads === true && !hasObservers(Through, 'access') && !hasObservers(Through, 'loaded')
    );
  }

  private twoReads(): LinksThenTargets {
    this.apart ??= new LinksThenTargets(this.relation, this.Through, this.Target, this.options);
    return this.apart;
  }
}

/**
 * referencesMany in one read whatever the number of parents: every key their arrays hold, read
 * with one `inq` (filtered and ordered); each parent's list follows its array's order (or the
 * filter's order, when it gives one), each target once, paged in memory.
 */
class ReferencesManyBatchRead implements PreparedBatchRead {
  readonly multiple = true;
  readonly keyFrom: readonly string[];
  private readonly keyTo: readonly string[];
  private readonly targets: UnpagedTargets;

  constructor(relation: ResolvedRelation, Target: ModelClass, options: BatchReadOptions) {
    this.keyFrom = relation.keyFrom;
    this.keyTo = relation.keyTo;
    this.targets = new UnpagedTargets(Target, this.keyTo, options);
  }

  async run(
    keys: KeyTuples,
    values: SlotValues = NO_VALUES,
    options: CallOptions = {},
  ): Promise<BatchReadResult[]> {
    if (keys.length === 0) return [];
    const elements = new Map<string, unknown[]>();
    for (const key of keys) {
      const list = key[0];
      if (!Array.isArray(list)) continue;
      for (const value of list)
        if (value !== null && value !== undefined) elements.set(keyPart(value), [value]);
    }
    const targets =
      elements.size === 0 ? [] : await this.targets.read.run(values, options, [...elements.values()]);
    const byKey = groupRows(targets, this.keyTo);
    const rank = new Map<Row, number>(targets.map((row, index) => [row, index]));
    const page = this.targets.pager(values);
    return keys.map((key) => {
      const list: Row[] = [];
      const taken = new Set<Row>();
      for (const value of Array.isArray(key[0]) ? key[0] : []) {
        const target = byKey.get(keyPart(value))?.[0];
        if (target && !taken.has(target)) {
          taken.add(target);
          list.push(target);
        }
      }
      if (this.targets.ordered) list.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
      return page(list);
    });
  }

  explain(): Promise<string[]> {
    return this.targets.read.explain();
  }
}

/**
 * The batch read of `relation`'s targets for many parents of `Model` (keys: the parents'
 * `keyFrom` tuples). The filter's fields are widened by the keys the read groups by.
 */
export function prepareRelationRead(
  Model: ModelClass,
  relationName: string,
  options: BatchReadOptions = {},
): BatchRead {
  const relation = getRelation(Model, relationName);
  const Target = relatedModel(Model, relation.modelTo);
  const filter = options.filter ?? {};
  // A key inside embedded documents (`lines.trackId`) is read with the property holding them.
  const fields = withFields(filter.fields, relation.keyTo.map(headProperty));
  const widened: BatchReadOptions = {
    ...options,
    filter: fields === undefined ? filter : { ...filter, fields },
  };
  switch (relation.type) {
    case 'belongsTo': {
      // One target per key: a page means nothing here (LoopBack ignores it too).
      const { limit: _limit, skip: _skip, offset: _offset, ...unpaged } = widened.filter ?? {};
      return new KeyedBatchRead(Target, false, relation.keyFrom, relation.keyTo, {
        ...widened,
        filter: unpaged,
      });
    }
    case 'hasOne':
      return new KeyedBatchRead(Target, false, relation.keyFrom, relation.keyTo, widened, true);
    case 'hasMany':
      return new KeyedBatchRead(Target, true, relation.keyFrom, relation.keyTo, widened);
    case 'hasManyThrough':
      return new ThroughBatchRead(relation, relatedModel(Model, relation.through as string), Target, widened);
    case 'referencesMany':
      return new ReferencesManyBatchRead(relation, Target, widened);
  }
}

/** The batch read of `Model`'s rows by id (keys: id tuples in id order). */
export function prepareIdRead(Model: ModelClass, options: BatchReadOptions = {}): BatchRead {
  const ids = Model.definition.idNames();
  const filter = options.filter ?? {};
  const fields = withFields(filter.fields, ids);
  return new KeyedBatchRead(Model, false, ids, ids, {
    ...options,
    filter: fields === undefined ? filter : { ...filter, fields },
  });
}

/** The objects under `path` (relation names of joined objects) in `rows`. */
function objectsAt(rows: readonly Row[], path: readonly string[]): Row[] {
  let objects = rows as Row[];
  for (const name of path) {
    const next: Row[] = [];
    for (const object of objects) {
      const value = object[name];
      if (value !== null && value !== undefined && !Array.isArray(value)) next.push(value as Row);
    }
    objects = next;
  }
  return objects;
}

/**
 * Runs `batch` once for the distinct keys of `parents` and answers each parent's result: its row
 * or null, or its list (a parent without a key gets null or an empty list).
 */
export async function readForParents(
  parents: readonly object[],
  batch: BatchRead,
  values: SlotValues,
  options: CallOptions,
): Promise<(parent: object) => BatchReadResult> {
  const keys = distinctTuples(parents, batch.keyFrom);
  const results = keys.length === 0 ? [] : await batch.run(keys, values, options);
  const byKey = new Map<string, BatchReadResult>();
  for (const [index, key] of keys.entries()) byKey.set(tupleKey(key), results[index] ?? null);
  return (parent) => {
    const key = keyTuple(parent, batch.keyFrom);
    const result = key ? byKey.get(tupleKey(key)) : undefined;
    return result ?? (batch.multiple ? [] : null);
  };
}

/**
 * Reads `relation` of the parents under `path` in `rows` with `batch` (one read for all of them)
 * and nests each parent's result under the relation's name.
 */
export async function attachRelation(
  rows: readonly Row[],
  path: readonly string[],
  relation: string,
  batch: BatchRead,
  values: SlotValues,
  options: CallOptions,
): Promise<void> {
  const parents = objectsAt(rows, path);
  const resultOf = await readForParents(parents, batch, values, options);
  for (const parent of parents) parent[relation] = resultOf(parent);
}

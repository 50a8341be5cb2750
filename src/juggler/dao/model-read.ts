/**
 * The one read of the DAO: a model's rows by a filter (slots allowed), with the relations the
 * caller joins (`{raw: true, join}`), optionally restricted to the parent keys of a batch. It is
 * prepared once: the filter validated and normalized, the joins resolved, the connector's
 * `prepareRead` called on first use (after the data source is ready); each run binds the slots'
 * values and the keys. `find`, `findGrouped`, `include`, the batch reads of relations and the
 * GraphQL layer's operation plans all read through it.
 *
 * Joins are read in the same statement when the connector joins and every target lives on its
 * data source; a hasMany list the connector cannot nest, and every join of a connector that does
 * not join, is read apart — one batch read per relation and level, nested the same way. A joined
 * model with `access` or `loaded` listeners is read apart too, so its hooks apply.
 *
 * Operation hooks: with `access` listeners on the model, a run hands them the filter with the
 * slots' values in it (and the batch's keys), and reads what they leave — prepared for that run,
 * since what a listener adds depends on the caller. `loaded` runs per row after the read.
 */

import type { Connector } from '../connector/connector.js';
import type { ConnectorModel } from '../connector/connector-model.js';
import type { JoinRequest } from '../connector/join-request.js';
import type { Row } from '../connector/model-type-name.js';
import {
  type CompiledRead,
  JoinNotNestableError,
  type LinkedRow,
  linkedRows,
  type PreparedFilter,
  type ReadParameter,
  type ReadRequest,
  type ThroughRequest,
} from '../connector/prepared-read.js';
import { resolveConnectorModel } from '../connector/resolve-connector-model.js';
import { FilterError, InvalidArgumentError } from '../errors.js';
import { coerceFilterValue } from '../filter/coerce-value.js';
import { lookupFilterProperty, toFilterSchema } from '../filter/filter-schema.js';
import { fillSlots } from '../filter/filter-slot.js';
import type { Filter, WhereNode } from '../filter/filter-types.js';
import { withFields } from '../filter/merge-filter.js';
import { normalizeFilter } from '../filter/normalize-filter.js';
import { SlotParameters, type SlotValueMap } from '../filter/slot-parameters.js';
import { didYouMean } from '../filter/suggest.js';
import { andNodes } from '../filter/where-nodes.js';
import type { CallOptions, JoinSpec } from '../model-types.js';
import { anyObservers } from '../observer.js';
import { attachRelation, type BatchRead, prepareRelationRead } from '../relations/batch-read.js';
import { headProperty, tuplesWhere } from '../relations/key-utils.js';
import { joinKeys, joinRequests, joinsObserved, type ResolvedJoin, resolveJoins } from './dao-join.js';
import { attached, type ModelClass } from './model-class.js';
import {
  type HookState,
  hasObservers,
  notifyAccess,
  notifyLoaded,
  operationOptions,
} from './operation-hooks.js';

/** The key tuples of a batch: one per parent (or id), aligned with the batch's key properties. */
export type KeyTuples = readonly (readonly unknown[])[];

/** What a model read reads. */
export interface ModelReadSpec {
  /** where, order, limit, skip, fields (slots allowed); no include (the DAO adds includes after). */
  filter?: Filter;
  /** Relations read with the rows (raw rows only), nested under their names. */
  join?: readonly JoinSpec[];
  /**
   * A batch: only the rows whose `properties` hold one of the key tuples given to each run. With
   * `partition` (or a limit or skip in the filter), order, limit and skip apply per key.
   */
  keys?: { properties: readonly string[]; partition?: boolean; through?: ThroughKeys };
  /**
   * The read is kept and run many times (an operation plan's): the connector may then write its
   * literals into the statement (PostgreSQL plans such a statement once for its real values).
   */
  reused?: boolean;
}

/**
 * A batch read through a join model (hasManyThrough, on connectors with
 * `capabilities.throughReads`): the key tuples are matched against the join model's `properties`
 * (the batch's), its `to` properties reference the read model's `targetKeys`, and each row of a run
 * is a `LinkedRow` (`{key, row}`: the parent's key, the target row). Always read per key.
 */
export interface ThroughKeys {
  /** The join model (on the read model's data source). */
  Model: ModelClass;
  to: readonly string[];
  targetKeys: readonly string[];
}

/** The key of the target row in each row of a read through a join model (`LinkedRow.row`). */
const LINKED_ROW = 'row';

/** How a run treats hooks. */
export interface ModelReadRun {
  /** Whether `access` runs (false when the caller already announced the read with its own `access`). */
  access?: boolean;
  /** Whether `loaded` runs (false for a read whose operation runs it itself). */
  loaded?: boolean;
  /** The hook state shared with the caller's other hooks of the operation. */
  hookState?: HookState;
}

/** A relation read apart from its parents: the batch read, and where its parents sit in the rows. */
interface ApartRead {
  /** Relation names of the joined objects leading from a row to the parents of this relation. */
  path: readonly string[];
  relation: string;
  batch: BatchRead;
}

/** The compiled form of a model read (per data source connection, made once). */
interface CompiledModelRead {
  slots: SlotParameters;
  read: CompiledRead;
  apart: ApartRead[];
}

const KEYS_SLOT = '__keys';
const NO_VALUES: SlotValueMap = Object.freeze({});

/** The key tuples of a run, coerced to the key properties' types (as an `inq` of them would be). */
function keysCoercion(Model: ModelClass, model: ConnectorModel, properties: readonly string[]) {
  const schema = toFilterSchema(model);
  const typed = properties.map((name) => {
    // A dotted key names a property of embedded documents (`lines.trackId`).
    const property = lookupFilterProperty(schema, name);
    if (!property) {
      throw new FilterError(
        `Unknown property \`${name}\` in the keys of a batch read on model \`${Model.modelName}\`${didYouMean(name, schema.properties.keys())}`,
        {
          model: Model.modelName,
          property: name,
          operator: 'keys',
          expected: `a property of ${Model.modelName}`,
          received: name,
        },
      );
    }
    // A key on an array property (the inverse of a referencesMany) is one of its elements.
    return property.type === 'Array' ? { name: property.name, type: property.itemType ?? 'Any' } : property;
  });
  return (value: unknown): unknown[][] => {
    const tuples = (value ?? []) as KeyTuples;
    return tuples.map((tuple) => {
      if (!Array.isArray(tuple) || tuple.length !== typed.length) {
        const expected = `tuples of ${typed.length} value(s)`;
        throw new FilterError(
          `Invalid keys of a batch read on model \`${Model.modelName}\`: expected ${expected}`,
          {
            model: Model.modelName,
            property: properties.join(','),
            operator: 'keys',
            expected,
            received: JSON.stringify(tuple),
          },
        );
      }
      return typed.map((property, index) =>
        coerceFilterValue(tuple[index], property, {
          model: Model.modelName,
          property: property.name,
          operator: 'eq',
        }),
      );
    });
  };
}

/** A model's read, prepared once and run many times (see the file header). */
export class ModelRead {
  private compiled: Promise<CompiledModelRead> | undefined;
  /** The compiled read once it is there (runs then need no await before the statement). */
  private ready: CompiledModelRead | undefined;
  /** The same read with every join read apart (when a joined model has listeners). */
  private compiledApart: Promise<CompiledModelRead> | undefined;

  constructor(
    readonly Model: ModelClass,
    private readonly spec: ModelReadSpec,
  ) {}

  /**
   * The rows (raw: plain values, joins nested) for the slots' `values` and, for a batch, its key
   * tuples; the caller's `options` reach the hooks and the connector unchanged.
   */
  run(
    values: SlotValueMap,
    options: CallOptions,
    keys?: KeyTuples,
    hooks: ModelReadRun = {},
  ): Promise<Row[]> {
    const compiled = this.ready;
    // The common run: compiled already, and no operation hook listener anywhere. No async frame.
    if (compiled && !anyObservers()) {
      const rows = compiled.read.run(this.bindingsOf(compiled, values, keys), operationOptions(options));
      return compiled.apart.length === 0
        ? rows
        : rows.then((read) => this.readApart(compiled, read, values, options));
    }
    return this.runWithHooks(values, options, keys, hooks);
  }

  /** A run that compiles first, or with listeners to run (see the file header). */
  private async runWithHooks(
    values: SlotValueMap,
    options: CallOptions,
    keys: KeyTuples | undefined,
    hooks: ModelReadRun,
  ): Promise<Row[]> {
    const { Model } = this;
    let hookState = hooks.hookState;
    let compiled: CompiledModelRead;
    let bound = values;
    let boundKeys = keys;
    if (hooks.access !== false && hasObservers(Model, 'access')) {
      hookState ??= {};
      compiled = await this.compileForAccess(values, keys, options, hookState);
      bound = NO_VALUES;
      boundKeys = undefined;
    } else if (this.spec.join !== undefined && anyObservers() && this.joinsObserved()) {
      this.compiledApart ??= this.compile(this.spec, true);
      compiled = await this.compiledApart;
    } else {
      compiled = await this.compiledRead();
    }
    let rows = await compiled.read.run(
      this.bindingsOf(compiled, bound, boundKeys),
      operationOptions(options),
    );
    rows = await this.readApart(compiled, rows, bound, options);
    if (hooks.loaded !== false && rows.length > 0 && hasObservers(Model, 'loaded')) {
      rows = await this.notifyLoaded(rows, options, hookState ?? {});
    }
    return rows;
  }

  /** `loaded` for each row read (the target rows of a read through a join model). */
  private async notifyLoaded(rows: Row[], options: CallOptions, hookState: HookState): Promise<Row[]> {
    if (!this.spec.keys?.through) return notifyLoaded(this.Model, rows, false, options, hookState);
    const linked = linkedRows(rows) as LinkedRow[];
    const targets = await notifyLoaded(
      this.Model,
      linked.map((link) => link.row),
      false,
      options,
      hookState,
    );
    for (const [index, link] of linked.entries()) link.row = targets[index] as Row;
    return rows;
  }

  /** The read compiled once (remembered as `ready` once it is). */
  private compiledRead(): Promise<CompiledModelRead> {
    this.compiled ??= this.compile(this.spec, false).then((compiled) => {
      this.ready = compiled;
      return compiled;
    });
    return this.compiled;
  }

  private bindingsOf(
    compiled: CompiledModelRead,
    values: SlotValueMap,
    keys: KeyTuples | undefined,
  ): readonly unknown[] {
    return compiled.slots.bind(keys === undefined ? values : { ...values, [KEYS_SLOT]: keys });
  }

  /**
   * Reads the relations read apart from `rows` and nests them. They are read together: each
   * depends only on rows already there (its parents, or objects joined in the statement) and
   * nests under its own relation name, so a level costs one round trip however many relations it has.
   */
  private async readApart(
    compiled: CompiledModelRead,
    rows: Row[],
    values: SlotValueMap,
    options: CallOptions,
  ): Promise<Row[]> {
    if (rows.length === 0 || compiled.apart.length === 0) return rows;
    await Promise.all(
      compiled.apart.map((apart) =>
        attachRelation(rows, apart.path, apart.relation, apart.batch, values, options),
      ),
    );
    return rows;
  }

  /** The statements of the read (compiled now if it was not yet). */
  async explain(): Promise<string[]> {
    const compiled = await this.compiledRead();
    const apart = await Promise.all(compiled.apart.map((read) => read.batch.explain()));
    return [...compiled.read.explain(), ...apart.flat()];
  }

  /** Whether a joined model (at any depth) has `access` or `loaded` listeners. */
  private joinsObserved(): boolean {
    try {
      return joinsObserved(resolveJoins(this.Model, this.spec.join ?? []));
    } catch {
      return false;
    }
  }

  /**
   * The read of one run under `access` listeners: they get the filter with the slots' values (and
   * the batch's keys as a where), and the read is prepared from what they leave.
   */
  private async compileForAccess(
    values: SlotValueMap,
    keys: KeyTuples | undefined,
    options: CallOptions,
    hookState: HookState,
  ): Promise<CompiledModelRead> {
    const { spec, Model } = this;
    const given = fillSlots(spec.filter ?? {}, values) as Filter;
    let filter = given;
    if (keys !== undefined && spec.keys && !this.isPartitioned(given)) {
      const where = tuplesWhere(spec.keys.properties, keys);
      filter = { ...given, where: given.where ? { and: [where, given.where] } : where };
    }
    const query = await notifyAccess(Model, filter, options, hookState);
    // Prepared for this run only: what listeners add depends on the caller, so its values stay
    // parameters (no statement text per caller).
    if (keys !== undefined && spec.keys && this.isPartitioned(given)) {
      // A per-key page stays a partition of the keys; listeners narrow the rows within it.
      return this.compile(
        { ...spec, filter: { ...query }, keys: { ...spec.keys, partition: true }, reused: false },
        false,
        keys,
      );
    }
    const { keys: _keys, ...rest } = spec;
    return this.compile({ ...rest, filter: query, reused: false }, false);
  }

  private isPartitioned(filter: Filter): boolean {
    return (
      this.spec.keys?.partition === true ||
      this.spec.keys?.through !== undefined ||
      (filter.limit ?? null) !== null ||
      (filter.skip ?? null) !== null ||
      (filter.offset ?? null) !== null
    );
  }

  private async compile(
    spec: ModelReadSpec,
    allApart: boolean,
    literalKeys?: KeyTuples,
  ): Promise<CompiledModelRead> {
    const { Model } = this;
    const { connector, model } = await attached(Model);
    const joins = spec.join && spec.join.length > 0 ? resolveJoins(Model, spec.join) : [];
    const slots = new SlotParameters();
    const through = spec.keys?.through;
    // Through a join model, the keys are the join rows' (the rows need only what is selected).
    // A key inside embedded documents (`lines.trackId`) is read with the property holding them.
    const keyFields = through ? [] : (spec.keys?.properties ?? []).map(headProperty);
    const required = [...keyFields, ...joinKeys(Model, spec.join ?? [])];
    const filter = spec.filter ?? {};
    const fields = withFields(filter.fields, required);
    const normalized: PreparedFilter = normalizeFilter(
      model,
      fields === undefined ? filter : { ...filter, fields },
      slots,
    );
    const request: ReadRequest = { model, filter: normalized };
    if (spec.keys) {
      const link = through ? throughRequest(Model, connector, through) : undefined;
      const coerce = link
        ? keysCoercion(through?.Model as ModelClass, link.model, spec.keys.properties)
        : keysCoercion(Model, model, spec.keys.properties);
      const keys: ReadParameter | unknown[][] = literalKeys
        ? coerce(literalKeys)
        : slots.add(KEYS_SLOT, coerce);
      const partitioned =
        link !== undefined ||
        spec.keys.partition === true ||
        normalized.limit !== undefined ||
        normalized.skip !== undefined;
      if (link) request.partition = { by: spec.keys.properties, keys, through: link };
      else if (partitioned) request.partition = { by: spec.keys.properties, keys };
      else {
        const keysNode: WhereNode = { kind: 'keys', properties: spec.keys.properties, value: keys };
        request.filter = {
          ...normalized,
          where: normalized.where ? andNodes([normalized.where, keysNode]) : keysNode,
        };
      }
    }
    const reused = { reused: spec.reused === true };
    const prepare = (joined: readonly JoinRequest[] | undefined) =>
      connector.prepareRead(joined && joined.length > 0 ? { ...request, joins: joined } : request, reused);
    const inStatement = allApart ? undefined : joinRequests(Model, connector, joins);
    // The rows of a read through a join model hold their target row under `row`.
    const root = through ? [LINKED_ROW] : [];
    if (joins.length === 0 || !inStatement) {
      return {
        slots,
        read: prepare(undefined),
        apart: joins.map((join) => apartRead(join, root, reused.reused)),
      };
    }
    try {
      return { slots, read: prepare(inStatement), apart: [] };
    } catch (error) {
      if (!(error instanceof JoinNotNestableError)) throw error;
      // Lists the connector cannot nest are read apart; belongsTo chains stay in the statement.
      return {
        slots,
        read: prepare(withoutLists(inStatement)),
        apart: listsApart(joins, root, reused.reused),
      };
    }
  }
}

/** The connector's form of a read through a join model; throws when the connector cannot read one. */
function throughRequest(Model: ModelClass, connector: Connector, through: ThroughKeys): ThroughRequest {
  if (!connector.capabilities.throughReads || through.Model.dataSource !== Model.dataSource) {
    throw new InvalidArgumentError(
      `Cannot read ${Model.modelName} through ${through.Model.modelName} in one read: the connector cannot, or the models live on different data sources`,
      { model: Model.modelName, through: through.Model.modelName },
    );
  }
  return {
    model: resolveConnectorModel(through.Model.definition, connector),
    to: through.to,
    targetKeys: through.targetKeys,
  };
}

/** A join read apart: the batch read of its relation, with its own joins below it. */
function apartRead(join: ResolvedJoin, path: readonly string[], reused: boolean): ApartRead {
  const { relation } = join;
  const filter: Filter = { ...(join.listFilter ?? {}) };
  if (join.fields) filter.fields = join.fields;
  const nested = specsOf(join.join);
  return {
    path,
    relation: relation.name,
    batch: prepareRelationRead(join.Parent, relation.name, {
      filter,
      reused,
      ...(nested.length ? { join: nested } : {}),
    }),
  };
}

/** The hasMany lists of a join tree, read apart, at the path of the joined objects above them. */
function listsApart(joins: readonly ResolvedJoin[], path: readonly string[], reused: boolean): ApartRead[] {
  return joins.flatMap((join) =>
    join.list
      ? [apartRead(join, path, reused)]
      : listsApart(join.join, [...path, join.relation.name], reused),
  );
}

/** A join tree without its lists (belongsTo joins kept at every depth). */
function withoutLists(joins: readonly JoinRequest[]): JoinRequest[] {
  return joins
    .filter((join) => join.list === undefined)
    .map((join) => {
      const nested = withoutLists(join.join ?? []);
      const { join: _dropped, ...rest } = join;
      return nested.length > 0 ? { ...rest, join: nested } : rest;
    });
}

/** Resolved joins back as the specs they came from (for the reads made apart). */
function specsOf(joins: readonly ResolvedJoin[]): JoinSpec[] {
  return joins.map((join) => ({
    relation: join.relation.name,
    ...(join.fields ? { fields: join.fields } : {}),
    ...(join.join.length > 0 ? { join: specsOf(join.join) } : {}),
    ...(join.listFilter ? { filter: join.listFilter } : {}),
  }));
}

/** Reads once with literal values and no slots: what a plain `find` is. */
export function readOnce(
  Model: ModelClass,
  spec: ModelReadSpec,
  options: CallOptions,
  hooks?: ModelReadRun,
): Promise<Row[]> {
  return new ModelRead(Model, spec).run(NO_VALUES, options, undefined, hooks);
}

/**
 * Prepared reads: how a read reaches a connector. The juggler validates and normalizes a filter
 * once, with *parameters* where values are supplied at each run (a GraphQL variable, a
 * DataLoader's keys); the connector compiles it once (`prepareRead`: SQL text with placeholders
 * per shape of the bound values; a pipeline for a document store) and each run only binds values.
 * A compiled read belongs to whoever prepared it (a GraphQL operation plan, one `find` call):
 * nothing is cached by object identity.
 *
 * @example
 * const read = connector.prepareRead({
 *   model: Track,
 *   filter: { where: { kind: 'compare', property: 'unitPrice', op: 'gt', value: new ReadParameter(0, '$price') }, limit: 20 },
 * });
 * await read.run(['0.99']); // SELECT ... WHERE "unit_price" > $1 LIMIT $2 — ['0.99', 20]
 */
import type { NormalizedFilter, WhereNode } from '../filter/filter-types.js';
import type { OperationOptions } from './connector.js';
import type { ConnectorModel } from './connector-model.js';
import type { JoinRequest } from './join-request.js';
import type { Row } from './model-type-name.js';

/**
 * A value of a prepared read supplied when it runs: `bindings[index]`, already coerced to the
 * property's value representation by the juggler. It may stand as the value of a `compare` where
 * node (a scalar; `null` meaning IS NULL / IS NOT NULL for eq / neq; an array for inq, nin and
 * between; a string or RegExp for the like family and regexp), the tuples of a `keys` node, a
 * filter's `limit` or `skip` (bound to null: absent; a skip of 0 adds no OFFSET), and the keys of a
 * `partition`.
 */
export class ReadParameter {
  constructor(
    /** Position in the bindings of a run. */
    readonly index: number,
    /** What it stands for, for printing plans and errors (`$price`, `keys`). */
    readonly label: string,
  ) {}

  toJSON(): string {
    return this.label;
  }
}

/** Whether a value is a read parameter. */
export function isReadParameter(value: unknown): value is ReadParameter {
  return value instanceof ReadParameter;
}

/**
 * The parent key a row of a per-parent read was read for, where the row alone cannot say: a
 * partition by one property holding several keys (an array, or a dotted path into an array of
 * embedded documents: an invoice read for a track by `lines.trackId` holds other tracks too). A
 * connector that pages such a read per parent may set it (non-enumerable) on each row, once per
 * parent the document is read for; the batch read then puts the row in that parent's list only.
 */
export const PARTITION_KEY: unique symbol = Symbol('partitionKey');

/** A read to prepare: a model's rows by filter, with joins, possibly per parent key. */
export interface ReadRequest {
  model: ConnectorModel;
  /** `where`, `order`, `limit`, `skip`, `fields`; parameters allowed where `ReadParameter` says. */
  filter: PreparedFilter;
  /** belongsTo targets and hasMany lists to read in the same statement (connectors with `capabilities.joins` only). */
  joins?: readonly JoinRequest[];
  /**
   * A per-parent read: the rows whose `by` properties match one of the key tuples, with the
   * filter's order, limit and skip applied per parent (a window function in SQL). With `through`
   * (connectors with `capabilities.throughReads`), `by` are properties of the join model.
   */
  partition?: {
    by: readonly string[];
    keys: readonly (readonly unknown[])[] | ReadParameter;
    through?: ThroughRequest;
  };
}

/**
 * A per-parent read through a join model (hasManyThrough): the rows of the read's model linked to
 * each parent by a row of `model` whose `by` properties (the partition's) hold the parent's key and
 * whose `to` properties hold the target's `targetKeys`. The filter applies to the targets, per
 * parent; a target linked twice to one parent comes twice. Each row of the result is a
 * `LinkedRow`: the parent's key tuple (the join row's `by` values) and the target row.
 *
 * @example
 * // playlist.tracks: {model: PlaylistTrack, to: ['trackId'], targetKeys: ['trackId']}, partition by ['playlistId']
 * // SELECT ... FROM "playlist_track" AS "__link" JOIN "track" AS "t0" ON "t0"."track_id" = "__link"."track_id"
 * //   WHERE "__link"."playlist_id" = ANY($1) ORDER BY "__link"."playlist_id" ASC, ...
 */
export interface ThroughRequest {
  /** The join model. */
  model: ConnectorModel;
  /** Its properties referencing the target, aligned with `targetKeys`. */
  to: readonly string[];
  /** The target properties they reference. */
  targetKeys: readonly string[];
}

/** A row of a read through a join model (`ThroughRequest`): the parent's key tuple and the target row. */
export type LinkedRow = { key: readonly unknown[]; row: Row };

/** The rows of a read through a join model, as `CompiledRead.run` gives them. */
export function linkedRows(rows: readonly Row[]): readonly LinkedRow[] {
  return rows as readonly unknown[] as readonly LinkedRow[];
}

/** How a prepared read will be used. */
export interface PrepareReadOptions {
  /**
   * The compiled read is kept and run many times (a GraphQL operation plan's read): a connector
   * may then write the literal values of a read without any parameter into its statement
   * (PostgreSQL plans such a statement once, for its real values). Unset for one-off reads,
   * whose literals stay parameters so that their statement texts do not multiply.
   */
  reused?: boolean;
}

/** A normalized filter whose `limit` and `skip` may be parameters. */
export type PreparedFilter = Omit<NormalizedFilter, 'limit' | 'skip'> & {
  limit?: number | ReadParameter;
  skip?: number | ReadParameter;
};

/** A read compiled by a connector, run with its parameters' values. */
export interface CompiledRead {
  /** Rows keyed by property (joined objects and lists nested under their relation names). */
  run(bindings: readonly unknown[], options?: OperationOptions): Promise<Row[]>;
  /**
   * The statements it sends (with placeholders): one per shape of the bindings compiled so far
   * (a SQL connector compiles a statement per shape: null or not, a list's length...), or those
   * of its usual shape when nothing ran yet.
   */
  explain(): string[];
}

/** A count compiled by a connector. */
export interface CompiledCount {
  /** The number of rows matching the where tree with these bindings. */
  run(bindings: readonly unknown[], options?: OperationOptions): Promise<number>;
  /** As `CompiledRead.explain`. */
  explain(): string[];
}

/** Thrown by `prepareRead` when a hasMany list of the joins cannot be read inside the statement: the juggler reads it apart. */
export class JoinNotNestableError extends Error {
  readonly code = 'JOIN_NOT_NESTABLE';
}

function bindValue(value: unknown, bindings: readonly unknown[]): unknown {
  return value instanceof ReadParameter ? bindings[value.index] : value;
}

/** A where tree with its parameters replaced by their values (for connectors that evaluate, not compile). */
export function bindWhere(node: WhereNode, bindings: readonly unknown[]): WhereNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, nodes: node.nodes.map((child) => bindWhere(child, bindings)) };
    case 'compare':
      return node.value instanceof ReadParameter ? { ...node, value: bindings[node.value.index] } : node;
    case 'keys':
      return node.value instanceof ReadParameter
        ? { ...node, value: bindings[node.value.index] as unknown[][] }
        : node;
    case 'constant':
      return node;
  }
}

/**
 * A prepared filter with its parameters replaced by their values: a normalized filter as a
 * connector that evaluates (memory, a document store) takes it. A limit bound to null is absent;
 * a skip of 0 or null too.
 */
export function bindFilter(filter: PreparedFilter, bindings: readonly unknown[]): NormalizedFilter {
  const bound: NormalizedFilter = {};
  if (filter.where) bound.where = bindWhere(filter.where, bindings);
  if (filter.order) bound.order = filter.order;
  if (filter.fields) bound.fields = filter.fields;
  const limit = bindValue(filter.limit, bindings);
  if (typeof limit === 'number') bound.limit = limit;
  const skip = bindValue(filter.skip, bindings);
  if (typeof skip === 'number' && skip > 0) bound.skip = skip;
  return bound;
}

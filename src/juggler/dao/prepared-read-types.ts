/**
 * Reads prepared once and run many times (`Model.prepareFind`, `prepareCount`,
 * `prepareBatchRead`): the filter is validated and normalized when the read is prepared, the
 * connector compiles it on first use (once per shape of its slots' values), and each run only
 * binds the slots' values. What the GraphQL layer's operation plans hold.
 */
import type { Row } from '../connector/model-type-name.js';
import type { Filter } from '../filter/filter-types.js';
import type { FindOptions, JoinSpec } from '../model-types.js';

/** The values of a prepared read's slots, by slot name. */
export type SlotValues = Readonly<Record<string, unknown>>;

/** A `find` prepared once (`Model.prepareFind`): plain rows with their joins nested (`{raw: true}`). */
export interface PreparedFind {
  run(values?: SlotValues, options?: FindOptions): Promise<Row[]>;
  /** The statements it sends (SQL with placeholders, or the connector's own notation), in order. */
  explain(): Promise<string[]>;
}

/** A `count` prepared once (`Model.prepareCount`). */
export interface PreparedCount {
  run(values?: SlotValues, options?: FindOptions): Promise<number>;
  /** The statements it sends (SQL with placeholders, or the connector's own notation), in order. */
  explain(): Promise<string[]>;
}

/** Per key tuple of a batch: its row or null (one target per key), or its list of rows. */
export type BatchReadResult = Row | null | Row[];

/**
 * Rows of many parents (or ids) at once, prepared once (`Model.prepareBatchRead`): one read per
 * run whatever the number of keys (a relation through a join model too where the connector has
 * `capabilities.throughReads`; two reads elsewhere), results aligned to
 * the keys. What relation loaders, `include` and joins a connector cannot make all use.
 */
export interface PreparedBatchRead {
  /** Whether each key gets a list (hasMany, hasManyThrough) or one row or null (belongsTo, hasOne, ids). */
  readonly multiple: boolean;
  /** The key properties of the parents (or the ids) a key tuple holds, in order. */
  readonly keyFrom: readonly string[];
  run(
    keys: readonly (readonly unknown[])[],
    values?: SlotValues,
    options?: FindOptions,
  ): Promise<BatchReadResult[]>;
  /** The statements it sends (SQL with placeholders, or the connector's own notation), in order. */
  explain(): Promise<string[]>;
}

/** What `Model.prepareBatchRead` reads: a relation's targets per parent key, or the model's rows by id. */
export interface BatchReadSpec {
  /** A relation of the model (its targets are read per parent key); without it, rows of the model by id. */
  relation?: string;
  /** The targets' filter: `where`, `order`, `limit`/`skip` (per parent), `fields`; slots allowed. */
  filter?: Filter;
  /** Relations of the targets read with them (see `FindOptions.join`). */
  join?: readonly JoinSpec[];
  /** Whether the read is kept and run many times (default true; false: made for one run). */
  reused?: boolean;
}

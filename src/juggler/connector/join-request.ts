/**
 * Reading related rows in their parents' statement: belongsTo targets as nested objects and
 * hasMany lists per parent (`JoinRequest`), given as `ReadRequest.joins` to connectors with
 * `capabilities.joins` (SQL).
 */
import type { OrderClause, WhereNode } from '../filter/filter-types.js';
import type { ConnectorModel } from './connector-model.js';

/**
 * A belongsTo target to read in the same statement as its parent rows (a LEFT JOIN in SQL),
 * returned as a nested object under `as` in each row: null when the parent's key is null or
 * matches no row. `to` must identify at most one target row (the target's id, as belongsTo has it).
 *
 * @example
 * // tracks with their genre: {trackId: 1, name: 'For Those About To Rock', genre: {genreId: 1, name: 'Rock'}}
 * {as: 'genre', model: Genre, from: ['genreId'], to: ['genreId'], fields: ['genreId', 'name']}
 */
export interface JoinRequest {
  /** The key of the nested object in each parent row (the relation name). */
  as: string;
  /** The target model. */
  model: ConnectorModel;
  /** Properties of the parent holding the key, aligned with `to`. */
  from: readonly string[];
  /** Properties of the target the key references. */
  to: readonly string[];
  /** Target properties to read (the `to` properties are always read too); all when undefined. */
  fields?: readonly string[];
  /** belongsTo targets (and hasMany lists) of the target, nested the same way (any depth). */
  join?: readonly JoinRequest[];
  /**
   * Present for a hasMany: the parent row gets the list of target rows whose `to` properties
   * equal its `from` properties (filtered, ordered and paged per parent as given) instead of one
   * target object.
   */
  list?: ListJoin;
  /**
   * A hasManyThrough list (with `list`): the targets are linked to the parent by rows of a join
   * model whose `from` properties equal the parent's `from` properties and whose `to` properties
   * equal the target's `to` properties (position by position); a target linked twice comes twice.
   * Connectors with `capabilities.throughReads` only.
   */
  through?: { model: ConnectorModel; from: readonly string[]; to: readonly string[] };
}

/** The per-parent filter of a hasMany read with its parents (`JoinRequest.list`). */
export interface ListJoin {
  where?: WhereNode;
  order?: OrderClause[];
  limit?: number;
  skip?: number;
}

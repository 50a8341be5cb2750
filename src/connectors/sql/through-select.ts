/**
 * The per-parent read through a join model (`ReadRequest.partition.through`, hasManyThrough): the
 * join table joined to the targets in one statement for all parents, keyed by the join rows'
 * parent key, with the targets' where, order and page applied per parent — a
 * `row_number() OVER (PARTITION BY <parent key> ...)` window when there is a page, as for a
 * hasMany (statement-builders.ts). Each driver row becomes a `LinkedRow`: the parent's key (read
 * from the join row, with its property's reader, so that it finds its parent again) and the target
 * row (its own properties only, joined belongsTo targets nested).
 *
 * Why one statement: reading the join rows first, then the targets by the keys they name, costs
 * two round trips per level and cannot page per parent in the database (every join row of every
 * parent travels, however small the page).
 *
 * @example
 * // playlist.tracks (order by name, limit 2) for playlists 1 and 8:
 * // SELECT "__grouped"."track_id" AS "trackId", "__grouped"."name", "__grouped"."__discograph_link_0"
 * //   FROM (SELECT "__t".*, "__link"."playlist_id" AS "__discograph_link_0", row_number() OVER
 * //     (PARTITION BY "__link"."playlist_id" ORDER BY "__t"."name" ASC, "__t"."track_id" ASC) AS "__discograph_rn"
 * //     FROM "public"."playlist_track" AS "__link" JOIN "public"."track" AS "__t" ON "__t"."track_id" = "__link"."track_id"
 * //     WHERE "__link"."playlist_id" = ANY($1)) AS "__grouped"
 * //   WHERE "__grouped"."__discograph_rn" > $2 AND "__grouped"."__discograph_rn" <= $3
 * //   ORDER BY "__grouped"."__discograph_link_0" ASC, "__grouped"."__discograph_rn"
 */

import type { Row } from '../../juggler/connector/model-type-name.js';
import type { LinkedRow, ThroughRequest } from '../../juggler/connector/prepared-read.js';
import type { OrderClause } from '../../juggler/filter/filter-types.js';
import { combineValues } from './bound-values.js';
import { compileOrderList, compileWhere } from './filter-compiler.js';
import type { JoinCompiler } from './join-compiler.js';
import type { SqlModelPlan } from './model-plan.js';
import type { ReadShape } from './read-shape.js';
import { compileRowShaper, type ValueReader } from './row-shaper.js';
import { type SqlFragment, sql } from './sql-template.js';
import {
  compileKeyCondition,
  GROUPED,
  type GroupedRead,
  JOIN_PARENT_ALIAS,
  pageValue,
  ROW_NUMBER,
} from './statement-builders.js';

/** The alias of the join table. */
const LINK = '__link';
/** The alias of the targets inside a numbered (paged) read. */
const NUMBERED = '__t';

/** A per-parent read through a join model. */
export interface ThroughRead extends GroupedRead {
  through: ThroughRequest;
}

/** A statement of a read through a join model, and how its driver rows become `LinkedRow`s. */
export interface ThroughStatement {
  statement: SqlFragment;
  shapeRows(rows: readonly Row[]): LinkedRow[];
}

/** The column alias of the parent key's `position`-th part. */
function keyAlias(position: number): string {
  return `__discograph_link_${position}`;
}

/** `target.targetKey = link.to` for each key property (both aliased). */
function linkConditions(target: SqlModelPlan, link: SqlModelPlan, through: ThroughRequest): SqlFragment {
  return sql.join(
    through.targetKeys.map(
      (key, position) => sql`${target.column(key)} = ${link.column(through.to[position] as string)}`,
    ),
    sql` AND `,
  );
}

/** The per-parent order of the targets: the filter's, or their ids when it has none (a stable page). */
function targetOrder(
  target: SqlModelPlan,
  order: readonly OrderClause[] | undefined,
): SqlFragment | undefined {
  const clauses =
    order && order.length > 0
      ? order
      : target.idProperties.map((property) => ({ property: property.name, direction: 'ASC' as const }));
  return clauses.length > 0 ? compileOrderList(target, clauses) : undefined;
}

/** Reads the parent key tuple of a driver row: the key columns, each with its property's reader. */
function keyReader(link: SqlModelPlan, by: readonly string[]): (row: Row) => unknown[] {
  const parts = by.map((name, position) => ({ alias: keyAlias(position), reader: link.readerOf(name) }));
  const read = (value: unknown, reader: ValueReader | undefined) =>
    reader && value !== null && value !== undefined ? reader(value) : value;
  if (parts.length === 1) {
    const { alias, reader } = parts[0] as (typeof parts)[number];
    return (row) => [read(row[alias], reader)];
  }
  return (row) => parts.map(({ alias, reader }) => read(row[alias], reader));
}

/** The target rows' shaper when nothing is joined: exactly the selected properties, readers applied. */
function targetShaper(target: SqlModelPlan, fields: readonly string[] | undefined): (row: Row) => Row {
  const names = fields ?? target.model.properties.map((property) => property.name);
  return compileRowShaper({
    columns: names.map((name) => {
      const reader = target.readerOf(name);
      return reader ? { key: name, alias: name, reader } : { key: name, alias: name };
    }),
    nested: [],
  });
}

/**
 * Compiles the statement of a read through a join model for one shape of its bindings; undefined
 * when no key can match. `linkPlan` is the join model's plan; `compileJoins` (when the targets
 * have joins) nests their belongsTo targets (and lists) under them.
 */
export function buildThroughSelect(
  plan: SqlModelPlan,
  linkPlan: SqlModelPlan,
  request: ThroughRead,
  compileJoins: JoinCompiler | undefined,
  shape: ReadShape,
): ThroughStatement | undefined {
  const { filter, partitionBy, through } = request;
  const link = linkPlan.qualified(LINK);
  const keyCondition = compileKeyCondition(link, request, shape);
  if (!keyCondition) return undefined;
  const fields = filter.fields;
  const limit = pageValue(filter.limit, 'limit', shape);
  const skip = pageValue(filter.skip, 'skip', shape);
  const paged = limit !== undefined || skip !== undefined;
  const inner = plan.qualified(paged ? NUMBERED : JOIN_PARENT_ALIAS);
  const from = sql`${linkPlan.table} AS ${sql.id(LINK)} JOIN ${plan.table} AS ${sql.id(paged ? NUMBERED : JOIN_PARENT_ALIAS)} ON ${linkConditions(inner, link, through)}`;
  const condition = filter.where
    ? sql`${keyCondition} AND ${compileWhere(inner, filter.where, shape)}`
    : keyCondition;
  const keyColumns = partitionBy.map((name) => link.column(name));
  const order = targetOrder(inner, filter.order);
  const readKey = keyReader(linkPlan, partitionBy);
  const keyItems = (column: (position: number) => SqlFragment) =>
    partitionBy.map((name, position) => {
      const expression = linkPlan.dialect.readExpression(column(position), linkPlan.property(name));
      // The numbered rows' key column already comes back under its alias.
      return paged && expression === column(position)
        ? expression
        : sql`${expression} AS ${sql.id(keyAlias(position))}`;
    });
  if (!paged) {
    const joins = compileJoins?.(JOIN_PARENT_ALIAS, fields);
    const keyOrder = sql.join(keyColumns.map((column) => sql`${column} ASC`));
    const tail = order ? sql`, ${order}` : sql.empty;
    const statement = sql`SELECT ${inner.selectList(fields)}, ${sql.join(keyItems((position) => keyColumns[position] as SqlFragment))}${joins?.selectList ?? sql.empty} FROM ${from}${joins?.clauses ?? sql.empty} WHERE ${condition} ORDER BY ${keyOrder}${tail}`;
    return { statement, shapeRows: shaperOf(joins?.shapeRows, inner, fields, readKey) };
  }
  const outer = plan.qualified(GROUPED);
  const joins = compileJoins?.(GROUPED, fields);
  const windowOrder = order ? sql` ORDER BY ${order}` : sql.empty;
  const rn = sql.id(GROUPED, ROW_NUMBER);
  const numbered = sql`SELECT ${sql.id(NUMBERED)}.*, ${sql.join(
    keyColumns.map((column, position) => sql`${column} AS ${sql.id(keyAlias(position))}`),
  )}, row_number() OVER (PARTITION BY ${sql.join(keyColumns)}${windowOrder}) AS ${sql.id(ROW_NUMBER)} FROM ${from} WHERE ${condition}`;
  const lower = skip ?? 0;
  const upper =
    limit === undefined
      ? sql.empty
      : sql` AND ${rn} <= ${combineValues(lower, limit, (a, b) => (a as number) + (b as number))}`;
  const groupedKeys = partitionBy.map((_, position) => sql.id(GROUPED, keyAlias(position)));
  const keyOrder = sql.join(groupedKeys.map((column) => sql`${column} ASC`));
  const statement = sql`SELECT ${outer.selectList(fields)}, ${sql.join(keyItems((position) => groupedKeys[position] as SqlFragment))}${joins?.selectList ?? sql.empty} FROM (${numbered}) AS ${sql.id(GROUPED)}${joins?.clauses ?? sql.empty} WHERE ${rn} > ${lower}${upper} ORDER BY ${keyOrder}, ${rn}`;
  return { statement, shapeRows: shaperOf(joins?.shapeRows, outer, fields, readKey) };
}

function shaperOf(
  shapeJoined: ((rows: readonly Row[]) => Row[]) | undefined,
  target: SqlModelPlan,
  fields: readonly string[] | undefined,
  readKey: (row: Row) => unknown[],
): (rows: readonly Row[]) => LinkedRow[] {
  if (shapeJoined) {
    return (rows) => {
      const shaped = shapeJoined(rows);
      return rows.map((row, index) => ({ key: readKey(row), row: shaped[index] as Row }));
    };
  }
  const shapeRow = targetShaper(target, fields);
  return (rows) => rows.map((row) => ({ key: readKey(row), row: shapeRow(row) }));
}

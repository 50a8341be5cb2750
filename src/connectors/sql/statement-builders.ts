/**
 * CRUD statements for a model plan: select, count, insert (returning), upsert, update, delete,
 * and the grouped (per-parent paginated) select. Dialect differences come from the plan's dialect.
 * The reads take a prepared read's filter, whose values may be parameters: `shape` then gives
 * the shape of the variant to compile (see read-shape.ts).
 */

import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import {
  isReadParameter,
  type PreparedFilter,
  type ReadParameter,
} from '../../juggler/connector/prepared-read.js';
import { FilterError } from '../../juggler/errors.js';
import type { WhereNode } from '../../juggler/filter/filter-types.js';
import {
  BoundSource,
  BoundValue,
  boundList,
  combineValues,
  constantList,
  type SqlList,
} from './bound-values.js';
import { compileOrderBy, compileOrderList, compileWhere, compileWhereClause } from './filter-compiler.js';
import type { CompiledJoins, JoinCompiler } from './join-compiler.js';
import type { SqlModelPlan } from './model-plan.js';
import {
  completeTuples,
  INVALID_SHAPE,
  parameterShape,
  type ReadShape,
  singleKeyValues,
} from './read-shape.js';
import { type SqlFragment, sql } from './sql-template.js';

/**
 * A per-parent read: rows whose `partitionBy` properties match one of the key tuples (a
 * parameter in a prepared read), with the filter's order/limit/skip applied per parent.
 */
export interface GroupedRead {
  partitionBy: readonly string[];
  keys: readonly (readonly unknown[])[] | ReadParameter;
  filter: PreparedFilter;
}

/**
 * A limit or skip as a statement value: undefined when absent (a skip of 0 too, or a parameter
 * whose shape says so), the constant, or the parameter's value at each run.
 */
export function pageValue(
  value: number | ReadParameter | undefined,
  use: 'limit' | 'skip',
  shape?: ReadShape,
): unknown {
  if (!isReadParameter(value)) return use === 'skip' && !value ? undefined : value;
  if (parameterShape(shape, value, use) === 0) return undefined;
  return BoundValue.of((bindings) => bindings[value.index]);
}

/** The LIMIT/OFFSET tail of a filter. */
function compileFilterLimit(plan: SqlModelPlan, filter: PreparedFilter, shape?: ReadShape): SqlFragment {
  return plan.dialect.compileLimit(
    pageValue(filter.limit, 'limit', shape),
    pageValue(filter.skip, 'skip', shape),
  );
}

/**
 * Column/value pairs of the properties present in `data`. Unknown keys, undefined values and
 * read-only properties (generated columns) are skipped, as LoopBack's SQL connectors do.
 */
export interface Assignments {
  columns: SqlFragment[];
  /** Values converted for the driver, aligned with `columns`. */
  values: unknown[];
  /** The SQL of each value: its placeholder, wrapped when the dialect asks (`ST_GeomFromText(?)`). */
  expressions: SqlFragment[];
  /** Property names, aligned with `columns`. */
  properties: string[];
}

/** Picks the model's properties out of `data` and converts their values for the driver. */
export function collectAssignments(plan: SqlModelPlan, data: Row): Assignments {
  const result: Assignments = { columns: [], values: [], expressions: [], properties: [] };
  for (const property of plan.model.properties) {
    const value = data[property.name];
    if (value === undefined || property.readOnly) continue;
    result.columns.push(plan.column(property.name));
    const converted = plan.toDatabase(property, value);
    result.values.push(converted);
    result.expressions.push(plan.valueSql(property, converted));
    result.properties.push(property.name);
  }
  return result;
}

/** `SELECT <aliased columns> FROM t WHERE ... ORDER BY ... LIMIT ...`. */
export function buildSelect(plan: SqlModelPlan, filter: PreparedFilter, shape?: ReadShape): SqlFragment {
  return sql`SELECT ${plan.selectList(filter.fields)} FROM ${plan.table}${compileWhereClause(plan, filter.where, shape)}${compileOrderBy(
    plan,
    filter.order,
  )}${compileFilterLimit(plan, filter, shape)}`;
}

/** A select with joins, and how to nest the joined columns of its rows. */
export interface JoinedStatement {
  statement: SqlFragment;
  joins: CompiledJoins;
}

/** The alias of the parent table in a select with joins (except around a window query). */
export const JOIN_PARENT_ALIAS = 't0';
const PARENT = JOIN_PARENT_ALIAS;

/**
 * `buildSelect` with belongsTo targets LEFT JOINed: the parent table is aliased `t0` and every
 * column of the filter is qualified with it (a joined table may have columns of the same names).
 *
 * @example
 * // SELECT "t0"."name", "t0"."genre_id" AS "genreId", "t1"."genre_id" AS "j1_0", "t1"."name" AS "j1_1"
 * //   FROM "public"."track" AS "t0" LEFT JOIN "public"."genre" AS "t1" ON "t1"."genre_id" = "t0"."genre_id"
 * //   WHERE "t0"."unit_price" > $1 ORDER BY "t0"."name" ASC LIMIT $2
 */
export function buildJoinedSelect(
  plan: SqlModelPlan,
  filter: PreparedFilter,
  compileJoins: JoinCompiler,
  shape?: ReadShape,
): JoinedStatement {
  const parent = plan.qualified(PARENT);
  const joins = compileJoins(PARENT, filter.fields);
  const statement = sql`SELECT ${parent.selectList(filter.fields)}${joins.selectList} FROM ${plan.table} AS ${sql.id(PARENT)}${joins.clauses}${compileWhereClause(
    parent,
    filter.where,
    shape,
  )}${compileOrderBy(parent, filter.order)}${compileFilterLimit(plan, filter, shape)}`;
  return { statement, joins };
}

/** `SELECT count(*) AS "count" FROM t WHERE ...`. */
export function buildCount(plan: SqlModelPlan, where: WhereNode | undefined, shape?: ReadShape): SqlFragment {
  return sql`SELECT count(*) AS ${sql.id('count')} FROM ${plan.table}${compileWhereClause(plan, where, shape)}`;
}

function insertHead(plan: SqlModelPlan, assignments: Assignments): SqlFragment {
  if (assignments.columns.length === 0) {
    return sql`INSERT INTO ${plan.table} ${plan.dialect.compileDefaultValues()}`;
  }
  return sql`INSERT INTO ${plan.table} (${sql.join(assignments.columns)}) VALUES (${sql.join(assignments.expressions)})`;
}

function returning(plan: SqlModelPlan, wanted: boolean, supported: boolean): SqlFragment {
  return wanted && supported ? sql` RETURNING ${plan.selectList()}` : sql.empty;
}

/** `INSERT INTO t (...) VALUES (...) [RETURNING <aliased columns>]`. */
export function buildInsert(plan: SqlModelPlan, data: Row, options: { returning: boolean }): SqlFragment {
  const tail = returning(plan, options.returning, plan.dialect.supportsInsertReturning);
  return sql`${insertHead(plan, collectAssignments(plan, data))}${tail}`;
}

/**
 * An insert that updates the row with the same id instead when there is one
 * (LoopBack's `updateOrCreate`: only the given properties are updated).
 */
export function buildUpsert(plan: SqlModelPlan, data: Row, options: { returning: boolean }): SqlFragment {
  const assignments = collectAssignments(plan, data);
  const conflict = plan.idProperties.map((property) => plan.column(property.name));
  const idNames = new Set(plan.model.idProperties);
  let updates = assignments.columns.filter((_, index) => !idNames.has(assignments.properties[index]!));
  // Nothing but the id given: a no-op update, so that the statement still returns the row.
  if (updates.length === 0) updates = conflict;
  const clause = plan.dialect.compileUpsertClause(conflict, updates);
  return sql`${insertHead(plan, assignments)} ${clause}${returning(plan, options.returning, plan.dialect.supportsInsertReturning)}`;
}

/** `UPDATE t SET c = $1, ... WHERE ...`; undefined when `data` sets no column. */
export function buildUpdate(
  plan: SqlModelPlan,
  where: WhereNode | undefined,
  data: Row,
  options: { returning: boolean } = { returning: false },
): SqlFragment | undefined {
  const assignments = collectAssignments(plan, data);
  if (assignments.columns.length === 0) return undefined;
  const sets = assignments.columns.map(
    (column, index) => sql`${column} = ${assignments.expressions[index]!}`,
  );
  return sql`UPDATE ${plan.table} SET ${sql.join(sets)}${compileWhereClause(plan, where)}${returning(plan, options.returning, plan.dialect.supportsReturning)}`;
}

/** `DELETE FROM t WHERE ...`. */
export function buildDelete(plan: SqlModelPlan, where: WhereNode | undefined): SqlFragment {
  return sql`DELETE FROM ${plan.table}${compileWhereClause(plan, where)}`;
}

/** The column numbering each parent's rows in a per-parent page. */
export const ROW_NUMBER = '__discograph_rn';
/** The alias of the numbered rows a per-parent page is cut from. */
export const GROUPED = '__grouped';

/**
 * Rows for many parents in one statement, with order/limit/skip applied per parent. Without
 * limit or skip it is a plain `IN` select; with them, a `row_number() OVER (PARTITION BY ...)`
 * window numbers the rows of each parent and the outer query keeps the wanted slice. Rows are
 * ordered by the partition columns, then by the filter's order. Returns undefined when no key
 * can match (empty, or only null keys).
 *
 * @example
 * // partitionBy ['albumId'], keys [[1], [2]], filter {order: [{property: 'name', direction: 'ASC'}], limit: 2}:
 * // SELECT "track_id" AS "trackId", ... FROM (SELECT "__t".*, row_number() OVER (PARTITION BY "album_id"
 * //   ORDER BY "name" ASC) AS "__discograph_rn" FROM "track" AS "__t" WHERE "album_id" = ANY($1))
 * //   AS "__grouped" WHERE "__discograph_rn" > $2 AND "__discograph_rn" <= $3 ORDER BY "album_id" ASC, "__discograph_rn"
 */
export function buildGroupedSelect(
  plan: SqlModelPlan,
  request: GroupedRead,
  shape?: ReadShape,
): SqlFragment | undefined {
  return groupedSelect(plan, request, undefined, shape)?.statement;
}

/**
 * `buildGroupedSelect` with belongsTo targets LEFT JOINed into the same statement. Without a page
 * the parent table is aliased `t0`; with one, the joins apply to the outer query over the
 * numbered rows (`"__grouped"`), so only the rows of the page are joined.
 */
export function buildJoinedGroupedSelect(
  plan: SqlModelPlan,
  request: GroupedRead,
  compileJoins: JoinCompiler,
  shape?: ReadShape,
): JoinedStatement | undefined {
  return groupedSelect(plan, request, compileJoins, shape) as JoinedStatement | undefined;
}

/** The parent properties a per-parent read returns: the filter's fields and the partition's. */
export function groupedFields(request: Pick<GroupedRead, 'partitionBy' | 'filter'>): string[] | undefined {
  const { fields } = request.filter;
  return fields ? [...new Set([...fields, ...request.partitionBy])] : undefined;
}

function groupedSelect(
  plan: SqlModelPlan,
  request: GroupedRead,
  compileJoins?: JoinCompiler,
  shape?: ReadShape,
): { statement: SqlFragment; joins?: CompiledJoins } | undefined {
  const { filter, partitionBy } = request;
  const fields = groupedFields(request);
  const order = filter.order ?? [];
  const limit = pageValue(filter.limit, 'limit', shape);
  const skip = pageValue(filter.skip, 'skip', shape);
  if (limit === undefined && skip === undefined) {
    const joins = compileJoins?.(PARENT, fields);
    const table = joins ? plan.qualified(PARENT) : plan;
    const keyCondition = compileKeyCondition(table, request, shape);
    if (!keyCondition) return undefined;
    const condition = filter.where
      ? sql`${keyCondition} AND ${compileWhere(table, filter.where, shape)}`
      : keyCondition;
    const partitionOrder = sql.join(partitionBy.map((name) => sql`${table.column(name)} ASC`));
    const tail = order.length > 0 ? sql`, ${compileOrderList(table, order)}` : sql.empty;
    const from = joins ? sql`${plan.table} AS ${sql.id(PARENT)}${joins.clauses}` : plan.table;
    const statement = sql`SELECT ${table.selectList(fields)}${joins?.selectList ?? sql.empty} FROM ${from} WHERE ${condition} ORDER BY ${partitionOrder}${tail}`;
    return joins ? { statement, joins } : { statement };
  }
  const keyCondition = compileKeyCondition(plan, request, shape);
  if (!keyCondition) return undefined;
  const condition = filter.where
    ? sql`${keyCondition} AND ${compileWhere(plan, filter.where, shape)}`
    : keyCondition;
  const windowOrderClauses =
    order.length > 0
      ? order
      : plan.idProperties.map((property) => ({ property: property.name, direction: 'ASC' as const }));
  const windowOrder =
    windowOrderClauses.length > 0 ? sql` ORDER BY ${compileOrderList(plan, windowOrderClauses)}` : sql.empty;
  const rn = sql.id(ROW_NUMBER);
  const partitionColumns = sql.join(partitionBy.map((name) => plan.column(name)));
  const inner = sql`SELECT ${sql.id('__t')}.*, row_number() OVER (PARTITION BY ${partitionColumns}${windowOrder}) AS ${rn} FROM ${plan.table} AS ${sql.id('__t')} WHERE ${condition}`;
  const joins = compileJoins?.(GROUPED, fields);
  const outer = joins ? plan.qualified(GROUPED) : plan;
  const rowNumber = joins ? sql.id(GROUPED, ROW_NUMBER) : rn;
  const lower = skip ?? 0;
  const upper =
    limit === undefined
      ? sql.empty
      : sql` AND ${rowNumber} <= ${combineValues(lower, limit, (a, b) => (a as number) + (b as number))}`;
  const partitionOrder = sql.join(partitionBy.map((name) => sql`${outer.column(name)} ASC`));
  const statement = sql`SELECT ${outer.selectList(fields)}${joins?.selectList ?? sql.empty} FROM (${inner}) AS ${sql.id(GROUPED)}${joins?.clauses ?? sql.empty} WHERE ${rowNumber} > ${lower}${upper} ORDER BY ${partitionOrder}, ${rowNumber}`;
  return joins ? { statement, joins } : { statement };
}

/**
 * The key tuples of a partition that can match, as statement values: the list of distinct
 * values for one property, each tuple's values for several.
 */
type PartitionKeys =
  | { count: number; list: () => SqlList }
  | { count: number; item: (tuple: number, position: number) => unknown };

function partitionKeys(
  plan: SqlModelPlan,
  request: GroupedRead,
  properties: readonly ConnectorProperty[],
  shape?: ReadShape,
): PartitionKeys {
  const first = properties[0] as ConnectorProperty;
  const property = (position: number) => properties[position] as ConnectorProperty;
  const { keys } = request;
  if (!isReadParameter(keys)) {
    if (properties.length === 1) {
      const values = singleKeyValues(keys).map((value) => plan.toDatabase(first, value));
      return { count: values.length, list: () => constantList(values) };
    }
    const tuples = completeTuples(keys, properties.length);
    return {
      count: tuples.length,
      item: (tuple, position) => plan.toDatabase(property(position), tuples[tuple]?.[position]),
    };
  }
  const count = parameterShape(shape, keys, 'partition', properties.length);
  if (count === INVALID_SHAPE) {
    throw new FilterError(`the keys of a per-parent read of ${plan.model.name} must be an array of tuples`, {
      model: plan.model.name,
      property: request.partitionBy.join(','),
      operator: 'keys',
      expected: 'array',
    });
  }
  const tuplesOf = (bindings: readonly unknown[]) => bindings[keys.index] as readonly (readonly unknown[])[];
  if (properties.length === 1) {
    const read = (bindings: readonly unknown[]) =>
      singleKeyValues(tuplesOf(bindings)).map((value) => plan.toDatabase(first, value));
    return { count, list: () => boundList(read, count) };
  }
  const source = new BoundSource((bindings) => completeTuples(tuplesOf(bindings), properties.length));
  return {
    count,
    item: (tuple, position) =>
      BoundValue.from(source, (tuples) =>
        plan.toDatabase(property(position), (tuples as unknown[][])[tuple]?.[position]),
      ),
  };
}

/**
 * `plan`'s `partitionBy` columns matched against the key tuples of a per-parent read (an IN list,
 * `= ANY($1)` on PostgreSQL, tuples for composite keys); undefined when no key can match.
 */
export function compileKeyCondition(
  plan: SqlModelPlan,
  request: GroupedRead,
  shape?: ReadShape,
): SqlFragment | undefined {
  const properties = request.partitionBy.map((name) => plan.property(name));
  if (properties.length === 0) return undefined;
  const keys = partitionKeys(plan, request, properties, shape);
  if (keys.count === 0) return undefined;
  if ('list' in keys) {
    return plan.dialect.compileInList(
      plan.column((properties[0] as ConnectorProperty).name),
      keys.list(),
      false,
    );
  }
  const { item } = keys;
  const columns = sql.join(properties.map((property) => plan.column(property.name)));
  const tuples: SqlFragment[] = [];
  for (let tuple = 0; tuple < keys.count; tuple++) {
    tuples.push(sql`(${sql.join(properties.map((_, position) => sql`${item(tuple, position)}`))})`);
  }
  return sql`(${columns}) IN (${sql.join(tuples)})`;
}

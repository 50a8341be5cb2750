/**
 * belongsTo joins (`JoinRequest` trees) → the extra select list and LEFT JOIN clauses of one
 * statement, plus the compiled shaper that nests the joined columns under their relation names.
 * hasMany lists (`JoinRequest.list`) become correlated subqueries giving one JSON array per parent
 * row, on dialects that have JSON lists (see `compileList`); their rows' belongsTo targets are
 * joined inside the subquery and their values are found by position.
 *
 * Table aliases are `t1`, `t2`, … in depth-first order (the parent table is aliased by the
 * statement builder: `t0`, or `__grouped` around a window query), so a self-join
 * (employee → reportsTo → reportsTo) gets distinct aliases. Joined columns come back under short
 * positional aliases (`j1_0` = first column of `t1`): PostgreSQL truncates identifiers past 63
 * bytes, which a path-like alias (`invoiceLines.track.album.artist.name`) would soon reach. Their
 * prefix is chosen so that no selected parent property can carry the same name. Each target's
 * columns use its plan's read expressions (`::numeric::text` for exact decimals...), and its
 * dialect readers run in the shaper. A compiled read compiles its joins once (`joinCompiler`:
 * once per parent alias) and keeps them with its statements.
 *
 * @example
 * // tracks (t0) with genre and album → artist:
 * // , "t1"."genre_id" AS "j1_0", "t1"."name" AS "j1_1", "t2"."album_id" AS "j2_0", "t2"."title" AS "j2_1",
 * //   "t3"."artist_id" AS "j3_0", "t3"."name" AS "j3_1"
 * //  LEFT JOIN "public"."genre" AS "t1" ON "t1"."genre_id" = "t0"."genre_id"
 * //  LEFT JOIN "public"."album" AS "t2" ON "t2"."album_id" = "t0"."album_id"
 * //  LEFT JOIN "public"."artist" AS "t3" ON "t3"."artist_id" = "t2"."artist_id"
 */

import type { ConnectorModel, ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { JoinRequest, ListJoin } from '../../juggler/connector/join-request.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import { JoinNotNestableError } from '../../juggler/connector/prepared-read.js';
import { InvalidArgumentError } from '../../juggler/errors.js';
import { compileOrderBy, compileOrderList, compileWhere } from './filter-compiler.js';
import type { SqlModelPlan } from './model-plan.js';
import {
  type ColumnKey,
  compileRowShaper,
  type NestedShape,
  type RowShape,
  type ShapeColumn,
  type ValueReader,
} from './row-shaper.js';
import type { JsonListDialect } from './sql-dialect.js';
import { renderStatic, type SqlFragment, sql } from './sql-template.js';

/**
 * A nested list's page size as it is written into the statement: a number is written in (the
 * planner plans each parent's list for it; as a parameter, the generic plan of `LIMIT $1` read
 * invoice lines by key order for every invoice, 13x slower than the plan for 100 on Chinook's
 * Q3), a value bound per run stays a parameter.
 */
function pageSizeText(limit: unknown): unknown {
  return typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0 ? sql.integer(limit) : limit;
}
/** What joins add to a select whose parent table has a given alias and selected properties. */
export interface CompiledJoins {
  /** `, <joined columns>` (static text unless a list's filter carries parameters). */
  readonly selectList: SqlFragment;
  /** ` LEFT JOIN ... ON ...` clauses (static text). */
  readonly clauses: SqlFragment;
  /** Nests the joined columns of driver rows under their relation names (readers applied). */
  shapeRows(rows: readonly Row[]): Row[];
}

/** Compiles joins for a parent alias and the parent's selected properties (undefined: all). */
export type JoinCompiler = (
  parentAlias: string,
  parentFields: readonly string[] | undefined,
) => CompiledJoins;

/**
 * The select items of one row level: the statement's own select list (items aliased, values found
 * by alias), or the `json_build_array` of a nested list's rows (values found by position).
 */
interface Level {
  readonly json: boolean;
  readonly items: SqlFragment[];
  /** LEFT JOIN clauses of this level's FROM. */
  readonly clauses: SqlFragment[];
}

interface CompileState {
  readonly planOf: (model: ConnectorModel) => SqlModelPlan;
  readonly prefix: string;
  tables: number;
}

/** Adds a select item to a level; returns where the shaper finds its value. */
function addItem(level: Level, expression: SqlFragment, alias: string): ColumnKey {
  if (level.json) {
    level.items.push(expression);
    return level.items.length - 1;
  }
  level.items.push(sql`${expression} AS ${sql.id(alias)}`);
  return alias;
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** A column prefix (`j`, `_j`, `__j`…) that starts none of the parent's selected property names. */
function columnPrefix(parentKeys: readonly string[]): string {
  let prefix = 'j';
  while (parentKeys.some((key) => key.startsWith(prefix))) prefix = `_${prefix}`;
  return prefix;
}

function checkNames(joins: readonly JoinRequest[], taken: readonly string[], model: ConnectorModel): void {
  const seen = new Set(taken);
  for (const join of joins) {
    if (seen.has(join.as)) {
      throw new InvalidArgumentError(
        `Cannot nest a joined ${join.model.name} as \`${join.as}\` in rows of ${model.name}: the rows already have a \`${join.as}\``,
        { model: model.name, relation: join.as },
      );
    }
    seen.add(join.as);
    const { through } = join;
    if (through && !join.list) {
      throw new InvalidArgumentError(
        `Join \`${join.as}\` of ${model.name} goes through a join model: it is a list`,
        {
          model: model.name,
          relation: join.as,
        },
      );
    }
    if (through && (through.from.length !== join.from.length || through.to.length !== join.to.length)) {
      throw new InvalidArgumentError(
        `Join \`${join.as}\` of ${model.name} needs join-model properties for each \`from\` and \`to\` property`,
        { model: model.name, relation: join.as, from: join.from, to: join.to },
      );
    }
    if (join.from.length === 0 || (!through && join.from.length !== join.to.length)) {
      throw new InvalidArgumentError(
        `Join \`${join.as}\` of ${model.name} needs as many \`from\` as \`to\` properties (at least one)`,
        { model: model.name, relation: join.as, from: join.from, to: join.to },
      );
    }
  }
}

function composeReaders(
  first: ValueReader | undefined,
  second: ValueReader | undefined,
): ValueReader | undefined {
  if (!first) return second;
  if (!second) return first;
  return (value) => {
    const read = first(value);
    return read === null || read === undefined ? read : second(read);
  };
}

function jsonListsOf(plan: SqlModelPlan): JsonListDialect {
  const lists = plan.dialect.jsonLists;
  if (!lists) throw new JoinNotNestableError(`${plan.dialect.name} does not nest lists`);
  return lists;
}

/** The columns `fields` of a target (aliased plan) as items of `level`, with their shape columns. */
function targetColumns(
  state: CompileState,
  level: Level,
  target: SqlModelPlan,
  fields: readonly string[],
  index: number,
): ShapeColumn[] {
  return fields.map((name, position) => {
    const property: ConnectorProperty = target.property(name);
    let expression = target.dialect.readExpression(target.column(name), property);
    let reader = target.readerOf(name);
    if (level.json) {
      const json = jsonListsOf(target).column(expression, property);
      if (!json) throw new JoinNotNestableError(`${target.model.name}.${name} cannot be read from JSON`);
      expression = json.expression;
      reader = composeReaders(json.reader, reader);
    }
    const key = addItem(level, expression, `${state.prefix}${index}_${position}`);
    return reader ? { key: name, alias: key, reader } : { key: name, alias: key };
  });
}

/** The target properties a join reads: those asked for (all when none) and its key. */
function joinedFields(join: JoinRequest): string[] {
  return unique([...(join.fields ?? join.model.properties.map((p) => p.name)), ...join.to]);
}

/** `target.to = parent.from` for each key property of a join (target and parent aliased). */
function keyConditions(target: SqlModelPlan, parent: SqlModelPlan, join: JoinRequest): SqlFragment[] {
  return join.to.map(
    (to, position) => sql`${target.column(to)} = ${parent.column(join.from[position] as string)}`,
  );
}

function compileObject(
  state: CompileState,
  level: Level,
  parent: SqlModelPlan,
  join: JoinRequest,
): NestedShape {
  const index = ++state.tables;
  const alias = `t${index}`;
  const target = state.planOf(join.model).qualified(alias);
  const fields = joinedFields(join);
  const columns = targetColumns(state, level, target, fields, index);
  level.clauses.push(
    sql` LEFT JOIN ${state.planOf(join.model).table} AS ${sql.id(alias)} ON ${sql.join(keyConditions(target, parent, join), sql` AND `)}`,
  );
  const nullWhen = columns[fields.indexOf(join.to[0] as string)]?.alias as ColumnKey;
  const nested = compileLevel(state, level, target, fields, join.join ?? []);
  return { kind: 'object', as: join.as, nullWhen, shape: { columns, nested } };
}

/**
 * The join table of a hasManyThrough list (`l<n>`, beside its targets `t<n>`): joined to the
 * targets, and matched to the parent row.
 *
 * @example
 * // playlists (t0) with tracks: FROM "public"."track" AS "t1"
 * //   JOIN "public"."playlist_track" AS "l1" ON "l1"."track_id" = "t1"."track_id"
 * //   WHERE "l1"."playlist_id" = "t0"."playlist_id"
 */
function linkJoin(
  state: CompileState,
  target: SqlModelPlan,
  parent: SqlModelPlan,
  join: JoinRequest,
  through: NonNullable<JoinRequest['through']>,
  index: number,
): { clause: SqlFragment; condition: SqlFragment } {
  const alias = `l${index}`;
  const table = state.planOf(through.model);
  const link = table.qualified(alias);
  const on = join.to.map(
    (to, position) => sql`${link.column(through.to[position] as string)} = ${target.column(to)}`,
  );
  const matches = join.from.map(
    (from, position) => sql`${link.column(through.from[position] as string)} = ${parent.column(from)}`,
  );
  return {
    clause: sql` JOIN ${table.table} AS ${sql.id(alias)} ON ${sql.join(on, sql` AND `)}`,
    condition: sql.join(matches, sql` AND `),
  };
}

/**
 * A hasMany list as a correlated subquery giving one JSON array per parent row (a hasManyThrough
 * list the same way, its join table joined in: `linkJoin`).
 *
 * @example
 * // albums (t0) with tracks ordered by id:
 * // (SELECT coalesce(json_agg(json_build_array("t1"."track_id", "t1"."name") ORDER BY "t1"."track_id" ASC), '[]'::json)
 * //    FROM "public"."track" AS "t1" WHERE "t1"."album_id" = "t0"."album_id") AS "j1"
 * // with limit/skip, the page is cut in a numbered inner select:
 * // (SELECT coalesce(json_agg(json_build_array("s1"."c0", "s1"."c1") ORDER BY "s1"."__o"), '[]'::json)
 * //    FROM (SELECT "t1"."track_id" AS "c0", ..., row_number() OVER (ORDER BY ...) AS "__o" FROM ... LIMIT $1) AS "s1")
 */
function compileList(
  state: CompileState,
  level: Level,
  parent: SqlModelPlan,
  join: JoinRequest,
  list: ListJoin,
): NestedShape {
  const index = ++state.tables;
  const alias = `t${index}`;
  const table = state.planOf(join.model);
  const target = table.qualified(alias);
  const lists = jsonListsOf(target);
  const child: Level = { json: true, items: [], clauses: [] };
  const fields = joinedFields(join);
  const columns = targetColumns(state, child, target, fields, index);
  const nested = compileLevel(state, child, target, fields, join.join ?? []);
  if (child.items.length > lists.maxColumns) {
    throw new JoinNotNestableError(`${join.model.name}: more than ${lists.maxColumns} columns per row`);
  }
  const link = join.through ? linkJoin(state, target, parent, join, join.through, index) : undefined;
  const conditions = link ? [link.condition] : keyConditions(target, parent, join);
  if (list.where) conditions.push(compileWhere(target, list.where));
  const from = sql`${table.table} AS ${sql.id(alias)}${link?.clause ?? sql.empty}${sql.join(child.clauses, sql.empty)} WHERE ${sql.join(conditions, sql` AND `)}`;
  const order = list.order ?? [];
  let subquery: SqlFragment;
  if (list.limit === undefined && !list.skip) {
    const orderList = order.length > 0 ? compileOrderList(target, order) : sql.empty;
    subquery = sql`(SELECT ${lists.aggregate(child.items, orderList)} FROM ${from})`;
  } else {
    const page = sql.id(`s${index}`);
    const numbered =
      order.length > 0
        ? order
        : target.idProperties.map((property) => ({ property: property.name, direction: 'ASC' as const }));
    const over = numbered.length > 0 ? sql`ORDER BY ${compileOrderList(target, numbered)}` : sql.empty;
    const inner = child.items.map((item, position) => sql`${item} AS ${sql.id(`c${position}`)}`);
    const outer = child.items.map((_, position) => sql`${page}.${sql.id(`c${position}`)}`);
    subquery = sql`(SELECT ${lists.aggregate(outer, sql`${page}.${sql.id('__o')}`)} FROM (SELECT ${sql.join(inner)}, row_number() OVER (${over}) AS ${sql.id('__o')} FROM ${from}${compileOrderBy(target, numbered)}${target.dialect.compileLimit(pageSizeText(list.limit), list.skip)}) AS ${page})`;
  }
  const key = addItem(level, subquery, `${state.prefix}${index}`);
  return { kind: 'list', as: join.as, from: key, shape: { columns, nested } };
}

function compileLevel(
  state: CompileState,
  level: Level,
  parent: SqlModelPlan,
  parentKeys: readonly string[],
  joins: readonly JoinRequest[],
): NestedShape[] {
  checkNames(joins, parentKeys, parent.model);
  return joins.map((join) =>
    join.list
      ? compileList(state, level, parent, join, join.list)
      : compileObject(state, level, parent, join),
  );
}

/** `renderStatic` when the fragment has no parameter (cacheable text), the fragment itself otherwise. */
function staticWhenPossible(fragment: SqlFragment, plan: SqlModelPlan): SqlFragment {
  return fragment.isStatic ? renderStatic(fragment, plan.dialect).fragment : fragment;
}

/**
 * Compiles `joins` under a parent plan whose table has the alias `parentAlias` and whose rows
 * carry `parentFields` (all properties when undefined). Throws `JoinNotNestableError` when a
 * hasMany list cannot be read in the same statement.
 */
export function compileJoins(
  plan: SqlModelPlan,
  parentAlias: string,
  parentFields: readonly string[] | undefined,
  joins: readonly JoinRequest[],
  planOf: (model: ConnectorModel) => SqlModelPlan,
): CompiledJoins {
  const parentKeys = parentFields ? unique(parentFields) : plan.model.properties.map((p) => p.name);
  const state: CompileState = { planOf, prefix: columnPrefix(parentKeys), tables: 0 };
  const level: Level = { json: false, items: [], clauses: [] };
  const nested = compileLevel(state, level, plan.qualified(parentAlias), parentKeys, joins);
  const shape: RowShape = {
    columns: parentKeys.map((key) => {
      const reader = plan.readerOf(key);
      return reader ? { key, alias: key, reader } : { key, alias: key };
    }),
    nested,
  };
  const shaper = compileRowShaper(shape);
  return {
    selectList: staticWhenPossible(sql`, ${sql.join(level.items)}`, plan),
    clauses: renderStatic(sql.join(level.clauses, sql.empty), plan.dialect).fragment,
    shapeRows: (rows) => rows.map(shaper),
  };
}

/** Whether a join tree has a hasMany list anywhere. */
export function hasLists(joins: readonly JoinRequest[]): boolean {
  return joins.some((join) => join.list !== undefined || hasLists(join.join ?? []));
}

/**
 * The join compiler of one read's joins: each parent alias compiled once (a read's parent
 * fields do not change), on first use. Throws `JoinNotNestableError` when a list cannot be nested.
 */
export function joinCompiler(
  plan: SqlModelPlan,
  joins: readonly JoinRequest[],
  planOf: (model: ConnectorModel) => SqlModelPlan,
): JoinCompiler {
  const compiled = new Map<string, CompiledJoins>();
  return (parentAlias, parentFields) => {
    let joined = compiled.get(parentAlias);
    if (!joined) {
      joined = compileJoins(plan, parentAlias, parentFields, joins, planOf);
      compiled.set(parentAlias, joined);
    }
    return joined;
  };
}

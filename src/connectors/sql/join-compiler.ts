/**
 * belongsTo joins (`JoinRequest` trees) → the extra select list and LEFT JOIN clauses of one
 * statement, plus the compiled shaper that nests the joined columns under their relation names.
 *
 * Table aliases are `t1`, `t2`, … in depth-first order (the parent table is aliased by the
 * statement builder: `t0`, or `__grouped` around a window query), so a self-join
 * (employee → reportsTo → reportsTo) gets distinct aliases. Joined columns come back under short
 * positional aliases (`j1_0` = first column of `t1`): PostgreSQL truncates identifiers past 63
 * bytes, which a path-like alias (`invoiceLines.track.album.artist.name`) would soon reach. Their
 * prefix is chosen so that no selected parent property can carry the same name. Each target's
 * columns use its plan's read expressions (`::numeric::text` for exact decimals...), and its
 * dialect readers run in the shaper. Everything here is compiled once per shape and cached.
 *
 * @example
 * // tracks (t0) with genre and album → artist:
 * // , "t1"."genre_id" AS "j1_0", "t1"."name" AS "j1_1", "t2"."album_id" AS "j2_0", "t2"."title" AS "j2_1",
 * //   "t3"."artist_id" AS "j3_0", "t3"."name" AS "j3_1"
 * //  LEFT JOIN "public"."genre" AS "t1" ON "t1"."genre_id" = "t0"."genre_id"
 * //  LEFT JOIN "public"."album" AS "t2" ON "t2"."album_id" = "t0"."album_id"
 * //  LEFT JOIN "public"."artist" AS "t3" ON "t3"."artist_id" = "t2"."artist_id"
 */
import { InvalidArgumentError } from '../../juggler/errors.js';
import type { ConnectorModel, JoinRequest, Row } from '../connector.js';
import type { SqlModelPlan } from './model-plan.js';
import { compileRowShaper, type NestedShape, type RowShape, type ShapeColumn } from './row-shaper.js';
import { renderStatic, type SqlFragment, sql } from './sql-template.js';

/** What joins add to a select whose parent table has a given alias and selected properties. */
export interface CompiledJoins {
  /** `, <joined columns>` (static text). */
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

interface CompileState {
  readonly planOf: (model: ConnectorModel) => SqlModelPlan;
  readonly prefix: string;
  readonly columns: SqlFragment[];
  readonly clauses: SqlFragment[];
  tables: number;
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
    if (join.from.length === 0 || join.from.length !== join.to.length) {
      throw new InvalidArgumentError(
        `Join \`${join.as}\` of ${model.name} needs as many \`from\` as \`to\` properties (at least one)`,
        { model: model.name, relation: join.as, from: join.from, to: join.to },
      );
    }
  }
}

function compileLevel(
  state: CompileState,
  parent: SqlModelPlan,
  parentKeys: readonly string[],
  joins: readonly JoinRequest[],
): NestedShape[] {
  checkNames(joins, parentKeys, parent.model);
  return joins.map((join) => {
    const index = ++state.tables;
    const alias = `t${index}`;
    const target = state.planOf(join.model);
    const aliased = target.qualified(alias);
    const fields = unique([...(join.fields ?? join.model.properties.map((p) => p.name)), ...join.to]);
    const columns: ShapeColumn[] = fields.map((name, position) => {
      const property = aliased.property(name);
      const columnAlias = `${state.prefix}${index}_${position}`;
      const expression = aliased.dialect.readExpression(aliased.column(name), property);
      state.columns.push(sql`${expression} AS ${sql.id(columnAlias)}`);
      const reader = aliased.readerOf(name);
      return reader ? { key: name, alias: columnAlias, reader } : { key: name, alias: columnAlias };
    });
    const on = join.to.map(
      (to, position) => sql`${aliased.column(to)} = ${parent.column(join.from[position] as string)}`,
    );
    state.clauses.push(sql` LEFT JOIN ${target.table} AS ${sql.id(alias)} ON ${sql.join(on, sql` AND `)}`);
    const nullWhen = columns[fields.indexOf(join.to[0] as string)]?.alias as string;
    const nested = compileLevel(state, aliased, fields, join.join ?? []);
    return { as: join.as, nullWhen, shape: { columns, nested } };
  });
}

/**
 * Compiles `joins` under a parent plan whose table has the alias `parentAlias` and whose rows
 * carry `parentFields` (all properties when undefined).
 */
export function compileJoins(
  plan: SqlModelPlan,
  parentAlias: string,
  parentFields: readonly string[] | undefined,
  joins: readonly JoinRequest[],
  planOf: (model: ConnectorModel) => SqlModelPlan,
): CompiledJoins {
  const parentKeys = parentFields ? unique(parentFields) : plan.model.properties.map((p) => p.name);
  const state: CompileState = {
    planOf,
    prefix: columnPrefix(parentKeys),
    columns: [],
    clauses: [],
    tables: 0,
  };
  const nested = compileLevel(state, plan.qualified(parentAlias), parentKeys, joins);
  const shape: RowShape = {
    columns: parentKeys.map((key) => {
      const reader = plan.readerOf(key);
      return reader ? { key, alias: key, reader } : { key, alias: key };
    }),
    nested,
  };
  const shaper = compileRowShaper(shape);
  return {
    selectList: renderStatic(sql`, ${sql.join(state.columns)}`, plan.dialect).fragment,
    clauses: renderStatic(sql.join(state.clauses, sql.empty), plan.dialect).fragment,
    shapeRows: (rows) => rows.map(shaper),
  };
}

/** How many compiled join shapes one model keeps. */
const MAX_SHAPES_PER_MODEL = 1_000;

const modelIds = new WeakMap<ConnectorModel, number>();
let nextModelId = 0;

function modelId(model: ConnectorModel): number {
  let id = modelIds.get(model);
  if (id === undefined) {
    id = ++nextModelId;
    modelIds.set(model, id);
  }
  return id;
}

/** A string identifying a join tree's shape (models by identity, so a changed model is a new shape). */
function shapeKey(joins: readonly JoinRequest[]): string {
  return joins
    .map(
      (join) =>
        `${join.as}\u0001${modelId(join.model)}\u0001${join.from.join(',')}\u0001${join.to.join(',')}\u0001${join.fields?.join(',') ?? '*'}[${shapeKey(join.join ?? [])}]`,
    )
    .join('\u0002');
}

/** Compiled joins cached per parent plan, parent alias, parent fields and join shape. */
export class JoinCache {
  private readonly compiled = new WeakMap<SqlModelPlan, Map<string, CompiledJoins>>();

  constructor(private readonly planOf: (model: ConnectorModel) => SqlModelPlan) {}

  /** The join compiler of one statement's joins, compiling each variant on first use. */
  compiler(plan: SqlModelPlan, joins: readonly JoinRequest[]): JoinCompiler {
    const shape = shapeKey(joins);
    return (parentAlias, parentFields) => {
      const key = `${parentAlias}\u0003${parentFields?.join(',') ?? '*'}\u0003${shape}`;
      let perPlan = this.compiled.get(plan);
      if (!perPlan) {
        perPlan = new Map();
        this.compiled.set(plan, perPlan);
      }
      let joined = perPlan.get(key);
      if (!joined) {
        joined = compileJoins(plan, parentAlias, parentFields, joins, this.planOf);
        // Field sets come from clients: past the bound, new shapes are compiled but not kept.
        if (perPlan.size < MAX_SHAPES_PER_MODEL) perPlan.set(key, joined);
      }
      return joined;
    };
  }
}

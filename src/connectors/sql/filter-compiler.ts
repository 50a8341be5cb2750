/**
 * LoopBack's normalized where tree and order clauses → SQL fragments. Shared by every SQL
 * dialect; what differs (IN lists, like, regexp) is asked of the dialect.
 *
 * Semantics follow LoopBack's SQL connectors:
 * - `{p: null}` → `p IS NULL`; `{p: {neq: null}}` → `p IS NOT NULL`;
 * - `{p: {neq: x}}` → `(p <> x OR p IS NULL)` (a NULL is "not equal" to x); every negative
 *   operator follows the same rule: `nin [x, y]` → `(p NOT IN (x, y) OR p IS NULL)`, `nlike`/`nilike`
 *   → `(p NOT LIKE x OR p IS NULL)`, so `neq x` and `nin [x]` always agree;
 * - `inq: []` → FALSE, `nin: []` → TRUE; a null inside `inq` also matches NULL rows, a null
 *   inside `nin` excludes them (`nin [x, null]` → `p NOT IN (x) AND p IS NOT NULL`, as `neq null`);
 * - `like`/`nlike` are case-sensitive, `ilike`/`nilike` are not; `%`, `_` and the `\` escape
 *   are the wildcards; a pattern ending in a lone `\` is an INVALID_FILTER; `regexp` honours the `i` flag
 *   (other RegExp flags are ignored, as LoopBack's SQL connectors ignore them).
 *
 * A value may be a prepared read's `ReadParameter`: the statement then depends only on the
 * parameter's shape in the variant being compiled (`ReadShape`: null or not, a list's length...),
 * and its value is a `BoundValue` computed from each run's bindings. The same value errors arise,
 * at each run (a pattern ending in a lone backslash when the bound value is computed).
 */

import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import { isReadParameter, type ReadParameter } from '../../juggler/connector/prepared-read.js';
import { FilterError } from '../../juggler/errors.js';
import type { OrderClause, WhereNode } from '../../juggler/filter/filter-types.js';
import { endsInLoneEscape, loneEscapeError } from '../../juggler/filter/like-pattern.js';
import { BoundValue, boundList, constantList, type SqlList } from './bound-values.js';
import type { SqlModelPlan } from './model-plan.js';
import {
  INVALID_SHAPE,
  listShapeHasNull,
  listShapeLength,
  parameterShape,
  REGEXP_IGNORE_CASE,
  REGEXP_STRING,
  type ReadShape,
  type ShapeUse,
} from './read-shape.js';
import { type SqlFragment, sql } from './sql-template.js';

const TRUE = sql`TRUE`;
const FALSE = sql`FALSE`;
const AND = sql` AND `;
const OR = sql` OR `;

type CompareNode = Extract<WhereNode, { kind: 'compare' }>;
type KeysNode = Extract<WhereNode, { kind: 'keys' }>;
type Tuples = readonly (readonly unknown[])[];

/**
 * Compiles a where tree to a boolean SQL expression (TRUE when `where` is undefined); `shape`
 * gives the shapes of its parameters (a tree with parameters needs one).
 */
export function compileWhere(
  plan: SqlModelPlan,
  where: WhereNode | undefined,
  shape?: ReadShape,
): SqlFragment {
  if (!where) return TRUE;
  switch (where.kind) {
    case 'constant':
      return where.value ? TRUE : FALSE;
    case 'and':
    case 'or': {
      if (where.nodes.length === 0) return where.kind === 'and' ? TRUE : FALSE;
      const nodes = where.nodes.map((node) => compileWhere(plan, node, shape));
      if (nodes.length === 1) return nodes[0]!;
      return sql`(${sql.join(nodes, where.kind === 'and' ? AND : OR)})`;
    }
    case 'compare':
      return compileComparison(plan, where, shape);
    case 'keys':
      return compileKeys(plan, where, shape);
  }
}

/** The tuples of a keys node: how many, and the statement value of each key value. */
interface KeyValues {
  count: number;
  /** The values of the first property, when there is one property. */
  list(): SqlList;
  item(tuple: number, position: number): unknown;
}

function keyValues(
  plan: SqlModelPlan,
  node: KeysNode,
  properties: readonly ConnectorProperty[],
  shape?: ReadShape,
): KeyValues {
  const first = properties[0] as ConnectorProperty;
  const value = node.value;
  if (!isReadParameter(value)) {
    const tuples = value as Tuples;
    return {
      count: tuples.length,
      list: () => constantList(tuples.map((tuple) => plan.toDatabase(first, tuple[0]))),
      item: (tuple, position) =>
        plan.toDatabase(properties[position] as ConnectorProperty, tuples[tuple]?.[position]),
    };
  }
  const count = parameterShape(shape, value, 'keys', properties.length);
  if (count === INVALID_SHAPE) {
    throw new FilterError(`keys of ${node.properties.join(', ')} expect an array of tuples`, {
      property: node.properties.join(','),
      operator: 'keys',
      expected: 'array',
      received: describe(shape?.value(value)),
    });
  }
  const tuplesOf = (bindings: readonly unknown[]) => bindings[value.index] as Tuples;
  return {
    count,
    list: () =>
      boundList((bindings) => tuplesOf(bindings).map((tuple) => plan.toDatabase(first, tuple[0])), count),
    item: (tuple, position) =>
      BoundValue.of((bindings) =>
        plan.toDatabase(properties[position] as ConnectorProperty, tuplesOf(bindings)[tuple]?.[position]),
      ),
  };
}

/**
 * A batch of key tuples: `col = ANY($1)` (the dialect's IN list) for one property; for composite
 * keys `((a = $1 AND b = $2) OR (a = $3 AND b = $4))`, as the or-of-ands filter it stands for.
 */
function compileKeys(plan: SqlModelPlan, node: KeysNode, shape?: ReadShape): SqlFragment {
  const properties = node.properties.map((name) => plan.property(name));
  const values = keyValues(plan, node, properties, shape);
  if (values.count === 0) return FALSE;
  if (properties.length === 1) {
    return plan.dialect.compileInList(plan.column(node.properties[0] as string), values.list(), false);
  }
  const alternatives: SqlFragment[] = [];
  for (let tuple = 0; tuple < values.count; tuple++) {
    const equalities = properties.map(
      (property, position) => sql`${plan.column(property.name)} = ${values.item(tuple, position)}`,
    );
    alternatives.push(sql`(${sql.join(equalities, AND)})`);
  }
  return alternatives.length === 1 ? (alternatives[0] as SqlFragment) : sql`(${sql.join(alternatives, OR)})`;
}

/** Compiles a where tree to a `WHERE ...` clause, or an empty fragment when there is nothing to filter. */
export function compileWhereClause(
  plan: SqlModelPlan,
  where: WhereNode | undefined,
  shape?: ReadShape,
): SqlFragment {
  if (
    !where ||
    (where.kind === 'constant' && where.value) ||
    (where.kind === 'and' && where.nodes.length === 0)
  ) {
    return sql.empty;
  }
  return sql` WHERE ${compileWhere(plan, where, shape)}`;
}

/** How a comparison's value enters the statement: a constant, or a parameter bound at each run. */
class Operand {
  readonly parameter: ReadParameter | undefined;

  constructor(
    readonly plan: SqlModelPlan,
    readonly node: CompareNode,
    readonly property: ConnectorProperty,
    readonly shape: ReadShape | undefined,
  ) {
    this.parameter = isReadParameter(node.value) ? node.value : undefined;
  }

  /** The value's shape for a use (parameters only). */
  shapeOf(use: ShapeUse): number {
    return parameterShape(this.shape, this.parameter as ReadParameter, use);
  }

  /** The value as the statement receives it: the constant, or its value at each run. */
  bound<T>(convert: (value: unknown) => T): T | BoundValue {
    const { parameter } = this;
    if (!parameter) return convert(this.node.value);
    return BoundValue.of((bindings) => convert(bindings[parameter.index]));
  }

  /** The value (or the parameter's value of the compiling run, for error details). */
  given(): unknown {
    return this.parameter ? this.shape?.value(this.parameter) : this.node.value;
  }

  /** The value converted for the driver. */
  driverValue(): unknown {
    return this.bound((value) => this.plan.toDatabase(this.property, value));
  }

  /** The SQL of the value compared with the column (its placeholder, cast where the dialect types it). */
  compared(): SqlFragment {
    return this.plan.comparedSql(this.property, this.driverValue());
  }

  isNull(): boolean {
    if (this.parameter) return this.shapeOf('nullable') === 0;
    return this.node.value === null || this.node.value === undefined;
  }
}

function compileComparison(plan: SqlModelPlan, node: CompareNode, shape?: ReadShape): SqlFragment {
  const property = plan.property(node.property);
  const operand = new Operand(plan, node, property, shape);
  const stored = plan.column(node.property);
  const isText =
    node.op === 'like' ||
    node.op === 'nlike' ||
    node.op === 'ilike' ||
    node.op === 'nilike' ||
    node.op === 'regexp';
  // Types without the operator compare by their text (see SqlDialect.textOperand/comparableOperand).
  const column = isText
    ? (plan.dialect.textOperand?.(stored, property) ?? stored)
    : (plan.dialect.comparableOperand?.(stored, property, 'filter') ?? stored);
  switch (node.op) {
    case 'eq':
      return operand.isNull() ? sql`${stored} IS NULL` : sql`${column} = ${operand.compared()}`;
    case 'neq':
      return operand.isNull()
        ? sql`${stored} IS NOT NULL`
        : orNull(property, column, sql`${column} <> ${operand.compared()}`);
    case 'gt':
      return sql`${column} > ${operand.compared()}`;
    case 'gte':
      return sql`${column} >= ${operand.compared()}`;
    case 'lt':
      return sql`${column} < ${operand.compared()}`;
    case 'lte':
      return sql`${column} <= ${operand.compared()}`;
    case 'between': {
      if (operand.parameter ? operand.shapeOf('pair') === INVALID_SHAPE : !isList(node.value, 2)) {
        throw listError(node, property, operand.given(), 2);
      }
      const low = operand.bound((value) => plan.toDatabase(property, (value as unknown[])[0]));
      const high = operand.bound((value) => plan.toDatabase(property, (value as unknown[])[1]));
      return sql`${column} BETWEEN ${plan.comparedSql(property, low)} AND ${plan.comparedSql(property, high)}`;
    }
    case 'inq':
    case 'nin':
      return compileInq(plan, column, operand);
    case 'like':
    case 'nlike':
    case 'ilike':
    case 'nilike':
      return compileLikeFamily(plan, column, operand);
    case 'regexp':
      return compileRegexp(plan, column, operand);
  }
}

function compileLikeFamily(plan: SqlModelPlan, column: SqlFragment, operand: Operand): SqlFragment {
  const { node, property } = operand;
  if (operand.parameter && operand.shapeOf('pattern') === INVALID_SHAPE) {
    throw patternError(node, property, operand.given());
  }
  const negate = node.op === 'nlike' || node.op === 'nilike';
  const compiled = plan.dialect.compileLike(
    column,
    operand.bound((value) => likePattern(node, property, value)),
    { negate, caseInsensitive: node.op === 'ilike' || node.op === 'nilike' },
  );
  // A NULL is "not like" any pattern, as it is "not equal" to any value (neq's rule).
  return negate ? orNull(property, column, compiled) : compiled;
}

function compileRegexp(plan: SqlModelPlan, column: SqlFragment, operand: Operand): SqlFragment {
  const { node, property } = operand;
  if (!operand.parameter) {
    const value = node.value;
    if (value instanceof RegExp)
      return plan.dialect.compileRegexp(column, value.source, value.flags.includes('i'));
    return plan.dialect.compileRegexp(column, patternText(node, property, value), false);
  }
  const code = operand.shapeOf('regexp');
  if (code === INVALID_SHAPE) throw patternError(node, property, operand.given());
  if (code === REGEXP_STRING)
    return plan.dialect.compileRegexp(
      column,
      operand.bound((value) => value),
      false,
    );
  const source = operand.bound((value) => (value as RegExp).source);
  return plan.dialect.compileRegexp(column, source, code === REGEXP_IGNORE_CASE);
}

/** The non-null values of an IN list (as a SqlList, none when empty) and whether a null is in it. */
function inList(plan: SqlModelPlan, operand: Operand): { list: SqlList | undefined; hasNull: boolean } {
  const { node, property } = operand;
  const convert = (list: readonly unknown[]): unknown[] => {
    const values: unknown[] = [];
    for (const item of list)
      if (item !== null && item !== undefined) values.push(plan.toDatabase(property, item));
    return values;
  };
  const { parameter } = operand;
  if (!parameter) {
    if (!isList(node.value)) throw listError(node, property, node.value);
    const values = convert(node.value);
    return {
      list: values.length > 0 ? constantList(values) : undefined,
      hasNull: values.length < node.value.length,
    };
  }
  const code = operand.shapeOf('list');
  if (code === INVALID_SHAPE) throw listError(node, property, operand.given());
  const length = listShapeLength(code);
  return {
    list:
      length > 0
        ? boundList((bindings) => convert(bindings[parameter.index] as unknown[]), length)
        : undefined,
    hasNull: listShapeHasNull(code),
  };
}

function compileInq(plan: SqlModelPlan, column: SqlFragment, operand: Operand): SqlFragment {
  const negate = operand.node.op === 'nin';
  const { list, hasNull } = inList(plan, operand);
  if (!list) {
    if (!hasNull) return negate ? TRUE : FALSE;
    return negate ? sql`${column} IS NOT NULL` : sql`${column} IS NULL`;
  }
  const compiled = plan.dialect.compileInList(column, list, negate, plan.comparisonCast(operand.property));
  if (negate) {
    // neq's rule: a NULL is "not in" a list of values, unless the list names null itself.
    return hasNull
      ? sql`(${compiled} AND ${column} IS NOT NULL)`
      : orNull(operand.property, column, compiled);
  }
  return hasNull ? sql`(${compiled} OR ${column} IS NULL)` : compiled;
}

/**
 * A negative comparison widened to the NULL rows (`(p <> x OR p IS NULL)`), as LoopBack's `neq`
 * is; a column that cannot hold null needs no widening (decided when the statement is compiled).
 */
function orNull(property: ConnectorProperty, column: SqlFragment, negative: SqlFragment): SqlFragment {
  return property.nullable ? sql`(${negative} OR ${column} IS NULL)` : negative;
}

function isList(value: unknown, length?: number): value is readonly unknown[] {
  return Array.isArray(value) && (length === undefined || value.length === length);
}

function listError(
  node: CompareNode,
  property: ConnectorProperty,
  value: unknown,
  length?: number,
): FilterError {
  return new FilterError(
    `\`${node.op}\` on \`${property.name}\` expects ${length === undefined ? 'an array' : `an array of ${length} values`}`,
    { property: property.name, operator: node.op, expected: 'array', received: describe(value) },
  );
}

function patternError(node: CompareNode, property: ConnectorProperty, value: unknown): FilterError {
  return new FilterError(`\`${node.op}\` on \`${property.name}\` expects a string pattern`, {
    property: property.name,
    operator: node.op,
    expected: 'string',
    received: describe(value),
  });
}

function patternText(node: CompareNode, property: ConnectorProperty, value: unknown): string {
  if (typeof value === 'string') return value;
  throw patternError(node, property, value);
}

/**
 * A like-family pattern. One that ends in an unpaired backslash escapes nothing: PostgreSQL
 * rejects it and MySQL matches a literal backslash, so it is refused here, alike for every dialect.
 */
function likePattern(node: CompareNode, property: ConnectorProperty, value: unknown): string {
  const pattern = patternText(node, property, value);
  if (endsInLoneEscape(pattern)) throw loneEscapeError(node.op, property.name);
  return pattern;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of ${value.length}`;
  return typeof value;
}

/** Compiles order clauses to ` ORDER BY ...` (empty fragment for none). */
export function compileOrderBy(plan: SqlModelPlan, order: readonly OrderClause[] | undefined): SqlFragment {
  if (!order || order.length === 0) return sql.empty;
  return sql` ORDER BY ${compileOrderList(plan, order)}`;
}

/** The comma-separated `col ASC, col2 DESC` list of order clauses. */
export function compileOrderList(plan: SqlModelPlan, order: readonly OrderClause[]): SqlFragment {
  return sql.join(
    order.map((clause) => {
      const stored = plan.column(clause.property);
      const column =
        plan.dialect.comparableOperand?.(stored, plan.property(clause.property), 'order') ?? stored;
      return clause.direction === 'DESC' ? sql`${column} DESC` : sql`${column} ASC`;
    }),
  );
}

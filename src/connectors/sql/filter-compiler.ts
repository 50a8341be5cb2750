/**
 * LoopBack's normalized where tree and order clauses → SQL fragments. Shared by every SQL
 * dialect; what differs (IN lists, like, regexp) is asked of the dialect.
 *
 * Semantics follow LoopBack's SQL connectors:
 * - `{p: null}` → `p IS NULL`; `{p: {neq: null}}` → `p IS NOT NULL`;
 * - `{p: {neq: x}}` → `(p <> x OR p IS NULL)` (a NULL is "not equal" to x);
 * - `inq: []` → FALSE, `nin: []` → TRUE; a null inside `inq` also matches NULL rows, a null
 *   inside `nin` also excludes them;
 * - `like`/`nlike` are case-sensitive, `ilike`/`nilike` are not; `%`, `_` and the `\` escape
 *   are the wildcards; a pattern ending in a lone `\` is an INVALID_FILTER; `regexp` honours the `i` flag
 *   (other RegExp flags are ignored, as LoopBack's SQL connectors ignore them).
 */

import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import { FilterError } from '../../juggler/errors.js';
import type { OrderClause, WhereNode } from '../../juggler/filter/filter-types.js';
import { endsInLoneEscape, loneEscapeError } from '../../juggler/filter/like-pattern.js';
import type { SqlModelPlan } from './model-plan.js';
import { type SqlFragment, sql } from './sql-template.js';

const TRUE = sql`TRUE`;
const FALSE = sql`FALSE`;
const AND = sql` AND `;
const OR = sql` OR `;

type CompareNode = Extract<WhereNode, { kind: 'compare' }>;

/** Compiles a where tree to a boolean SQL expression (TRUE when `where` is undefined). */
export function compileWhere(plan: SqlModelPlan, where: WhereNode | undefined): SqlFragment {
  if (!where) return TRUE;
  switch (where.kind) {
    case 'constant':
      return where.value ? TRUE : FALSE;
    case 'and':
    case 'or': {
      if (where.nodes.length === 0) return where.kind === 'and' ? TRUE : FALSE;
      const nodes = where.nodes.map((node) => compileWhere(plan, node));
      if (nodes.length === 1) return nodes[0]!;
      return sql`(${sql.join(nodes, where.kind === 'and' ? AND : OR)})`;
    }
    case 'compare':
      return compileComparison(plan, where);
    case 'keys':
      return compileKeys(plan, where);
  }
}

/**
 * A batch of key tuples: `col = ANY($1)` (the dialect's IN list) for one property; for composite
 * keys `((a = $1 AND b = $2) OR (a = $3 AND b = $4))`, as the or-of-ands filter it stands for.
 */
function compileKeys(plan: SqlModelPlan, node: Extract<WhereNode, { kind: 'keys' }>): SqlFragment {
  const tuples = node.value as readonly (readonly unknown[])[];
  if (tuples.length === 0) return FALSE;
  const properties = node.properties.map((name) => plan.property(name));
  if (properties.length === 1) {
    const property = properties[0] as ConnectorProperty;
    const values = tuples.map((tuple) => plan.toDatabase(property, tuple[0]));
    return plan.dialect.compileInList(plan.column(property.name), values, false);
  }
  const alternatives = tuples.map((tuple) => {
    const equalities = properties.map(
      (property, index) => sql`${plan.column(property.name)} = ${plan.toDatabase(property, tuple[index])}`,
    );
    return sql`(${sql.join(equalities, AND)})`;
  });
  return alternatives.length === 1 ? (alternatives[0] as SqlFragment) : sql`(${sql.join(alternatives, OR)})`;
}

/** Compiles a where tree to a `WHERE ...` clause, or an empty fragment when there is nothing to filter. */
export function compileWhereClause(plan: SqlModelPlan, where: WhereNode | undefined): SqlFragment {
  if (
    !where ||
    (where.kind === 'constant' && where.value) ||
    (where.kind === 'and' && where.nodes.length === 0)
  ) {
    return sql.empty;
  }
  return sql` WHERE ${compileWhere(plan, where)}`;
}

function compileComparison(plan: SqlModelPlan, node: CompareNode): SqlFragment {
  const property = plan.property(node.property);
  const column = plan.column(node.property);
  const value = node.value;
  const param = (v: unknown): unknown => plan.toDatabase(property, v);
  switch (node.op) {
    case 'eq':
      return value === null || value === undefined
        ? sql`${column} IS NULL`
        : sql`${column} = ${param(value)}`;
    case 'neq':
      return value === null || value === undefined
        ? sql`${column} IS NOT NULL`
        : sql`(${column} <> ${param(value)} OR ${column} IS NULL)`;
    case 'gt':
      return sql`${column} > ${param(value)}`;
    case 'gte':
      return sql`${column} >= ${param(value)}`;
    case 'lt':
      return sql`${column} < ${param(value)}`;
    case 'lte':
      return sql`${column} <= ${param(value)}`;
    case 'between': {
      const [low, high] = expectList(node, property, 2);
      return sql`${column} BETWEEN ${param(low)} AND ${param(high)}`;
    }
    case 'inq':
    case 'nin':
      return compileInq(plan, property, column, node);
    case 'like':
    case 'nlike':
    case 'ilike':
    case 'nilike':
      return plan.dialect.compileLike(column, likePattern(node, property), {
        negate: node.op === 'nlike' || node.op === 'nilike',
        caseInsensitive: node.op === 'ilike' || node.op === 'nilike',
      });
    case 'regexp': {
      if (value instanceof RegExp)
        return plan.dialect.compileRegexp(column, value.source, value.flags.includes('i'));
      return plan.dialect.compileRegexp(column, patternText(node, property), false);
    }
  }
}

function compileInq(
  plan: SqlModelPlan,
  property: ConnectorProperty,
  column: SqlFragment,
  node: CompareNode,
): SqlFragment {
  const negate = node.op === 'nin';
  const list = expectList(node, property);
  const values: unknown[] = [];
  let hasNull = false;
  for (const item of list) {
    if (item === null || item === undefined) hasNull = true;
    else values.push(plan.toDatabase(property, item));
  }
  if (values.length === 0) {
    if (!hasNull) return negate ? TRUE : FALSE;
    return negate ? sql`${column} IS NOT NULL` : sql`${column} IS NULL`;
  }
  const inList = plan.dialect.compileInList(column, values, negate);
  if (!hasNull) return inList;
  return negate ? sql`(${inList} AND ${column} IS NOT NULL)` : sql`(${inList} OR ${column} IS NULL)`;
}

function expectList(node: CompareNode, property: ConnectorProperty, length?: number): readonly unknown[] {
  const value = node.value;
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    throw new FilterError(
      `\`${node.op}\` on \`${property.name}\` expects ${length === undefined ? 'an array' : `an array of ${length} values`}`,
      { property: property.name, operator: node.op, expected: 'array', received: describe(value) },
    );
  }
  return value;
}

function patternText(node: CompareNode, property: ConnectorProperty): string {
  if (typeof node.value === 'string') return node.value;
  throw new FilterError(`\`${node.op}\` on \`${property.name}\` expects a string pattern`, {
    property: property.name,
    operator: node.op,
    expected: 'string',
    received: describe(node.value),
  });
}

/**
 * A like-family pattern. One that ends in an unpaired backslash escapes nothing: PostgreSQL
 * rejects it and MySQL matches a literal backslash, so it is refused here, alike for every dialect.
 */
function likePattern(node: CompareNode, property: ConnectorProperty): string {
  const pattern = patternText(node, property);
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
      const column = plan.column(clause.property);
      return clause.direction === 'DESC' ? sql`${column} DESC` : sql`${column} ASC`;
    }),
  );
}

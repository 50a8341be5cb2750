/**
 * A pure in-memory evaluator of normalized where trees, with LoopBack's semantics: `like` uses
 * `%` and `_` wildcards and is case-sensitive, `ilike` is not; `neq x` also matches null (as the
 * SQL connectors' `col <> x OR col IS NULL`), and so do `nin` and `nlike`/`nilike` (a null is
 * "not in" a list and "not like" a pattern); a null inside `inq` matches null, a null inside `nin`
 * excludes null; other comparisons with null never match.
 */
import type { ModelTypeName } from '../connector/model-type-name.js';
import { compareValues, valuesEqual } from './compare-values.js';
import { type FilterModel, toFilterSchema } from './filter-schema.js';
import type { WhereNode, WhereOperator } from './filter-types.js';

/** Property name → type, so decimal strings and dates compare correctly. */
export type PropertyTypes = ReadonlyMap<string, { type: ModelTypeName; itemType?: ModelTypeName }>;

const likeCache = new Map<string, RegExp>();

/** Turns a LoopBack like pattern into an anchored RegExp (`%` → any run, `_` → one character, `\` escapes). */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  const cached = likeCache.get(key);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i] as string);
    } else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += escapeRegExp(char);
  }
  const regexp = new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
  if (likeCache.size > 1000) likeCache.clear();
  likeCache.set(key, regexp);
  return regexp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function isNull(value: unknown): boolean {
  return value === null || value === undefined;
}

function matchScalar(actual: unknown, op: WhereOperator, expected: unknown, type?: ModelTypeName): boolean {
  switch (op) {
    case 'eq':
      return isNull(expected) ? isNull(actual) : !isNull(actual) && valuesEqual(actual, expected, type);
    case 'neq':
      return isNull(expected) ? !isNull(actual) : isNull(actual) || !valuesEqual(actual, expected, type);
    case 'gt':
      return !isNull(actual) && compareValues(actual, expected, type) > 0;
    case 'gte':
      return !isNull(actual) && compareValues(actual, expected, type) >= 0;
    case 'lt':
      return !isNull(actual) && compareValues(actual, expected, type) < 0;
    case 'lte':
      return !isNull(actual) && compareValues(actual, expected, type) <= 0;
    case 'between': {
      const [low, high] = expected as [unknown, unknown];
      return (
        !isNull(actual) && compareValues(actual, low, type) >= 0 && compareValues(actual, high, type) <= 0
      );
    }
    case 'inq':
      return isNull(actual)
        ? (expected as unknown[]).some(isNull)
        : (expected as unknown[]).some((item) => !isNull(item) && valuesEqual(actual, item, type));
    case 'nin':
      // neq's rule: a null value is "not in" a list, unless the list names null.
      if (isNull(actual)) return !(expected as unknown[]).some(isNull);
      return !(expected as unknown[]).some((item) => !isNull(item) && valuesEqual(actual, item, type));
    case 'like':
    case 'ilike':
      return !isNull(actual) && likeToRegExp(expected as string, op === 'ilike').test(String(actual));
    case 'nlike':
    case 'nilike':
      return isNull(actual) || !likeToRegExp(expected as string, op === 'nilike').test(String(actual));
    case 'regexp': {
      if (isNull(actual)) return false;
      const regexp = expected instanceof RegExp ? expected : new RegExp(String(expected));
      regexp.lastIndex = 0;
      return regexp.test(String(actual));
    }
  }
}

function matchCompare(
  row: Readonly<Record<string, unknown>>,
  node: Extract<WhereNode, { kind: 'compare' }>,
  types: PropertyTypes | undefined,
): boolean {
  const actual = row[node.property];
  const info = types?.get(node.property);
  if (info?.type === 'Array' && Array.isArray(actual) && !Array.isArray(node.value)) {
    // An array property compared with a scalar: containment, as LoopBack's memory connector does.
    const negative = node.op === 'neq' || node.op === 'nin' || node.op === 'nlike' || node.op === 'nilike';
    if (negative) {
      const positive = { eq: 'eq', neq: 'eq', nin: 'inq', nlike: 'like', nilike: 'ilike' } as const;
      const op = positive[node.op as keyof typeof positive];
      return !actual.some((item) => matchScalar(item, op, node.value, info.itemType));
    }
    return actual.some((item) => matchScalar(item, node.op, node.value, info.itemType));
  }
  return matchScalar(actual, node.op, node.value, info?.type);
}

/** Evaluates a where node against a row keyed by property name; `model` supplies property types. */
export function matchesWhere(
  row: Readonly<Record<string, unknown>>,
  node: WhereNode | undefined,
  model?: FilterModel | PropertyTypes,
): boolean {
  if (node === undefined) return true;
  const types =
    model === undefined
      ? undefined
      : model instanceof Map
        ? model
        : toFilterSchema(model as FilterModel).properties;
  return evaluate(row, node, types as PropertyTypes | undefined);
}

function evaluate(
  row: Readonly<Record<string, unknown>>,
  node: WhereNode,
  types: PropertyTypes | undefined,
): boolean {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'and':
      return node.nodes.every((child) => evaluate(row, child, types));
    case 'or':
      return node.nodes.some((child) => evaluate(row, child, types));
    case 'compare':
      return matchCompare(row, node, types);
    case 'keys':
      return (node.value as readonly (readonly unknown[])[]).some((tuple) =>
        node.properties.every((property, index) =>
          matchCompare(row, { kind: 'compare', property, op: 'eq', value: tuple[index] }, types),
        ),
      );
  }
}

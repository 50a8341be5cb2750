/**
 * In-memory ordering and pagination with the semantics the SQL connectors have on PostgreSQL:
 * ascending order puts nulls last, descending order puts them first.
 */
import { compareValues } from './compare-values.js';
import type { OrderClause } from './filter-types.js';
import type { PropertyTypes } from './match-where.js';

/** Returns a comparator for rows following the order clauses. */
export function rowComparator(
  order: readonly OrderClause[],
  types?: PropertyTypes,
): (a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>) => number {
  return (a, b) => {
    for (const { property, direction } of order) {
      const left = a[property];
      const right = b[property];
      const sign = direction === 'DESC' ? -1 : 1;
      const leftNull = left === null || left === undefined;
      const rightNull = right === null || right === undefined;
      if (leftNull || rightNull) {
        if (leftNull && rightNull) continue;
        return (leftNull ? 1 : -1) * sign;
      }
      const result = compareValues(left, right, types?.get(property)?.type);
      if (result !== 0 && !Number.isNaN(result)) return Math.sign(result) * sign;
    }
    return 0;
  };
}

/** Returns a sorted copy of rows (stable; no order → the rows as given). */
export function sortRows<T extends Readonly<Record<string, unknown>>>(
  rows: readonly T[],
  order: readonly OrderClause[] | undefined,
  types?: PropertyTypes,
): T[] {
  if (!order || order.length === 0) return [...rows];
  return [...rows].sort(rowComparator(order, types));
}

/** Applies skip and limit to a list. */
export function paginateRows<T>(
  rows: readonly T[],
  skip: number | undefined,
  limit: number | undefined,
): T[] {
  const start = skip ?? 0;
  return rows.slice(start, limit === undefined ? undefined : start + limit);
}

/** Keeps only the given properties of a row (all when `fields` is undefined). */
export function projectRow(
  row: Readonly<Record<string, unknown>>,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  if (!fields) return { ...row };
  const projected: Record<string, unknown> = {};
  for (const field of fields) projected[field] = row[field];
  return projected;
}

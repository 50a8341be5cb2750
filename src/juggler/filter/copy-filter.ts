/**
 * Copies of user filters that operation hooks may change in place: the caller's filter (which may
 * be frozen, or reused by the caller) stays as it was.
 */
import type { Filter, Where } from './filter-types.js';

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A deep copy of plain objects and arrays; other values (Dates, Buffers, RegExps, instances) are shared. */
export function copyPlainData<T>(value: T): T {
  if (value === null || typeof value !== 'object' || !isPlainContainer(value)) return value;
  if (Array.isArray(value)) return value.map(copyPlainData) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = copyPlainData(item);
  return copy as T;
}

/**
 * A filter listeners may change: a deep copy, with `where` always an object (`{}` when the filter
 * has none), so that `ctx.query.where.ownerId = 7` works on every read.
 */
export function mutableFilter(filter: Filter | undefined): Filter & { where: Where } {
  const copy: Filter = filter ? copyPlainData(filter) : {};
  if (copy.where === undefined || copy.where === null) copy.where = {};
  return copy as Filter & { where: Where };
}

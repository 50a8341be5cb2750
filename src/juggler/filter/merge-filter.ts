/**
 * Combines user filters with relation scopes and key conditions (`{where: {and: [a, b]}}`), the
 * way LoopBack merges a relation's `scope` into a call's filter.
 */
import type { Filter, Where } from './filter-types.js';

/** Joins where filters with `and`, dropping empty ones. */
export function mergeWhere(...wheres: (Where | undefined | null)[]): Where | undefined {
  const kept = wheres.filter((where): where is Where => !!where && Object.keys(where).length > 0);
  if (kept.length === 0) return undefined;
  if (kept.length === 1) return kept[0];
  return { and: kept };
}

/**
 * Merges `override` into `base`: where conditions are and-ed; order, limit, skip, fields and
 * include of `override` win when present.
 */
export function mergeFilters(base: Filter | undefined, override: Filter | undefined): Filter {
  const merged: Filter = { ...base, ...override };
  const where = mergeWhere(base?.where, override?.where);
  if (where) merged.where = where;
  else delete merged.where;
  for (const key of Object.keys(merged) as (keyof Filter)[]) {
    if (merged[key] === undefined) delete merged[key];
  }
  return merged;
}

/** Adds required properties to a `fields` selection (array or object form); undefined stays undefined. */
export function withFields(fields: Filter['fields'], required: readonly string[]): Filter['fields'] {
  if (fields === undefined) return undefined;
  if (typeof fields === 'string') return [...new Set([fields, ...required])];
  if (Array.isArray(fields)) return [...new Set([...fields, ...required])];
  const copy = { ...fields };
  const anyIncluded = Object.values(copy).some((on) => on === true);
  for (const name of required) {
    if (anyIncluded) copy[name] = true;
    else delete copy[name];
  }
  return copy;
}

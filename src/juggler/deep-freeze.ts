/**
 * Freezing values that are shared and reused as cache keys (join specs of the GraphQL layer's
 * cached plans, the join requests built from them), so that a cache keyed by their identity can
 * never see them change.
 */

/** Freezes a value made of plain objects and arrays, all the way down; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

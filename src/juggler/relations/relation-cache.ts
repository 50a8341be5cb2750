/**
 * The per-instance relation cache LoopBack calls `__cachedRelations`: what `post.author()` and
 * Inclusion.include load, answered again without a query and included in `toJSON()` (the model layer serializes `__cachedRelations`).
 */
import type { ModelInstance } from '../model-types.js';

/** Cached related values of one instance, keyed by relation name. */
export type RelationCache = Record<string, unknown>;

/** The instance's relation cache (created on first use, non-enumerable). */
export function relationCache(instance: object): RelationCache {
  const holder = instance as { __cachedRelations?: RelationCache };
  if (!Object.hasOwn(holder, '__cachedRelations')) {
    Object.defineProperty(holder, '__cachedRelations', { value: {}, enumerable: false, writable: true });
  }
  return holder.__cachedRelations as RelationCache;
}

/** Whether a relation's value is cached on the instance. */
export function hasCached(instance: object, name: string): boolean {
  const cache = (instance as { __cachedRelations?: RelationCache }).__cachedRelations;
  return cache !== undefined && Object.hasOwn(cache, name);
}

/** Stores a related value on an instance, or as a plain property on a raw row. */
export function setRelated(target: object, name: string, value: unknown): void {
  if (typeof (target as ModelInstance).__data === 'object' && (target as ModelInstance).__data !== null) {
    relationCache(target)[name] = value;
  } else {
    (target as Record<string, unknown>)[name] = value;
  }
}

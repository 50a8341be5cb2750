/**
 * Values that can be cache keys by identity: plain data (primitives, plain objects, arrays) frozen
 * all the way down, so nothing can change them after a cache saw them. The GraphQL layer freezes
 * the filters and join specs it reuses across requests; the DAO and the SQL connectors then
 * normalize and compile each of them once instead of once per call.
 */
import { deepFreeze } from '../deep-freeze.js';

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether a value is made only of primitives and frozen plain objects and arrays (nothing can change it). */
export function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (!Object.isFrozen(value) || !isPlainContainer(value)) return false;
  return Object.values(value).every(isDeepFrozen);
}

function isPlainData(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  return isPlainContainer(value) && Object.values(value).every(isPlainData);
}

/**
 * Deep-freezes `value` when it is plain data (a Date, Buffer or class instance inside leaves it
 * untouched: freezing those would change how they behave); returns whether it is now deeply frozen.
 */
export function freezePlainData(value: unknown): boolean {
  if (!isPlainData(value)) return false;
  deepFreeze(value);
  return true;
}

const NO_JOINS: readonly never[] = Object.freeze([]);

/**
 * Values computed from a deeply frozen filter for one owner (a model, a model plan) and one deeply
 * frozen join list, kept by identity and freed with their keys: the DAO keeps normalized filters
 * here, the SQL connectors rendered statements. Used as `cache.get(filter, owner, joins)`, and on
 * a miss `cache.accepts(filter, joins)` then `cache.set(...)` of what was built, where what is
 * built depends on nothing else that can change (whether the filter is a key may change how it is
 * built: the SQL connectors inline the constants of those statements). A filter or join list that
 * is not deeply frozen is never a key (its value is computed per call).
 */
export class FrozenFilterCache<TFilter extends object, TOwner extends object, TJoin, TValue> {
  private readonly byFilter = new WeakMap<TFilter, WeakMap<TOwner, WeakMap<readonly TJoin[], TValue>>>();

  /** The value remembered for (`filter`, `owner`, `joins`), if any. */
  get(filter: TFilter, owner: TOwner, joins?: readonly TJoin[]): TValue | undefined {
    if (!Object.isFrozen(filter)) return undefined;
    return this.byFilter
      .get(filter)
      ?.get(owner)
      ?.get(joins ?? NO_JOINS);
  }

  /** Whether `filter` and `joins` can be keys: deeply frozen (a filter already a key was checked). */
  accepts(filter: TFilter, joins?: readonly TJoin[]): boolean {
    // The cheap test first: a filter not frozen at the top is never a key.
    if (!Object.isFrozen(filter)) return false;
    if (!this.byFilter.has(filter) && !isDeepFrozen(filter)) return false;
    return joins === undefined || joins === NO_JOINS || isDeepFrozen(joins);
  }

  /** Remembers `value` for (`filter`, `owner`, `joins`); the caller checked `accepts`. */
  set(filter: TFilter, owner: TOwner, joins: readonly TJoin[] | undefined, value: TValue): void {
    let perOwner = this.byFilter.get(filter);
    if (!perOwner) {
      perOwner = new WeakMap();
      this.byFilter.set(filter, perOwner);
    }
    let perJoins = perOwner.get(owner);
    if (!perJoins) {
      perJoins = new WeakMap();
      perOwner.set(owner, perJoins);
    }
    perJoins.set(joins ?? NO_JOINS, value);
  }
}

/**
 * Rendered select statements of deeply frozen filters, kept by identity: the DAO hands the same
 * frozen `NormalizedFilter` object for the same GraphQL field (see juggler/filter/frozen-data.ts),
 * so its statement is built and rendered once per model plan (and join requests) instead of once
 * per call. The same text object every time also lets the driver's prepared-statement lookup hash
 * it once. A filter seen unfrozen is compiled per call and never remembered.
 */
import { isDeepFrozen } from '../../juggler/filter/frozen-data.js';
import type { JoinRequest, NormalizedFilter } from '../connector.js';
import type { SqlModelPlan } from './model-plan.js';

const NO_JOINS: readonly JoinRequest[] = Object.freeze([]);

/**
 * A statement (and whatever goes with it) per frozen filter, model plan and frozen join requests.
 * Used as `cache.get(filter, plan, joins) ?? cache.remember(filter, plan, joins, build())`, where
 * what is built depends on nothing else that can change.
 */
export class FrozenStatementCache<T> {
  private readonly byFilter = new WeakMap<NormalizedFilter, WeakMap<SqlModelPlan, WeakMap<object, T>>>();

  /** The statement remembered for (`filter`, `plan`, `joins`), if any. */
  get(filter: NormalizedFilter, plan: SqlModelPlan, joins?: readonly JoinRequest[]): T | undefined {
    return this.byFilter
      .get(filter)
      ?.get(plan)
      ?.get(joins ?? NO_JOINS);
  }

  /** Returns `value`, remembered for (`filter`, `plan`, `joins`) when the filter and the joins are deeply frozen. */
  remember(
    filter: NormalizedFilter,
    plan: SqlModelPlan,
    joins: readonly JoinRequest[] | undefined,
    value: T,
  ): T {
    // A filter that is not frozen at the top is never a key: the cheap test first.
    if (!Object.isFrozen(filter)) return value;
    const joinKey = joins ?? NO_JOINS;
    let perPlan = this.byFilter.get(filter);
    if (!perPlan) {
      if (!isDeepFrozen(filter)) return value;
      perPlan = new WeakMap();
    }
    if (joinKey !== NO_JOINS && !isDeepFrozen(joinKey)) return value;
    this.byFilter.set(filter, perPlan);
    let perJoins = perPlan.get(plan);
    if (!perJoins) {
      perJoins = new WeakMap();
      perPlan.set(plan, perJoins);
    }
    perJoins.set(joinKey, value);
    return value;
  }
}

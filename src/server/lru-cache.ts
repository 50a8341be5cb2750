/**
 * A small least-recently-used map bounded by cost (an estimate of the bytes each entry holds),
 * not by count: a `Map` keeps insertion order, so a hit is moved to the end and an insert that
 * passes the budget drops the first (oldest) keys until it fits again. An entry costing more than
 * the whole budget is not stored at all.
 */

/** Options of `LruCache`. */
export interface LruCacheOptions<K, V> {
  /** The budget: the sum of the entries' costs never exceeds it. */
  maxCost: number;
  /** What one entry costs (bytes, estimated); default 1 (the budget is then a count). */
  costOf?: (key: K, value: V) => number;
}

/** A map that forgets the least recently used keys first once its entries cost more than the budget. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; cost: number }>();
  private readonly maxCost: number;
  private readonly costOf: (key: K, value: V) => number;
  private total = 0;

  constructor(options: LruCacheOptions<K, V>) {
    this.maxCost = options.maxCost;
    this.costOf = options.costOf ?? (() => 1);
  }

  /** The value of `key`, marking it most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` under `key`, evicting the least recently used keys while over budget. */
  set(key: K, value: V): void {
    this.delete(key);
    const cost = this.costOf(key, value);
    if (cost > this.maxCost) return;
    this.entries.set(key, { value, cost });
    this.total += cost;
    while (this.total > this.maxCost) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
  }

  /** Forgets `key`. */
  delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.total -= entry.cost;
  }

  /** How many keys are held. */
  get size(): number {
    return this.entries.size;
  }

  /** The sum of the held entries' costs (never above the budget). */
  get cost(): number {
    return this.total;
  }
}

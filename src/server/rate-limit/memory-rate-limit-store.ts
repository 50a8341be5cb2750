/**
 * The in-process rate-limit store: GCRA (rate-limit-store.ts) over a `Map` of key → theoretical
 * arrival time. Bounded: keys are at most `KEY_MAX_LENGTH` characters (longer ones are hashed,
 * rate-limit-key.ts) and the map holds at most `maxKeys` of them, in least-recently-allowed order;
 * a full map forgets its oldest key (that client starts afresh, which only ever lets a request
 * through that would otherwise wait). Expired keys are dropped from the front as requests come,
 * so an idle key does not stay long once traffic moves on.
 */
import {
  intervalMs,
  type RateLimitDecision,
  type RateLimitRate,
  type RateLimitStore,
} from './rate-limit-store.js';

/** Options of `MemoryRateLimitStore`. */
export interface MemoryRateLimitStoreOptions extends RateLimitRate {
  /** How many keys are kept at most. */
  maxKeys: number;
  /** The clock, in milliseconds (default `performance.now`). */
  now?: () => number;
}

/** How many expired keys one request clears from the front of the map at most. */
const SWEEP_PER_REQUEST = 2;

/** GCRA per key in process memory, bounded by `maxKeys`. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly arrivals = new Map<string, number>();
  private readonly interval: number;
  private readonly tolerance: number;
  private readonly now: () => number;

  constructor(private readonly options: MemoryRateLimitStoreOptions) {
    this.interval = intervalMs(options);
    this.tolerance = this.interval * options.burst;
    this.now = options.now ?? (() => performance.now());
  }

  /** How many keys are held (for tests and diagnostics). */
  get size(): number {
    return this.arrivals.size;
  }

  take(key: string): RateLimitDecision {
    const now = this.now();
    const stored = this.arrivals.get(key);
    const next = (stored === undefined || stored < now ? now : stored) + this.interval;
    const allowedAt = next - this.tolerance;
    if (allowedAt > now) return { allowed: false, retryAfterMs: allowedAt - now };
    if (stored !== undefined) this.arrivals.delete(key);
    this.arrivals.set(key, next);
    this.sweep(now);
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Drops expired keys from the front, then the oldest keys past `maxKeys`. */
  private sweep(now: number): void {
    let swept = 0;
    for (const [key, arrival] of this.arrivals) {
      if (swept >= SWEEP_PER_REQUEST || arrival >= now) break;
      this.arrivals.delete(key);
      swept += 1;
    }
    while (this.arrivals.size > this.options.maxKeys) {
      const oldest = this.arrivals.keys().next();
      if (oldest.done) break;
      this.arrivals.delete(oldest.value);
    }
  }

  close(): Promise<void> {
    this.arrivals.clear();
    return Promise.resolve();
  }
}

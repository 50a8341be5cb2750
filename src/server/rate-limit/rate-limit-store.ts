/**
 * The contract of a rate-limit store, and the rule both stores apply: GCRA (the generic cell rate
 * algorithm), a token bucket kept as one number per key, the "theoretical arrival time" (TAT) of
 * the next request. A request at `now` is allowed when `max(TAT, now) + interval - burst × interval
 * <= now`, and then moves TAT on by one interval; a key whose TAT is in the past is as good as
 * new, so every stored key can expire at its TAT.
 *
 * @example
 * // 60 requests a minute (interval 1 s), burst 3: at t = 0 three requests pass, the fourth is
 * // refused with retryAfterMs 1000; at t = 1 s one more passes.
 */

/** The answer of a store for one request. */
export interface RateLimitDecision {
  allowed: boolean;
  /** When refused: milliseconds until a request of this key would be allowed. */
  retryAfterMs: number;
}

/** The rate a store enforces per key. */
export interface RateLimitRate {
  requestsPerMinute: number;
  burst: number;
}

/** Where the per-key state lives (process memory, Redis). */
export interface RateLimitStore {
  /** Counts one request of `key`, or refuses it. */
  take(key: string): RateLimitDecision | Promise<RateLimitDecision>;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** Milliseconds between two requests at the sustained rate. */
export function intervalMs(rate: RateLimitRate): number {
  return 60_000 / rate.requestsPerMinute;
}

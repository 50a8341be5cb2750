/**
 * The built-in rate-limit hook: an `onRequest` hook, run after the configured hooks (so the caller
 * they identify is known), that counts each request against its key (rate-limit-key.ts) in the
 * store (Redis when a URL is set, process memory otherwise) and refuses one over the limit with
 * the GraphQL error `RATE_LIMITED`, HTTP 429 and `retry-after`, before anything is parsed. When
 * the setting is off there is no hook at all, so requests pay nothing for it.
 *
 * @example
 * // HTTP 429, retry-after: 2
 * { "errors": [{ "message": "Too many requests: at most 60 a minute (bursts of 10) per caller (client address when anonymous); retry in 2 s",
 *     "extensions": { "code": "RATE_LIMITED", "requestsPerMinute": 60, "burst": 10, "by": "caller", "retryAfterSeconds": 2 } }] }
 */
import { GraphQLError } from 'graphql';
import type { RateLimitConfig } from '../config/rate-limit-config.js';
import type { GatewayHooks } from '../pipeline/gateway-hooks.js';
import { isPromiseLike } from '../pipeline/operation-cache.js';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';
import { rateLimitKey } from './rate-limit-key.js';
import type { RateLimitDecision, RateLimitStore } from './rate-limit-store.js';
import { openRedisRateLimitStore } from './redis-rate-limit-store.js';

/** A rate limiter: its hook, and how to release its store. */
export interface RateLimiter {
  hooks: GatewayHooks;
  close(): Promise<void>;
}

/** Options of `createRateLimiter`. */
export interface RateLimiterOptions {
  log?: (line: string) => void;
  /** The memory store's clock in milliseconds (tests). */
  now?: () => number;
}

/** The error a request over the limit is refused with. */
export function rateLimitedError(config: RateLimitConfig, retryAfterMs: number): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const { requestsPerMinute, burst, by } = config;
  return new GraphQLError(
    `Too many requests: at most ${requestsPerMinute} a minute (bursts of ${burst}) per ${by === 'caller' ? 'caller (client address when anonymous)' : 'client address'}; retry in ${retryAfterSeconds} s`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        requestsPerMinute,
        burst,
        by,
        retryAfterSeconds,
        http: { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
      },
    },
  );
}

/** Opens the store the settings ask for. */
async function openStore(config: RateLimitConfig, options: RateLimiterOptions): Promise<RateLimitStore> {
  const memory = new MemoryRateLimitStore({ ...config, ...(options.now ? { now: options.now } : {}) });
  if (!config.redisUrl) return memory;
  return openRedisRateLimitStore({
    ...config,
    url: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    fallback: memory,
    log: options.log ?? (() => {}),
  });
}

/** The rate limiter of the settings, or undefined when rate limiting is off. */
export async function createRateLimiter(
  config: RateLimitConfig,
  options: RateLimiterOptions = {},
): Promise<RateLimiter | undefined> {
  if (!config.enabled) return undefined;
  const store = await openStore(config, options);
  const { by, trustProxy } = config;
  const decide = (decision: RateLimitDecision): void => {
    if (!decision.allowed) throw rateLimitedError(config, decision.retryAfterMs);
  };
  const hooks: GatewayHooks = {
    name: 'rate limit',
    onRequest(request, state) {
      const decision = store.take(rateLimitKey(request, state, by, trustProxy));
      if (isPromiseLike<RateLimitDecision>(decision)) return decision.then(decide);
      decide(decision);
    },
  };
  return { hooks, close: () => store.close() };
}

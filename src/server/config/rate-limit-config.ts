/**
 * The `rateLimit` settings: optional request rate limiting per caller or client address, kept in
 * Redis when a Redis URL is set (shared by every replica) and in process memory otherwise.
 *
 * Off by default. The gateway is usually deployed behind a proxy or a backend, where every request
 * shares one client address until `trustProxy` is set, so a default-on limit per address would
 * throttle all clients together (and the benchmark, which sends from one address); a useful limit
 * depends on the deployment (who the callers are, how many replicas). When enabled, the defaults
 * are generous: 600 requests a minute per key with bursts of 100.
 *
 * @example
 * // discograph.config.json
 * { "rateLimit": { "enabled": true, "requestsPerMinute": 120, "burst": 20, "by": "caller", "trustProxy": 1 } }
 */
import { type ZodType, z } from 'zod';
import { envBoolean, envInteger, isReadingText, readSection, type SectionSources } from './config-schema.js';

/** What a request is counted against. */
export type RateLimitKeyKind = 'caller' | 'ip';

/** The `rateLimit` settings. */
export interface RateLimitConfig {
  /** Whether requests are rate limited at all. */
  enabled: boolean;
  /** The sustained rate allowed per key. */
  requestsPerMinute: number;
  /** How many requests a key may send at once before the sustained rate applies. */
  burst: number;
  /**
   * `caller`: per authenticated caller (`state.caller.id`), per client address for anonymous
   * requests; `ip`: per client address always.
   */
  by: RateLimitKeyKind;
  /**
   * How many proxies in front of the gateway append to `X-Forwarded-For`: 0 uses the socket's
   * peer address; n uses the n-th address from the right of that header (what the outermost
   * trusted proxy saw). `true` in the config file means 1.
   */
  trustProxy: number;
  /** Where the counters are kept (`redis://…`); undefined keeps them in this process's memory. */
  redisUrl?: string;
  /** Put before every Redis key, to keep apart gateways that share one Redis. */
  redisKeyPrefix: string;
  /** How many keys the in-memory store holds at most (the least recently seen is forgotten first). */
  maxKeys: number;
}

/** Defaults of the `rateLimit` settings. */
export const DEFAULT_RATE_LIMIT_CONFIG: RateLimitConfig = {
  enabled: false,
  requestsPerMinute: 600,
  burst: 100,
  by: 'caller',
  trustProxy: 0,
  redisKeyPrefix: 'discograph:ratelimit:',
  maxKeys: 100_000,
};

/** `trustProxy`: a count of proxies; `true`/`false` mean 1/0 (from the environment also `yes`/`on`…). */
function trustProxySchema(): ZodType<number> {
  const error = 'a whole number from 0 to 10 (proxies that append to X-Forwarded-For), or true/false';
  return z.preprocess(
    (value) => {
      if (typeof value === 'boolean') return Number(value);
      if (!isReadingText() || typeof value !== 'string') return value;
      if (/^(true|yes|on)$/i.test(value)) return 1;
      if (/^(false|no|off)$/i.test(value)) return 0;
      return /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    },
    z.number({ error }).int({ error }).min(0, { error }).max(10, { error }),
  );
}

/** The `rateLimit` object of the config file (and its environment variables), every key optional. */
export const RATE_LIMIT_SCHEMA = z
  .object({
    enabled: envBoolean().optional(),
    requestsPerMinute: envInteger(1, 6_000_000).optional(),
    burst: envInteger(1, 1_000_000).optional(),
    by: z.enum(['caller', 'ip']).optional(),
    trustProxy: trustProxySchema().optional(),
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\/./, { error: 'a redis:// or rediss:// URL' })
      .optional(),
    redisKeyPrefix: z.string().max(100).optional(),
    maxKeys: envInteger(1, 10_000_000).optional(),
  })
  .strict();

/** Each setting's environment variable. */
export const RATE_LIMIT_ENV: Readonly<Record<keyof RateLimitConfig, string>> = {
  enabled: 'DISCOGRAPH_RATE_LIMIT',
  requestsPerMinute: 'DISCOGRAPH_RATE_LIMIT_PER_MINUTE',
  burst: 'DISCOGRAPH_RATE_LIMIT_BURST',
  by: 'DISCOGRAPH_RATE_LIMIT_BY',
  trustProxy: 'DISCOGRAPH_TRUST_PROXY',
  redisUrl: 'REDIS_URL',
  redisKeyPrefix: 'DISCOGRAPH_RATE_LIMIT_REDIS_PREFIX',
  maxKeys: 'DISCOGRAPH_RATE_LIMIT_MAX_KEYS',
};

/** The `rateLimit` settings: defaults, then the config file, environment variables and flags, each checked. */
export function readRateLimitConfig(sources: SectionSources): RateLimitConfig {
  return readSection('rateLimit', RATE_LIMIT_SCHEMA, RATE_LIMIT_ENV, DEFAULT_RATE_LIMIT_CONFIG, sources);
}

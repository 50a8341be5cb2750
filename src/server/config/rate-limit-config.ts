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
import { ConfigError } from './config-error.js';

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

const KEYS = new Set([
  'enabled',
  'requestsPerMinute',
  'burst',
  'by',
  'trustProxy',
  'redisUrl',
  'redisKeyPrefix',
  'maxKeys',
]);

function fail(name: string, expected: string, value: unknown): never {
  throw new ConfigError(`${name} must be ${expected}, not ${JSON.stringify(value)}`, { name, value });
}

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(name, `a whole number from ${min} to ${max}`, value);
  }
  return value;
}

function parseInteger(name: string, text: string, min: number, max: number): number {
  return checkInteger(name, /^-?\d+$/.test(text.trim()) ? Number(text) : text, min, max);
}

function parseBoolean(name: string, text: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  return fail(name, 'true or false', text);
}

function checkKind(name: string, value: unknown): RateLimitKeyKind {
  if (value !== 'caller' && value !== 'ip') fail(name, '"caller" or "ip"', value);
  return value;
}

function checkRedisUrl(name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^rediss?:\/\/./.test(value)) {
    fail(
      name,
      'a redis:// or rediss:// URL',
      typeof value === 'string' ? value.replace(/:[^:@/]*@/, ':***@') : value,
    );
  }
  return value;
}

/** Checks a `rateLimit` object from the config file (or flags); only the keys it sets. */
export function checkRateLimitSettings(value: unknown): Partial<RateLimitConfig> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail('rateLimit', 'an object', value);
  }
  const given = value as Record<string, unknown>;
  const checked: Partial<RateLimitConfig> = {};
  for (const [key, setting] of Object.entries(given)) {
    const name = `rateLimit.${key}`;
    if (!KEYS.has(key)) {
      throw new ConfigError(`Unknown setting "${name}"; known: ${[...KEYS].join(', ')}`, { name });
    }
    if (setting === undefined) continue;
    if (key === 'enabled') {
      if (typeof setting !== 'boolean') fail(name, 'true or false', setting);
      checked.enabled = setting;
    } else if (key === 'requestsPerMinute') {
      checked.requestsPerMinute = checkInteger(name, setting, 1, 6_000_000);
    } else if (key === 'burst') {
      checked.burst = checkInteger(name, setting, 1, 1_000_000);
    } else if (key === 'by') {
      checked.by = checkKind(name, setting);
    } else if (key === 'trustProxy') {
      checked.trustProxy =
        typeof setting === 'boolean' ? Number(setting) : checkInteger(name, setting, 0, 10);
    } else if (key === 'redisUrl') {
      checked.redisUrl = checkRedisUrl(name, setting);
    } else if (key === 'redisKeyPrefix') {
      if (typeof setting !== 'string' || setting.length > 100)
        fail(name, 'a string of at most 100 characters', setting);
      checked.redisKeyPrefix = setting;
    } else {
      checked.maxKeys = checkInteger(name, setting, 1, 10_000_000);
    }
  }
  return checked;
}

/** The `rateLimit` settings set by environment variables. */
export function rateLimitFromEnvironment(env: NodeJS.ProcessEnv): Partial<RateLimitConfig> {
  const fromEnv: Partial<RateLimitConfig> = {};
  const read = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  const enabled = read('DISCOGRAPH_RATE_LIMIT');
  if (enabled !== undefined) fromEnv.enabled = parseBoolean('DISCOGRAPH_RATE_LIMIT', enabled);
  const perMinute = read('DISCOGRAPH_RATE_LIMIT_PER_MINUTE');
  if (perMinute !== undefined) {
    fromEnv.requestsPerMinute = parseInteger('DISCOGRAPH_RATE_LIMIT_PER_MINUTE', perMinute, 1, 6_000_000);
  }
  const burst = read('DISCOGRAPH_RATE_LIMIT_BURST');
  if (burst !== undefined) fromEnv.burst = parseInteger('DISCOGRAPH_RATE_LIMIT_BURST', burst, 1, 1_000_000);
  const by = read('DISCOGRAPH_RATE_LIMIT_BY');
  if (by !== undefined) fromEnv.by = checkKind('DISCOGRAPH_RATE_LIMIT_BY', by);
  const trustProxy = read('DISCOGRAPH_TRUST_PROXY');
  if (trustProxy !== undefined) {
    fromEnv.trustProxy = /^(true|false|yes|no|on|off)$/i.test(trustProxy)
      ? Number(parseBoolean('DISCOGRAPH_TRUST_PROXY', trustProxy))
      : parseInteger('DISCOGRAPH_TRUST_PROXY', trustProxy, 0, 10);
  }
  const redisUrl = read('REDIS_URL');
  if (redisUrl !== undefined) fromEnv.redisUrl = checkRedisUrl('REDIS_URL', redisUrl);
  const prefix = read('DISCOGRAPH_RATE_LIMIT_REDIS_PREFIX');
  if (prefix !== undefined) fromEnv.redisKeyPrefix = prefix;
  const maxKeys = read('DISCOGRAPH_RATE_LIMIT_MAX_KEYS');
  if (maxKeys !== undefined) {
    fromEnv.maxKeys = parseInteger('DISCOGRAPH_RATE_LIMIT_MAX_KEYS', maxKeys, 1, 10_000_000);
  }
  return fromEnv;
}

/** Where the `rateLimit` settings come from, lowest precedence first after the defaults. */
export interface RateLimitSources {
  file?: unknown;
  env: NodeJS.ProcessEnv;
  flags?: unknown;
}

/** The `rateLimit` settings: defaults, then the config file, environment variables and flags, each checked. */
export function readRateLimitConfig(sources: RateLimitSources): RateLimitConfig {
  return {
    ...DEFAULT_RATE_LIMIT_CONFIG,
    ...checkRateLimitSettings(sources.file),
    ...rateLimitFromEnvironment(sources.env),
    ...checkRateLimitSettings(sources.flags),
  };
}

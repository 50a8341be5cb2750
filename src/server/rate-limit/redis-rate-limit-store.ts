/**
 * The rate-limit store in Redis, shared by every replica: GCRA (rate-limit-store.ts) in one Lua
 * script, so reading and moving a key's arrival time is one atomic round trip (EVALSHA, with EVAL
 * when the server does not know the script yet). Time is Redis's own (`TIME`), in microseconds, so
 * replicas with skewed clocks agree; every key expires when it would be as good as new.
 *
 * Fail-open: while Redis is unreachable or slow (no answer within `timeoutMs`), requests are
 * counted by the `fallback` store in this process's memory instead, and one log line says so (one
 * more when Redis is back). A rate limit protects capacity; it is not an authorization, so a Redis
 * outage should not become an outage of the whole API. Each replica then limits alone, which
 * still stops a single client from flooding it.
 *
 * The client is `redis` (node-redis), the client Redis itself maintains: typed, promise-based, with
 * reconnection and per-command timeouts, and no native parts. It is imported only when a Redis
 * URL is configured.
 */
import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';
import {
  intervalMs,
  type RateLimitDecision,
  type RateLimitRate,
  type RateLimitStore,
} from './rate-limit-store.js';

/** KEYS[1]: the key; ARGV[1]: the interval and ARGV[2]: burst × interval, both in microseconds. */
const GCRA_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local stored = tonumber(redis.call('GET', KEYS[1]))
local arrival = now
if stored and stored > now then arrival = stored end
local nextArrival = arrival + interval
local allowedAt = nextArrival - tonumber(ARGV[2])
if allowedAt > now then return {0, math.ceil((allowedAt - now) / 1000)} end
redis.call('SET', KEYS[1], string.format('%.0f', nextArrival), 'PX', math.ceil((nextArrival - now) / 1000))
return {1, 0}
`;
const GCRA_SHA = createHash('sha1').update(GCRA_SCRIPT).digest('hex');

/** Options of `openRedisRateLimitStore`. */
export interface RedisRateLimitStoreOptions extends RateLimitRate {
  /** `redis://…` or `rediss://…`. */
  url: string;
  /** Put before every key (one gateway's keys apart from another's, or a test run's). */
  keyPrefix: string;
  /** Counts requests while Redis cannot. */
  fallback: RateLimitStore;
  /** Milliseconds to wait for Redis's answer before the fallback decides (default 250). */
  timeoutMs?: number;
  log: (line: string) => void;
}

/** The address of a Redis URL without its credentials, for logs. */
function redisTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 6379}`;
  } catch {
    return 'the configured Redis';
  }
}

/** GCRA per key in Redis, falling back to `fallback` while Redis is out of reach. */
class RedisRateLimitStore implements RateLimitStore {
  private readonly args: [string, string];
  private readonly timeoutMs: number;
  private readonly target: string;
  /** Whether Redis answered last time (undefined before it was first asked or connected). */
  private reachable: boolean | undefined;

  constructor(
    private readonly client: RedisClientType,
    private readonly options: RedisRateLimitStoreOptions,
  ) {
    const interval = Math.max(1, Math.round(intervalMs(options) * 1000));
    this.args = [String(interval), String(interval * options.burst)];
    this.timeoutMs = options.timeoutMs ?? 250;
    this.target = redisTarget(options.url);
    client.on('ready', () => this.markReachable());
    client.on('error', (error: Error) => this.markUnreachable(error));
  }

  take(key: string): RateLimitDecision | Promise<RateLimitDecision> {
    if (!this.client.isReady) {
      this.markUnreachable(new Error('not connected'));
      return this.options.fallback.take(key);
    }
    return this.evaluate(`${this.options.keyPrefix}${key}`).then(
      (reply) => {
        this.markReachable();
        return { allowed: reply[0] === 1, retryAfterMs: reply[1] ?? 0 };
      },
      (error: unknown) => {
        this.markUnreachable(error as Error);
        return this.options.fallback.take(key);
      },
    );
  }

  private async evaluate(key: string): Promise<number[]> {
    const options = { timeout: this.timeoutMs };
    try {
      return await this.client.sendCommand<number[]>(['EVALSHA', GCRA_SHA, '1', key, ...this.args], options);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return await this.client.sendCommand<number[]>(['EVAL', GCRA_SCRIPT, '1', key, ...this.args], options);
    }
  }

  private markReachable(): void {
    if (this.reachable === false) this.options.log(`rate limiting: Redis at ${this.target} answers again`);
    this.reachable = true;
  }

  private markUnreachable(error: Error): void {
    if (this.reachable === false) return;
    this.reachable = false;
    const reason = error.message || error.name || String(error);
    this.options.log(
      `rate limiting: Redis at ${this.target} is unreachable or slow (${reason}); requests are counted in this process's memory until it answers again`,
    );
  }

  async close(): Promise<void> {
    this.client.destroy();
    await this.options.fallback.close();
  }
}

/** Opens a Redis store for `options.url`; it serves (from the fallback) at once, before Redis answers. */
export async function openRedisRateLimitStore(options: RedisRateLimitStoreOptions): Promise<RateLimitStore> {
  // `redis` is CommonJS: in the bundled CLI its exports are the namespace's default.
  const redis = (await import('redis')) as typeof import('redis') & { default?: typeof import('redis') };
  const { createClient } = redis.default ?? redis;
  const client = createClient({
    url: options.url,
    // A command while disconnected fails at once (and the fallback counts it) instead of queueing.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000),
    },
  }) as RedisClientType;
  const store = new RedisRateLimitStore(client, options);
  client.connect().catch(() => {
    // Reported through the client's 'error' event; reconnection goes on.
  });
  return store;
}

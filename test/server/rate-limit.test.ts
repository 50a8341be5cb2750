import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMIT_CONFIG,
  type RateLimitConfig,
} from '../../src/server/config/rate-limit-config.js';
import { ConfigError, DEFAULT_CONFIG, type GatewayConfig, loadConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import type { GatewayRequest, RequestState } from '../../src/server/pipeline/gateway-hooks.js';
import { MemoryRateLimitStore } from '../../src/server/rate-limit/memory-rate-limit-store.js';
import { createRateLimiter } from '../../src/server/rate-limit/rate-limit-hook.js';
import { clientAddress, KEY_MAX_LENGTH, rateLimitKey } from '../../src/server/rate-limit/rate-limit-key.js';
import { openRedisRateLimitStore } from '../../src/server/rate-limit/redis-rate-limit-store.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import type { ResponseData } from '../support/json.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every key this run writes starts with it, so runs (and other users of the shared Redis) never meet. */
const PREFIX = `discograph-test:rate-limit:${randomUUID()}:`;

function request(options: { remoteAddress?: string; forwardedFor?: string } = {}): GatewayRequest {
  return {
    method: 'POST',
    url: '/graphql',
    remoteAddress: options.remoteAddress ?? '192.0.2.1',
    header: (name) => (name === 'x-forwarded-for' ? options.forwardedFor : undefined),
  };
}

function stateOf(callerId?: string): RequestState {
  return {
    ...(callerId === undefined
      ? {}
      : { caller: { id: callerId, roles: [], claims: {}, authenticated: true } }),
    attributes: new Map(),
  };
}

function settings(overrides: Partial<RateLimitConfig>): RateLimitConfig {
  return { ...DEFAULT_RATE_LIMIT_CONFIG, enabled: true, ...overrides };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the in-memory rate-limit store', () => {
  it('allows a burst, refuses the next request until one interval passed, then allows one more', () => {
    let now = 1_000;
    const store = new MemoryRateLimitStore({ requestsPerMinute: 60, burst: 3, maxKeys: 10, now: () => now });
    expect([1, 2, 3].map(() => store.take('a').allowed)).toEqual([true, true, true]);
    expect(store.take('a')).toEqual({ allowed: false, retryAfterMs: 1_000 });
    now += 400;
    expect(store.take('a')).toEqual({ allowed: false, retryAfterMs: 600 });
    now += 600;
    expect(store.take('a').allowed).toBe(true);
    expect(store.take('a').allowed).toBe(false);
    expect(store.take('b').allowed).toBe(true);
  });

  it('lets a key that waited a whole burst of intervals send a whole burst again', () => {
    let now = 0;
    const store = new MemoryRateLimitStore({ requestsPerMinute: 600, burst: 2, maxKeys: 10, now: () => now });
    expect([1, 2, 3].map(() => store.take('a').allowed)).toEqual([true, true, false]);
    now += 200;
    expect([1, 2, 3].map(() => store.take('a').allowed)).toEqual([true, true, false]);
  });

  it('never holds more than maxKeys keys, however many distinct keys clients send', () => {
    const store = new MemoryRateLimitStore({ requestsPerMinute: 60, burst: 5, maxKeys: 100, now: () => 0 });
    for (let index = 0; index < 10_000; index += 1) store.take(`ip:198.51.100.${index}`);
    expect(store.size).toBe(100);
  });

  it('drops expired keys as later requests come', () => {
    let now = 0;
    const store = new MemoryRateLimitStore({ requestsPerMinute: 60, burst: 5, maxKeys: 100, now: () => now });
    for (let index = 0; index < 10; index += 1) store.take(`old-${index}`);
    now += 60_000;
    for (let index = 0; index < 5; index += 1) store.take(`new-${index}`);
    expect(store.size).toBe(5);
  });
});

describe('the key a request is counted against', () => {
  it('is the caller when one is identified, and the client address otherwise', () => {
    expect(rateLimitKey(request(), stateOf('ada'), 'caller', 0)).toBe('caller:ada');
    expect(rateLimitKey(request(), stateOf(), 'caller', 0)).toBe('ip:192.0.2.1');
    expect(rateLimitKey(request(), stateOf('ada'), 'ip', 0)).toBe('ip:192.0.2.1');
  });

  it('reads X-Forwarded-For only behind trusted proxies, counting hops from the right', () => {
    const forwarded = request({ remoteAddress: '10.0.0.9', forwardedFor: '6.6.6.6, 203.0.113.7, 10.0.0.2' });
    expect(clientAddress(forwarded, 0)).toBe('10.0.0.9');
    expect(clientAddress(forwarded, 1)).toBe('10.0.0.2');
    expect(clientAddress(forwarded, 2)).toBe('203.0.113.7');
    expect(clientAddress(forwarded, 9)).toBe('6.6.6.6');
    expect(clientAddress(request({ remoteAddress: '10.0.0.9' }), 1)).toBe('10.0.0.9');
  });

  it('has a bounded length whatever the caller id or header holds', () => {
    const key = rateLimitKey(request({ forwardedFor: 'x'.repeat(100_000) }), stateOf(), 'ip', 1);
    expect(key.length).toBeLessThanOrEqual(KEY_MAX_LENGTH);
    const other = rateLimitKey(request({ forwardedFor: `${'x'.repeat(99_999)}y` }), stateOf(), 'ip', 1);
    expect(other).not.toBe(key);
  });
});

describe('the Redis rate-limit store', () => {
  const redis = createClient({ url: REDIS_URL });

  beforeAll(async () => {
    await redis.connect();
  });
  afterAll(async () => {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(keys);
    redis.destroy();
  });

  async function open(overrides: { requestsPerMinute: number; burst: number }, log: string[] = []) {
    const fallback = new MemoryRateLimitStore({ ...overrides, maxKeys: 100 });
    const store = await openRedisRateLimitStore({
      ...overrides,
      url: REDIS_URL,
      keyPrefix: PREFIX,
      fallback,
      log: (line) => log.push(line),
    });
    for (let attempt = 0; attempt < 50; attempt += 1) {
      // Connected once a probe key is counted by Redis (not by the fallback).
      await store.take(`probe-${attempt}`);
      if ((await redis.exists(`${PREFIX}probe-${attempt}`)) === 1) return store;
      await sleep(20);
    }
    throw new Error('the store never reached Redis');
  }

  it('allows a burst, refuses the next with the wait, and allows again after one interval', async () => {
    const store = await open({ requestsPerMinute: 600, burst: 2 });
    try {
      const key = `burst-${randomUUID()}`;
      const first = await Promise.all([store.take(key), store.take(key), store.take(key)]);
      expect(first.map((decision) => decision.allowed).sort()).toEqual([false, true, true]);
      const refused = first.find((decision) => !decision.allowed);
      expect(refused?.retryAfterMs).toBeGreaterThan(0);
      expect(refused?.retryAfterMs).toBeLessThanOrEqual(100);
      await sleep(120);
      expect((await store.take(key)).allowed).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('shares one count between replicas, and each key expires when it is as good as new', async () => {
    const rate = { requestsPerMinute: 60, burst: 3 };
    const [replicaA, replicaB] = [await open(rate), await open(rate)];
    try {
      const key = `shared-${randomUUID()}`;
      const decisions = [];
      for (const store of [replicaA, replicaB, replicaA, replicaB]) decisions.push(await store.take(key));
      expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
      const ttl = await redis.pTTL(`${PREFIX}${key}`);
      expect(ttl).toBeGreaterThan(2_000);
      expect(ttl).toBeLessThanOrEqual(3_000);
    } finally {
      await Promise.all([replicaA.close(), replicaB.close()]);
    }
  });

  it('counts in memory, with one log line, while Redis is unreachable (fail-open)', async () => {
    const log: string[] = [];
    const rate = { requestsPerMinute: 60, burst: 2 };
    const store = await openRedisRateLimitStore({
      ...rate,
      url: 'redis://127.0.0.1:1',
      keyPrefix: PREFIX,
      fallback: new MemoryRateLimitStore({ ...rate, maxKeys: 100 }),
      log: (line) => log.push(line),
    });
    try {
      const decisions = [];
      for (let index = 0; index < 3; index += 1) decisions.push(await store.take('down'));
      expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
      await sleep(300);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatch(
        /Redis at 127\.0\.0\.1:1 is unreachable or slow \(.+\); requests are counted in this process's memory/,
      );
    } finally {
      await store.close();
    }
  });
});

function configFor(overrides: Partial<GatewayConfig>): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    databaseUrl: CHINOOK_PG_URL,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-rate-limit-')),
    ...overrides,
  };
}

async function post(gateway: RunningGateway, headers: Record<string, string> = {}) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: '{ tracks(limit: 1) { name } }' }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as ResponseData,
  };
}

describe.each([
  { store: 'memory', redisUrl: undefined },
  { store: 'Redis', redisUrl: REDIS_URL },
])('a gateway rate limited in $store', ({ redisUrl }) => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const rateLimit = settings({
      requestsPerMinute: 6,
      burst: 2,
      redisKeyPrefix: `${PREFIX}${randomUUID()}:`,
      ...(redisUrl ? { redisUrl } : {}),
    });
    gateway = await startGateway(configFor({ rateLimit }), {
      hooks: [
        {
          name: 'identity',
          onRequest(request, state) {
            const caller = request.header('x-caller');
            if (caller) state.caller = { id: caller, roles: [], claims: {}, authenticated: true };
          },
        },
      ],
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('refuses requests over the limit with RATE_LIMITED, HTTP 429 and retry-after, on both HTTP paths', async () => {
    const caller = { 'x-caller': `over-${randomUUID()}` };
    // Redis may still be connecting for the first request: it is then counted in memory.
    await sleep(100);
    expect((await post(gateway, caller)).status).toBe(200);
    expect((await post(gateway, caller)).status).toBe(200);
    const refused = await post(gateway, caller);
    expect(refused.status).toBe(429);
    // The third request may come up to a few seconds after the first on a busy machine.
    const { retryAfterSeconds } = refused.body.errors[0].extensions;
    expect(retryAfterSeconds).toBeGreaterThan(5);
    expect(retryAfterSeconds).toBeLessThanOrEqual(10);
    expect(refused.retryAfter).toBe(String(retryAfterSeconds));
    expect(refused.body.errors[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      requestsPerMinute: 6,
      burst: 2,
      by: 'caller',
      retryAfterSeconds,
    });
    expect(refused.body.data).toBeUndefined();
    // An Origin header sends the request through yoga instead of the fast path.
    const throughYoga = await post(gateway, { ...caller, origin: 'http://example.com' });
    expect(throughYoga.status).toBe(429);
    expect(Number(throughYoga.retryAfter)).toBeGreaterThan(5);
    expect(throughYoga.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('counts each caller apart, and anonymous requests by client address', async () => {
    const [ada, grace] = [{ 'x-caller': `ada-${randomUUID()}` }, { 'x-caller': `grace-${randomUUID()}` }];
    const statuses = [];
    for (const caller of [ada, ada, ada, grace, grace]) statuses.push((await post(gateway, caller)).status);
    expect(statuses).toEqual([200, 200, 429, 200, 200]);
    const anonymous = [];
    for (let index = 0; index < 3; index += 1) anonymous.push((await post(gateway)).status);
    expect(anonymous).toEqual([200, 200, 429]);
  });
});

describe('the rateLimit settings', () => {
  const cwd = () => mkdtempSync(path.join(os.tmpdir(), 'discograph-rate-limit-config-'));

  it('are off by default, so a gateway has no rate-limit hook', async () => {
    const config = loadConfig({ env: {}, cwd: cwd() });
    expect(config.rateLimit).toEqual(DEFAULT_RATE_LIMIT_CONFIG);
    expect(config.rateLimit.enabled).toBe(false);
    expect(await createRateLimiter(config.rateLimit)).toBeUndefined();
  });

  it('are read from the config file, and environment variables override it setting by setting', () => {
    const dir = cwd();
    writeFileSync(
      path.join(dir, 'discograph.config.json'),
      JSON.stringify({ rateLimit: { enabled: true, requestsPerMinute: 30, burst: 7, trustProxy: true } }),
    );
    const config = loadConfig({
      env: {
        DISCOGRAPH_RATE_LIMIT_PER_MINUTE: '120',
        DISCOGRAPH_RATE_LIMIT_BY: 'ip',
        REDIS_URL: 'redis://cache:6379',
      },
      cwd: dir,
    });
    expect(config.rateLimit).toEqual({
      ...DEFAULT_RATE_LIMIT_CONFIG,
      enabled: true,
      requestsPerMinute: 120,
      burst: 7,
      by: 'ip',
      trustProxy: 1,
      redisUrl: 'redis://cache:6379',
    });
  });

  it('refuse a wrong value with a ConfigError naming the setting', () => {
    expect(() => loadConfig({ env: { DISCOGRAPH_RATE_LIMIT_BURST: '0' }, cwd: cwd() })).toThrow(
      'environment: "DISCOGRAPH_RATE_LIMIT_BURST" is "0"; expected a whole number from 1 to 1000000',
    );
    expect(() => loadConfig({ env: { DISCOGRAPH_RATE_LIMIT_BY: 'user' }, cwd: cwd() })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { REDIS_URL: 'http://cache' }, cwd: cwd() })).toThrow(
      'environment: "REDIS_URL" is "http://cache"; expected a redis:// or rediss:// URL',
    );
    expect(() =>
      loadConfig({
        env: {},
        cwd: cwd(),
        overrides: { rateLimit: { requestsPerMinute: 'many' } as unknown as RateLimitConfig },
      }),
    ).toThrow('flag: "rateLimit.requestsPerMinute" is "many"; expected a whole number from 1 to 6000000');
  });
});

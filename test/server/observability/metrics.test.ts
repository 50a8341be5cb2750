import { mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_METRICS_CONFIG, type GatewayConfig } from '../../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../../src/server/gateway.js';
import { mayReadMetrics } from '../../../src/server/observability/metrics-endpoint.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from '../../support/databases.js';

function configFor(overrides: Partial<GatewayConfig>): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-metrics-')),
    ...overrides,
  };
}

async function post(gateway: RunningGateway, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

async function metricsText(gateway: RunningGateway, headers: Record<string, string> = {}) {
  const response = await fetch(gateway.url.replace('/graphql', '/metrics'), { headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of the sample `name{labels}` in a Prometheus text, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each([
  { database: 'PostgreSQL', url: CHINOOK_PG_URL },
  { database: 'MySQL', url: CHINOOK_MYSQL_URL },
])('/metrics on $database', ({ url }) => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(configFor({ databaseUrl: url }));
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('counts requests by operation and outcome (documents that fail validation too), their latency, statements, errors by code, the pool, startup phases and the process', async () => {
    for (let round = 0; round < 3; round += 1) {
      await post(gateway, 'query Cheap { tracks(limit: 2) { name album { title } } }');
    }
    await post(gateway, 'query Big($n: Int) { tracks(limit: $n) { name } }', { n: 5000 });
    await post(gateway, 'query Broken { tracks(limit: 1) { nope } }');
    const { status, type, text } = await metricsText(gateway);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(sample(text, 'discograph_requests_total{operation="Cheap",type="query",outcome="success"}')).toBe(
      3,
    );
    expect(sample(text, 'discograph_requests_total{operation="Big",type="query",outcome="error"}')).toBe(1);
    expect(
      sample(
        text,
        'discograph_request_duration_seconds_count{operation="Cheap",type="query",outcome="success"}',
      ),
    ).toBe(3);
    expect(sample(text, 'discograph_errors_total{code="PAGE_SIZE_EXCEEDED"}')).toBe(1);
    // A document that fails validation is a request too: nothing ran (type "none"), no statement.
    expect(sample(text, 'discograph_requests_total{operation="Broken",type="none",outcome="error"}')).toBe(1);
    expect(sample(text, 'discograph_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(sample(text, 'discograph_request_statements_count')).toBe(5);
    expect(sample(text, 'discograph_request_statements_sum')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'discograph_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'discograph_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'discograph_pool_connections{state="waiting"}')).toBe(0);
    expect(sample(text, 'discograph_pool_connections{state="max"}')).toBe(10);
    expect(sample(text, 'discograph_startup_phase_seconds{phase="catalog"}')).toBeGreaterThan(0);
    expect(sample(text, 'discograph_startup_phase_seconds{phase="models"}')).toBeGreaterThan(0);
    expect(sample(text, 'discograph_startup_phase_seconds{phase="schema"}')).toBeGreaterThan(0);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('who may read /metrics', () => {
  const from = (remoteAddress: string, authorization?: string) =>
    ({
      headers: authorization ? { authorization } : {},
      socket: { remoteAddress },
    }) as unknown as IncomingMessage;

  it('allows loopback addresses by default, others only with the token or with access "any"', () => {
    const token = 'a-long-enough-metrics-token';
    expect(mayReadMetrics(from('127.0.0.1'), DEFAULT_METRICS_CONFIG)).toBe(true);
    expect(mayReadMetrics(from('::1'), DEFAULT_METRICS_CONFIG)).toBe(true);
    expect(mayReadMetrics(from('10.1.2.3'), DEFAULT_METRICS_CONFIG)).toBe(false);
    expect(mayReadMetrics(from('10.1.2.3', `Bearer ${token}`), { access: 'local', token })).toBe(true);
    expect(mayReadMetrics(from('10.1.2.3', 'Bearer wrong'), { access: 'local', token })).toBe(false);
    expect(mayReadMetrics(from('10.1.2.3'), { access: 'any' })).toBe(true);
  });

  it('serves no /metrics when metrics are off', async () => {
    const gateway = await startGateway(
      configFor({ databaseUrl: CHINOOK_PG_URL, metrics: { ...DEFAULT_METRICS_CONFIG, enabled: false } }),
    );
    try {
      expect((await metricsText(gateway)).status).not.toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});

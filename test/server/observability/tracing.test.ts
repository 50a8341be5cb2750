import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../../src/server/gateway.js';
import { tracingRequested } from '../../../src/server/observability/tracing.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from '../../support/databases.js';

const NESTED = `query Nested($artist: String) {
  artists(where: { name: { eq: $artist } }) { name albums(limit: 2) { title tracks(limit: 2) { name } } }
}`;

/**
 * Refuses a request with `x-token: bad`, as an identity hook refuses a bad token, and fails the
 * context of one with `x-break` (an internal error).
 */
const refuseBadTokens = {
  name: 'test-tokens',
  onRequest(request: { header(name: string): string | undefined }) {
    if (request.header('x-token') === 'bad') {
      throw new GraphQLError('The token is not valid', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
  },
  onContext(_context: unknown, request: { header(name: string): string | undefined }) {
    if (request.header('x-break')) throw new Error('the context broke');
  },
};

describe.each([
  { database: 'PostgreSQL', url: CHINOOK_PG_URL, system: 'postgresql' },
  { database: 'MySQL', url: CHINOOK_MYSQL_URL, system: 'mysql' },
])('the spans of a nested query on $database', ({ url, system }) => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(
      {
        ...DEFAULT_CONFIG,
        databaseUrl: url,
        port: 0,
        cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-tracing-')),
      },
      { tracer: provider.getTracer('test'), hooks: [refuseBadTokens] },
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await provider.shutdown();
  });

  it('has a request span with prepare and execute under it, and a span per statement under execute with its field path and no bound value', async () => {
    exporter.reset();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: NESTED, variables: { artist: 'AC/DC' } }),
    });
    const body = (await response.json()) as { data: { artists: { albums: unknown[] }[] } };
    expect(body.data.artists[0]?.albums).toHaveLength(2);
    const spans = exporter.getFinishedSpans();
    const byName = (name: string) => spans.filter((span) => span.name === name);
    const [request] = byName('query Nested') as [ReadableSpan];
    const [prepare] = byName('graphql.prepare') as [ReadableSpan];
    const [execute] = byName('graphql.execute') as [ReadableSpan];
    expect(request.parentSpanContext).toBeUndefined();
    expect(request.attributes).toMatchObject({
      'graphql.operation.name': 'Nested',
      'graphql.operation.type': 'query',
    });
    expect(prepare.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(execute.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    const statements = byName('db.statement');
    expect(statements.length).toBeGreaterThanOrEqual(1);
    for (const statement of statements) {
      expect(statement.parentSpanContext?.spanId).toBe(execute.spanContext().spanId);
      expect(statement.attributes['db.system']).toBe(system);
      expect(String(statement.attributes['db.statement'])).toMatch(/^SELECT /i);
      expect(String(statement.attributes['db.statement'])).not.toContain('AC/DC');
    }
    const paths = statements.map((statement) => statement.attributes['discograph.field_path']);
    expect(paths[0]).toBe('artists');
    for (const fieldPath of paths) {
      expect(['artists', 'artists.albums', 'artists.albums.tracks']).toContain(fieldPath);
    }
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
  });

  it('ends the request span of a document that fails validation, marked with its error code', async () => {
    exporter.reset();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Broken { artists(limit: 1) { nope } }' }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const spans = exporter.getFinishedSpans();
    const request = spans.find((span) => span.parentSpanContext === undefined) as ReadableSpan;
    expect(request.attributes['graphql.error.codes']).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(request.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans.map((span) => span.name).sort()).toEqual(['graphql.prepare', 'graphql.request']);
    expect(spans.filter((span) => span.name === 'db.statement')).toHaveLength(0);
  });

  it.each([
    { why: 'an onRequest hook refuses', header: 'x-token', status: 401, code: 'UNAUTHENTICATED' },
    { why: 'whose context fails', header: 'x-break', status: 500, code: 'INTERNAL_SERVER_ERROR' },
  ])(
    'ends the request span of a request $why, marked with its error code',
    async ({ header, status, code }) => {
      exporter.reset();
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [header]: 'bad' },
        body: JSON.stringify({ query: '{ artists(limit: 1) { name } }' }),
      });
      expect(response.status).toBe(status);
      await vi.waitFor(() =>
        expect(exporter.getFinishedSpans().map((span) => span.name)).toContain('graphql.request'),
      );
      const spans = exporter.getFinishedSpans();
      const request = spans.find((span) => span.parentSpanContext === undefined) as ReadableSpan;
      expect(request.attributes['graphql.error.codes']).toEqual([code]);
      expect(request.status.code).toBe(SpanStatusCode.ERROR);
      expect(spans.map((span) => span.name).sort()).toEqual(['graphql.prepare', 'graphql.request']);
    },
  );
});

describe('tracing switches', () => {
  it('is on only when the OTEL_* variables ask for an exporter', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x' })).toBe(
      false,
    );
  });
});

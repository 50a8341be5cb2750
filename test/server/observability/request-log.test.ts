import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../../src/server/gateway.js';
import type { GatewayHooks } from '../../../src/server/pipeline/gateway-hooks.js';
import { sha256Hex } from '../../../src/server/trusted-documents/operation-documents.js';
import { CHINOOK_PG_URL } from '../../support/databases.js';
import { memoryLogger } from '../../support/memory-logger.js';

/** Identifies the caller from `x-caller` (an authenticated caller) and fails the context on `x-break`. */
const callerHooks: GatewayHooks = {
  name: 'test-caller',
  onRequest(request, state) {
    const caller = request.header('x-caller');
    if (caller)
      state.caller = { id: caller, roles: ['reader'], claims: { sub: caller }, authenticated: true };
  },
  onContext(_context, request) {
    if (request.header('x-break')) throw new Error('the context broke, password=hunter2');
  },
};

function configFor(overrides: Partial<GatewayConfig>): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    databaseUrl: CHINOOK_PG_URL,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-observe-')),
    ...overrides,
  };
}

async function post(gateway: RunningGateway, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe.each([
  { path: 'the fast path', httpFastPath: true },
  { path: 'yoga', httpFastPath: false },
])('the request log on $path', ({ httpFastPath }) => {
  let gateway: RunningGateway;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    gateway = await startGateway(configFor({ httpFastPath }), {
      logger: await memoryLogger(lines),
      hooks: [callerHooks],
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('writes one JSON line per request with operation, document hash, duration, statements, rows, status and caller', async () => {
    const query =
      'query TwoAlbums { albums(limit: 2, order: [ALBUM_ID_ASC]) { title tracks(limit: 2) { name } } }';
    const before = lines.length;
    const answer = await post(
      gateway,
      { query, operationName: 'TwoAlbums' },
      { 'x-caller': 'ada', 'x-request-id': 'req-7' },
    );
    expect(answer.status).toBe(200);
    await settle();
    const logged = lines.slice(before).filter((line) => line.msg === 'request');
    expect(logged).toHaveLength(1);
    const line = logged[0] as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 30,
      msg: 'request',
      operation: 'TwoAlbums',
      type: 'query',
      documentHash: sha256Hex(query),
      status: 200,
      outcome: 'success',
      callerId: 'ada',
      requestId: 'req-7',
    });
    expect(line.statements).toBeGreaterThanOrEqual(1);
    expect(line.rows).toBeGreaterThanOrEqual(2);
    expect(line.durationMs).toBeGreaterThan(0);
    expect(line).not.toHaveProperty('errorCodes');
  });

  it('names the error codes of a refused operation and leaves out the caller id when anonymous', async () => {
    const before = lines.length;
    const answer = await post(gateway, {
      query: 'query ($size: Int) { tracks(limit: $size) { name } }',
      variables: { size: 5000 },
    });
    expect(answer.body.errors[0].extensions.code).toBe('PAGE_SIZE_EXCEEDED');
    await settle();
    const line = lines.slice(before).find((entry) => entry.msg === 'request') as Record<string, unknown>;
    expect(line).toMatchObject({
      operation: 'anonymous',
      outcome: 'error',
      errorCodes: ['PAGE_SIZE_EXCEEDED'],
    });
    expect(line.statements).toBe(0);
    expect(line).not.toHaveProperty('callerId');
  });

  it('logs a document that fails validation as a request of type none, with its error code and HTTP status', async () => {
    const query = 'query Broken { albums(limit: 1) { nope } }';
    const before = lines.length;
    const answer = await post(gateway, { query, operationName: 'Broken' }, { 'x-request-id': 'req-bad' });
    expect(answer.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await settle();
    const logged = lines.slice(before).filter((line) => line.msg === 'request');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      operation: 'Broken',
      type: 'none',
      documentHash: sha256Hex(query),
      statements: 0,
      rows: 0,
      status: answer.status,
      outcome: 'error',
      errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
      requestId: 'req-bad',
    });
  });

  it('logs a document that fails to parse once, with its error code', async () => {
    const before = lines.length;
    const answer = await post(gateway, { query: '{ albums(limit: 1) { title }' });
    expect(answer.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    await settle();
    const logged = lines.slice(before).filter((line) => line.msg === 'request');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      operation: 'anonymous',
      type: 'none',
      status: answer.status,
      outcome: 'error',
      errorCodes: ['GRAPHQL_PARSE_FAILED'],
    });
  });

  it('logs an internal error once, machine-readable, with the correlation id the client received and no secret', async () => {
    const before = lines.length;
    const answer = await post(gateway, { query: '{ albums(limit: 1) { title } }' }, { 'x-break': '1' });
    const correlationId = answer.body.errors[0].extensions.correlationId as string;
    expect(answer.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    await settle();
    const errors = lines.slice(before).filter((line) => line.msg === 'internal error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ level: 50, correlationId, err: { type: 'Error' } });
    const err = (errors[0] as { err: { message: string; stack: string } }).err;
    expect(err.message).toBe('the context broke, password=[redacted]');
    expect(err.stack).not.toContain('hunter2');
  });
});

describe('redaction', () => {
  it('removes authorization headers, passwords, JWTs and URL passwords from fields and messages', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = await memoryLogger(lines);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl';
    logger.info(
      { req: { headers: { authorization: `Bearer ${jwt}`, accept: 'application/json' } }, password: 'pw' },
      `connected to postgres://app:s3cret@db:5432/app with token ${jwt}`,
    );
    logger.warn(`retrying mysql://root:toor@10.0.0.2/shop; header Authorization: Bearer abc.def`);
    await settle();
    const text = JSON.stringify(lines);
    for (const secret of [jwt, 's3cret', 'toor', 'abc.def', '"pw"']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: '[redacted]', accept: 'application/json' } },
      password: '[redacted]',
      msg: 'connected to postgres://app:***@db:5432/app with token [redacted]',
    });
    expect(lines[1]?.msg).toBe(
      'retrying mysql://root:***@10.0.0.2/shop; header Authorization: Bearer [redacted]',
    );
  });
});

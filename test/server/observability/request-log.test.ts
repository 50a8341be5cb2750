import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../../src/server/gateway.js';
import type { GatewayHooks } from '../../../src/server/pipeline/gateway-hooks.js';
import { sha256Hex } from '../../../src/server/trusted-documents/operation-documents.js';
import { CHINOOK_PG_URL } from '../../support/databases.js';
import { memoryLogger } from '../../support/memory-logger.js';

/**
 * Identifies the caller from `x-caller` (an authenticated caller), refuses `x-token: bad` as a
 * bad token would be, fails (an internal error) on `x-token: crash`, and fails the context on
 * `x-break`.
 */
const callerHooks: GatewayHooks = {
  name: 'test-caller',
  onRequest(request, state) {
    if (request.header('x-token') === 'crash') throw new Error('the token store broke, password=hunter2');
    if (request.header('x-token') === 'bad') {
      throw new GraphQLError('The token is not valid', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
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

/** The request lines logged after the first `before` lines, once there are `count` of them. */
async function requestLines(lines: Record<string, unknown>[], before: number, count = 1) {
  const logged = () => lines.slice(before).filter((line) => line.msg === 'request');
  await vi.waitFor(() => expect(logged().length).toBeGreaterThanOrEqual(count));
  await settle();
  return logged();
}

/** The body of an answer with errors. */
interface RefusedAnswer {
  errors: { message: string; extensions: { code: string } }[];
}

/** Posts `body` as it is (a body that is not JSON, one too large). */
async function postRaw(gateway: RunningGateway, body: string) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as RefusedAnswer };
}

/**
 * Posts a body of `bytes` bytes in chunks (no Content-Length) on a connection of its own, closed
 * after the answer: the answer comes before the body ends, and what becomes of the connection then
 * (kept on the fast path, closed on yoga) is for the HTTP server's tests, not the log's.
 */
function postChunked(
  gateway: RunningGateway,
  bytes: number,
): Promise<{ status: number; body: RefusedAnswer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(gateway.url, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        connection: 'close',
      },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        request.destroy();
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as RefusedAnswer,
        });
      });
    });
    // The server may answer and stop reading before the last chunk: that is the point.
    request.on('error', (error) => (request.writableEnded ? undefined : reject(error)));
    const chunk = Buffer.alloc(1024, ' ');
    for (let sent = 0; sent < bytes; sent += chunk.length) request.write(chunk);
    request.end();
  });
}

/** The request body limit of the gateways below (small, to refuse a body cheaply). */
const BODY_LIMIT = 16 * 1024;

describe.each([
  { path: 'the fast path', httpFastPath: true },
  { path: 'yoga', httpFastPath: false },
])('the request log on $path', ({ httpFastPath }) => {
  let gateway: RunningGateway;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    gateway = await startGateway(configFor({ httpFastPath, maxRequestBodyBytes: BODY_LIMIT }), {
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
    const logged = await requestLines(lines, before);
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
    const line = (await requestLines(lines, before))[0] as Record<string, unknown>;
    expect(line).toMatchObject({
      operation: 'anonymous',
      outcome: 'error',
      errorCodes: ['PAGE_SIZE_EXCEEDED'],
    });
    expect(line.statements).toBe(0);
    expect(line).not.toHaveProperty('callerId');
  });

  it.each([
    {
      why: 'a document that fails validation',
      query: 'query Broken { albums(limit: 1) { nope } }',
      name: 'Broken',
      headers: { 'x-request-id': 'req-bad' } as Record<string, string>,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      why: 'an onRequest hook (a bad token)',
      query: 'query Mine { albums(limit: 1) { title } }',
      name: 'Mine',
      headers: { 'x-token': 'bad', 'x-request-id': 'req-401' },
      code: 'UNAUTHENTICATED',
      status: 401,
    },
  ])(
    'logs a request refused by $why as a request of type none, with its error code, HTTP status and duration',
    async ({ query, name, headers, code, status }) => {
      const before = lines.length;
      const answer = await post(gateway, { query, operationName: name }, headers);
      if (status !== undefined) expect(answer.status).toBe(status);
      expect(answer.body.errors[0].extensions.code).toBe(code);
      const logged = await requestLines(lines, before);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        operation: name,
        type: 'none',
        documentHash: sha256Hex(query),
        statements: 0,
        rows: 0,
        status: answer.status,
        outcome: 'error',
        errorCodes: [code],
        requestId: headers['x-request-id'],
      });
      expect(logged[0]?.durationMs).toEqual(expect.any(Number));
      expect(logged[0]).not.toHaveProperty('callerId');
    },
  );

  it('logs a document that fails to parse once, with its error code', async () => {
    const before = lines.length;
    const answer = await post(gateway, { query: '{ albums(limit: 1) { title }' });
    expect(answer.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const logged = await requestLines(lines, before);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      operation: 'anonymous',
      type: 'none',
      status: answer.status,
      outcome: 'error',
      errorCodes: ['GRAPHQL_PARSE_FAILED'],
    });
  });

  it.each([
    {
      body: 'declared larger than the limit',
      status: 413,
      send: () => postRaw(gateway, 'x'.repeat(BODY_LIMIT + 1)),
    },
    {
      body: 'sent in chunks past the limit',
      status: 413,
      send: () => postChunked(gateway, BODY_LIMIT + 4096),
    },
    {
      body: 'that is not JSON',
      status: 400,
      send: () => postRaw(gateway, '{"query": "{ albums { title } }"'),
    },
  ])(
    'logs a body $body as a refused request with its status $status and no document hash',
    async ({ send, status }) => {
      const before = lines.length;
      const answer = await send();
      expect(answer.status).toBe(status);
      const logged = await requestLines(lines, before);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        operation: 'anonymous',
        type: 'none',
        status,
        outcome: 'error',
        errorCodes: [answer.body.errors[0]?.extensions.code],
      });
      expect(logged[0]).not.toHaveProperty('documentHash');
    },
  );

  it.each([
    {
      where: 'the context (an onContext hook)',
      headers: { 'x-break': '1' } as Record<string, string>,
      message: 'the context broke',
    },
    { where: 'an onRequest hook', headers: { 'x-token': 'crash' }, message: 'the token store broke' },
  ])(
    'logs an internal error in $where once, machine-readable, with the correlation id the client received (also on its request line) and no secret',
    async ({ headers, message }) => {
      const before = lines.length;
      const query = 'query Broken { albums(limit: 1) { title } }';
      const answer = await post(gateway, { query, operationName: 'Broken' }, headers);
      expect(JSON.stringify(answer.body)).not.toContain('broke');
      const correlationId = answer.body.errors[0].extensions.correlationId as string;
      expect(answer.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
      // Its operation never ran: a line of type none, with the id the client quotes.
      const logged = await requestLines(lines, before);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        operation: 'Broken',
        type: 'none',
        documentHash: sha256Hex(query),
        status: answer.status,
        outcome: 'error',
        errorCodes: ['INTERNAL_SERVER_ERROR'],
        correlationIds: [correlationId],
      });
      const errors = lines.slice(before).filter((line) => line.msg === 'internal error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ level: 50, correlationId, err: { type: 'Error' } });
      const err = (errors[0] as { err: { message: string; stack: string } }).err;
      expect(err.message).toBe(`${message}, password=[redacted]`);
      expect(err.stack).not.toContain('hunter2');
    },
  );
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

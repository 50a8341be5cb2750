import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GraphQLError, type ValidationRule } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import type { GatewayHooks, ResultEvent } from '../../src/server/pipeline/gateway-hooks.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import type { ResponseData } from '../support/json.js';

/** What the hooks of one gateway saw. */
interface Seen {
  requests: string[];
  contexts: unknown[];
  executed: string[];
  results: ResultEvent[];
}

/** Hooks that identify the caller from `x-caller`, refuse `x-caller: nobody`, and record every phase. */
function recordingHooks(seen: Seen): GatewayHooks[] {
  const noIntrospection: ValidationRule = (context) => ({
    Field(node) {
      if (node.name.value === '__schema') {
        context.reportError(new GraphQLError('Introspection is off here', { nodes: [node] }));
      }
    },
  });
  return [
    {
      name: 'identity',
      onRequest(request, state) {
        seen.requests.push(`${request.method} ${request.url}`);
        const caller = request.header('x-caller');
        if (caller === 'nobody') {
          throw new GraphQLError('Unknown caller', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
        if (caller)
          state.caller = { id: caller, roles: ['reader'], claims: { sub: caller }, authenticated: true };
      },
      validationRules: [noIntrospection],
    },
    {
      name: 'recorder',
      onContext(context) {
        seen.contexts.push((context.options as { request: { caller?: { id: string } } }).request.caller?.id);
      },
      onExecute(event) {
        seen.executed.push(event.operation.name ?? '(anonymous)');
      },
      onResult(event) {
        seen.results.push(event);
      },
    },
    {
      name: 'broken-logger',
      onResult() {
        throw new Error('the log sink is down');
      },
    },
  ];
}

function configFor(overrides: Partial<GatewayConfig>): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    databaseUrl: CHINOOK_PG_URL,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-pipeline-')),
    ...overrides,
  };
}

async function post(gateway: RunningGateway, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ResponseData };
}

describe.each([
  { path: 'the fast path', httpFastPath: true },
  { path: 'yoga', httpFastPath: false },
])('the request pipeline on $path', ({ httpFastPath }) => {
  let gateway: RunningGateway;
  const seen: Seen = { requests: [], contexts: [], executed: [], results: [] };
  const logged: string[] = [];

  beforeAll(async () => {
    gateway = await startGateway(configFor({ httpFastPath }), {
      hooks: recordingHooks(seen),
      log: (line) => logged.push(line),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('runs every phase once, gives the caller to the context, and reports the result with its duration', async () => {
    const before = { ...gateway.http.requestCounts };
    const answer = await post(
      gateway,
      { query: 'query Cheap { tracks(limit: 2) { name } }', operationName: 'Cheap' },
      { 'x-caller': 'ada' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data.tracks).toHaveLength(2);
    expect(seen.requests.at(-1)).toBe('POST /graphql');
    expect(seen.contexts.at(-1)).toBe('ada');
    expect(seen.executed.at(-1)).toBe('Cheap');
    const result = seen.results.at(-1) as ResultEvent;
    expect(result.result.data).toEqual(answer.body.data);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.state.caller?.id).toBe('ada');
    // Hooks do not turn the fast path off.
    const after = gateway.http.requestCounts;
    expect(after.fast - before.fast).toBe(httpFastPath ? 1 : 0);
  });

  it('refuses a request an onRequest hook refuses, with its status and code, before executing anything', async () => {
    const executed = seen.executed.length;
    const answer = await post(gateway, { query: '{ tracks(limit: 1) { name } }' }, { 'x-caller': 'nobody' });
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(seen.executed.length).toBe(executed);
  });

  it('validates with the configured rules and runs onRequest once for a request yoga words', async () => {
    const requests = seen.requests.length;
    const answer = await post(gateway, { query: '{ __schema { queryType { name } } }' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toBe('Introspection is off here');
    expect(seen.requests.length).toBe(requests + 1);
  });

  it('answers although an onResult hook throws, and logs the hook that failed', async () => {
    const answer = await post(gateway, { query: '{ artistsCount }' });
    expect(answer.status).toBe(200);
    expect(answer.body.data.artistsCount).toBe(275);
    expect(
      logged.some((line) => line.includes('broken-logger') && line.includes('the log sink is down')),
    ).toBe(true);
  });
});

describe('hooks modules from the configuration', () => {
  it('load a module of hooks at start and run them on the fast path', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'discograph-hooks-'));
    const file = path.join(folder, 'count-results.mjs');
    writeFileSync(
      file,
      'export const seen = []; export default [{ name: "count", onResult: (event) => { seen.push(event.operation.name); } }];',
    );
    const gateway = await startGateway(configFor({ hooks: [file] }));
    try {
      const before = { ...gateway.http.requestCounts };
      const answer = await post(gateway, { query: 'query Named { artistsCount }' });
      expect(answer.body.data.artistsCount).toBe(275);
      const module = (await import(pathToFileURL(file).href)) as { seen: string[] };
      expect(module.seen).toEqual(['Named']);
      expect(gateway.http.requestCounts.fast - before.fast).toBe(1);
    } finally {
      await gateway.stop();
    }
  });

  it('stop the start with a configuration error naming a module that exports no hooks', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'discograph-hooks-'));
    const file = path.join(folder, 'wrong.mjs');
    writeFileSync(file, 'export default { onResult: "not a function" };');
    await expect(startGateway(configFor({ hooks: [file] }))).rejects.toMatchObject({
      code: 'INVALID_CONFIGURATION',
      message: expect.stringContaining(file),
    });
  });
});

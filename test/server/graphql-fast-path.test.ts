import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';

const DATABASE = 'server_graphql_fast_path';
const LIMIT = 2_000;

/** One HTTP exchange as a client sees it (the Date header aside). */
interface Answer {
  status: number;
  type: string | null;
  allow: string | null;
  body: string;
}

interface Exchange {
  method?: 'GET' | 'POST';
  /** Appended to the endpoint URL (`?query=…`). */
  search?: string;
  accept?: string;
  contentType?: string;
  body?: string;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
}

let fast: RunningGateway;
let yoga: RunningGateway;
const statements: StatementEvent[] = [];

function configFor(databaseUrl: string, overrides: Partial<GatewayConfig>): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    databaseUrl,
    port: 0,
    maxRequestBodyBytes: LIMIT,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-fast-path-')),
    ...overrides,
  };
}

beforeAll(async () => {
  const url = await createPgDatabase(DATABASE, { template: 'chinook' });
  fast = await startGateway(configFor(url, {}), {
    onSource: (source) => source.dataSource.connector?.observeStatements((event) => statements.push(event)),
  });
  yoga = await startGateway(configFor(url, { httpFastPath: false }));
});
afterAll(async () => {
  await fast?.stop();
  await yoga?.stop();
  await dropPgDatabase(DATABASE);
});

async function send(gateway: RunningGateway, exchange: Exchange): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (exchange.accept) headers.accept = exchange.accept;
  if (exchange.body !== undefined) headers['content-type'] = exchange.contentType ?? 'application/json';
  const body =
    exchange.body === undefined
      ? undefined
      : exchange.chunked
        ? new Blob([exchange.body]).stream()
        : exchange.body;
  const response = await fetch(`${gateway.url}${exchange.search ?? ''}`, {
    method: exchange.method ?? (exchange.body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    ...(exchange.chunked ? { duplex: 'half' } : {}),
  } as RequestInit);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    allow: response.headers.get('allow'),
    body: await response.text(),
  };
}

/** Sends `exchange` to the fast-path gateway and to the yoga-only one; both must answer the same. */
async function both(exchange: Exchange, expectedRoute: 'fast' | 'yoga'): Promise<Answer> {
  const before = { ...fast.http.requestCounts };
  const viaFastPath = await send(fast, exchange);
  const viaYoga = await send(yoga, exchange);
  expect(viaFastPath).toEqual(viaYoga);
  const after = fast.http.requestCounts;
  expect({ fast: after.fast - before.fast, yoga: after.yoga - before.yoga }).toEqual(
    expectedRoute === 'fast' ? { fast: 1, yoga: 0 } : { fast: 0, yoga: 1 },
  );
  return viaFastPath;
}

const post = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });
const CUSTOMER_QUERY = `query Customer($id: Int!) {
  customer(customerId: $id) { firstName invoices(limit: 2) { total invoiceLines { track { name album { title } } } } }
}`;

describe('the fast path answers exactly as yoga does', () => {
  it('answers a nested query with variables in application/json by default', async () => {
    const answer = await both({ body: post(CUSTOMER_QUERY, { variables: { id: 1 } }) }, 'fast');
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body).data.customer.firstName).toBe('Luís');
  });

  it('answers in application/graphql-response+json when the client accepts it', async () => {
    const answer = await both(
      {
        accept: 'application/graphql-response+json, application/json;q=0.9',
        body: post('{ albums(limit: 2) { title artist { name } } }'),
      },
      'fast',
    );
    expect(answer.type).toBe('application/graphql-response+json; charset=utf-8');
  });

  it('leaves a validation error to yoga: 400 and no SQL statement', async () => {
    const before = statements.length;
    const answer = await both(
      {
        accept: 'application/graphql-response+json',
        body: post('{ tracks(where: {unitPrice: {gt: "cheap"}}) { name } }'),
      },
      'yoga',
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(statements.length).toBe(before);
  });

  it('leaves malformed JSON, a missing query and unexpected parameters to yoga (4xx)', async () => {
    expect((await both({ body: '{"query": "{ albums { title }' }, 'yoga')).status).toBe(400);
    const json = 'application/graphql-response+json';
    expect((await both({ body: '{}', accept: json }, 'yoga')).status).toBe(400);
    // A request without a query is not a GraphQL request: 400 whatever the accepted media type.
    expect((await both({ body: '{}' }, 'yoga')).status).toBe(400);
    expect((await both({ body: '{"query": 1}' }, 'yoga')).status).toBe(400);
    expect((await both({ body: post('{ __typename }', { variables: [1] }) }, 'yoga')).status).toBe(400);
    expect((await both({ body: post('{ __typename }', { persisted: true }) }, 'yoga')).status).toBe(400);
    expect((await both({ body: '[{"query": "{ __typename }"}]' }, 'yoga')).status).toBe(400);
  });

  it('answers variables that do not coerce with the reference executor error (400)', async () => {
    for (const variables of [{ id: 'one' }, { id: null }, {}]) {
      const answer = await both({ body: post(CUSTOMER_QUERY, { variables }) }, 'fast');
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).errors[0].message).toMatch(/^Variable "\$id"/);
    }
  });

  it('leaves an unknown operation name to yoga', async () => {
    const answer = await both(
      { body: post(CUSTOMER_QUERY, { operationName: 'Nope', variables: { id: 1 } }) },
      'yoga',
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('returns errors thrown while resolving through the error boundary, with the data that resolved', async () => {
    const answer = await both(
      { body: post('{ artists(limit: 1) { name } tracksConnection(after: "garbage") { totalCount } }') },
      'fast',
    );
    const result = JSON.parse(answer.body);
    expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeNull();
  });

  it('rejects a body over the limit by its Content-Length and a chunked one by counting (413)', async () => {
    const big = post(`{ albums(where: {title: {eq: "${'x'.repeat(LIMIT)}"}}) { title } }`);
    const declared = await both({ body: big }, 'yoga');
    expect(declared.status).toBe(413);
    const chunked = await both({ body: big, chunked: true }, 'fast');
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    const small = await both({ body: post('{ genres(limit: 1) { name } }'), chunked: true }, 'fast');
    expect(JSON.parse(small.body)).toEqual({ data: { genres: [{ name: 'Rock' }] } });
  });

  it('answers GET with query parameters, and leaves a mutation over GET to yoga (405)', async () => {
    const search = `?query=${encodeURIComponent(CUSTOMER_QUERY)}&variables=${encodeURIComponent('{"id":2}')}`;
    const get = await both({ search }, 'fast');
    expect(JSON.parse(get.body).data.customer.firstName).toBe('Leonie');
    const mutation = await both(
      { search: `?query=${encodeURIComponent('mutation { deleteGenre(genreId: 1) { name } }')}` },
      'yoga',
    );
    expect(mutation.status).toBe(405);
    expect(mutation.allow).toBe('POST');
  });

  it('leaves other content types and streaming Accept types to yoga', async () => {
    await both({ body: '{ __typename }', contentType: 'application/graphql' }, 'yoga');
    await both({ body: post('{ __typename }'), accept: 'text/event-stream' }, 'yoga');
  });

  it('runs mutations and reports their database errors through the error boundary', async () => {
    const upsert = await both(
      { body: post('mutation { upsertGenre(data: {genreId: 900, name: "Fast"}) { genreId name } }') },
      'fast',
    );
    expect(JSON.parse(upsert.body)).toEqual({ data: { upsertGenre: { genreId: 900, name: 'Fast' } } });
    const duplicate = await both(
      { body: post('mutation { createGenre(data: {genreId: 1, name: "Again"}) { genreId } }') },
      'fast',
    );
    expect(JSON.parse(duplicate.body).errors[0].extensions.code).toBe('CONFLICT');
  });
});

import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphQLContext } from '../../src/graphql/index.js';
import type { RunningGateway } from '../../src/server/gateway.js';
import { OperationCache, type PreparedOperation } from '../../src/server/pipeline/operation-cache.js';
import { type JitAndExecutorGateways, startJitAndExecutorGateways } from '../support/jit-gateways.js';

let gateways: JitAndExecutorGateways | undefined;
let jit: RunningGateway;
let executor: RunningGateway;

beforeAll(async () => {
  gateways = await startJitAndExecutorGateways('discograph-jit-');
  ({ jit, executor } = gateways);
});
afterAll(async () => {
  await gateways?.stop();
});

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

async function answer(gateway: RunningGateway, operation: Operation) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(operation),
  });
  return { status: response.status, body: await response.text() };
}

/** Runs `operation` with graphql-jit and with the reference executor; both must answer the same. */
async function same(operation: Operation) {
  const compiled = await answer(jit, operation);
  expect(compiled).toEqual(await answer(executor, operation));
  return { status: compiled.status, result: JSON.parse(compiled.body) };
}

const Q1 = 'query Q1 { tracks(limit: 50) { trackId name unitPrice milliseconds } }';
const Q2 = 'query Q2 { albums(limit: 20) { albumId title artist { name } tracks { name genre { name } } } }';
const Q3 = `query Q3($id: Int!) {
  customer(customerId: $id) {
    customerId firstName lastName
    invoices {
      invoiceId invoiceDate total
      invoiceLines { invoiceLineId unitPrice quantity track { name album { title artist { name } } } }
    }
  }
}`;
const Q4 =
  'query Q4 { tracks(where: { unitPrice: { gt: 0.99 } }, order: [NAME_ASC], limit: 20) { trackId name unitPrice } }';

/** The prepared operation of `query`; fails the test when it does not prepare. */
function prepared(cache: OperationCache, query: string, name: string | undefined): PreparedOperation {
  const result = cache.prepare(query, name);
  if (typeof result === 'string') throw new Error(`${query} did not prepare: ${result}`);
  return result;
}

describe('graphql-jit and the reference executor', () => {
  it('compile the Chinook benchmark queries once and answer them identically', async () => {
    for (const query of [Q1, Q2, Q4]) {
      const { status, result } = await same({ query });
      expect(status).toBe(200);
      expect(result.errors).toBeUndefined();
    }
    const { result } = await same({ query: Q3, variables: { id: 1 } });
    expect(result.data.customer.invoices.length).toBeGreaterThan(0);
    await jit.http.operations.loadJit();
    const q3 = prepared(jit.http.operations, Q3, undefined);
    expect(q3.engine).toBe('graphql-jit');
    expect(prepared(jit.http.operations, Q3, 'Q3').run).toBe(prepared(jit.http.operations, Q3, 'Q3').run);
    expect(prepared(executor.http.operations, Q3, undefined).engine).toBe('executor');
  });

  it('run an operation on the executor until graphql-jit is loaded, then compile it, with the same answer', async () => {
    const cache = new OperationCache({ schema: jit.schema.schema, jit: true });
    const before = prepared(cache, Q4, 'Q4');
    expect(before.engine).toBe('executor');
    const models = new Map(Object.entries(jit.schema.models));
    const context = () => createGraphQLContext(models as never);
    const first = JSON.stringify(await before.run(context(), undefined));
    await cache.loadJit();
    const after = prepared(cache, Q4, 'Q4');
    expect(after.engine).toBe('graphql-jit');
    expect(prepared(cache, Q4, 'Q4').run).toBe(after.run);
    expect(JSON.stringify(await after.run(context(), undefined))).toBe(first);
    expect(JSON.parse(first).data.tracks).toHaveLength(20);
  });

  it('answer fragments, aliases, __typename, null rows and connections identically', async () => {
    await same({
      query: `query F { a: albums(limit: 3, order: [TITLE_DESC]) { ...A } b: album(albumId: 5) { ...A } none: album(albumId: 999999) { title }
        page: tracksConnection(first: 3, order: [NAME_ASC]) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }
        fragment A on Album { __typename albumId title artist { ... on Artist { name } } }`,
    });
    await same({ query: '{ invoices(limit: 3, order: [TOTAL_DESC]) { invoiceDate total billingCountry } }' });
  });

  it('honour @include and @skip with variables identically', async () => {
    const query = `query S($deep: Boolean!) {
      albums(limit: 2) { title tracks(limit: 2) @include(if: $deep) { name } artist @skip(if: $deep) { name } }
    }`;
    for (const deep of [true, false]) {
      const { result } = await same({ query, variables: { deep } });
      expect('tracks' in result.data.albums[0]).toBe(deep);
    }
  });

  it('answer the introspection query identically', async () => {
    const { result } = await same({ query: getIntrospectionQuery() });
    expect(result.data.__schema.queryType.name).toBe('Query');
  });

  it('report variables that do not coerce with the same messages and status', async () => {
    const where =
      'query W($where: TrackWhere, $order: [TrackOrder!]) { tracks(where: $where, order: $order, limit: 1) { name } }';
    const cases: Operation[] = [
      { query: Q3, variables: { id: 'one' } },
      { query: Q3, variables: { id: null } },
      { query: Q3, variables: {} },
      { query: Q3, variables: { id: 2 ** 40 } },
      { query: where, variables: { where: { unitPrice: { gt: 'cheap' } } } },
      { query: where, variables: { where: { nope: { eq: 1 } } } },
      { query: where, variables: { order: ['SIDEWAYS'] } },
      { query: where, variables: { where: { name: { eq: 7 } } } },
    ];
    for (const operation of cases) {
      const { status, result } = await same(operation);
      expect(status).toBe(400);
      expect(result.data).toBeUndefined();
    }
    const { result } = await same({
      query: where,
      variables: { where: { unitPrice: { gt: '1.5' } }, order: ['NAME_DESC'] },
    });
    expect(result.data.tracks).toHaveLength(1);
  });

  it('compile an operation with a recursive where variable quickly, coercing it as the executor does', async () => {
    const query = 'query R($where: TrackWhere) { tracks(where: $where, limit: 3) { name } }';
    await jit.http.operations.loadJit();
    const started = performance.now();
    expect(prepared(jit.http.operations, query, undefined).engine).toBe('graphql-jit');
    expect(performance.now() - started).toBeLessThan(1_000);
    const where = { or: [{ name: { eq: 'Balls to the Wall' } }, { and: [{ trackId: { lt: 3 } }] }] };
    const { result } = await same({ query, variables: { where } });
    expect(result.data.tracks.map((track: { name: string }) => track.name)).toContain('Balls to the Wall');
  });

  it('return errors from resolvers through the error boundary identically', async () => {
    const { result } = await same({
      query: '{ genres(limit: 1) { name } tracksConnection(after: "garbage") { totalCount } }',
    });
    expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors[0].path).toEqual(['tracksConnection']);
  });
});

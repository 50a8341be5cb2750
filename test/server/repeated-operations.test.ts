import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/server/gateway.js';
import { type JitAndExecutorGateways, startJitAndExecutorGateways } from '../support/jit-gateways.js';

let gateways: JitAndExecutorGateways | undefined;
let jit: RunningGateway;
let executor: RunningGateway;

beforeAll(async () => {
  gateways = await startJitAndExecutorGateways('discograph-repeat-');
  ({ jit, executor } = gateways);
  await jit.http.operations.loadJit();
});
afterAll(async () => {
  await gateways?.stop();
});

async function answer(gateway: RunningGateway, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: JSON.parse(await response.text()) };
}

/** The answer of graphql-jit, checked against the reference executor's. */
async function same(query: string, variables?: Record<string, unknown>) {
  const compiled = await answer(jit, query, variables);
  expect(compiled).toEqual(await answer(executor, query, variables));
  return compiled.body;
}

describe('operations repeated across requests', () => {
  it('answer list fields with literal arguments alike on every request, each alias by its own arguments', async () => {
    const query = `{ a: tracks(limit: 2, order: [NAME_ASC]) { name }
      b: tracks(limit: 3, order: [NAME_DESC], where: { unitPrice: { gt: 0.99 } }) { name unitPrice } }`;
    const first = await same(query);
    expect(first.data.a).toHaveLength(2);
    expect(first.data.b).toHaveLength(3);
    expect(first.data.b.every((track: { unitPrice: string }) => track.unitPrice === '1.99')).toBe(true);
    expect(first.data.a[0].name < first.data.a[1].name).toBe(true);
    for (let i = 0; i < 3; i += 1) expect(await same(query)).toEqual(first);
  });

  it('read list fields with variables by the variables of each request', async () => {
    const query =
      'query P($p: Decimal, $n: Int) { tracks(where: { unitPrice: { gt: $p } }, limit: $n, order: [UNIT_PRICE_ASC]) { unitPrice } }';
    for (let i = 0; i < 2; i += 1) {
      const pricey = await same(query, { p: '0.99', n: 2 });
      expect(pricey.data.tracks).toEqual([{ unitPrice: '1.99' }, { unitPrice: '1.99' }]);
      const any = await same(query, { p: '0', n: 1 });
      expect(any.data.tracks).toEqual([{ unitPrice: '0.99' }]);
    }
  });

  it('answer null and renamed columns of rows read inline by graphql-jit as the executor does', async () => {
    const query = `{ tracks(where: { composer: { isNull: true } }, limit: 3, order: [TRACK_ID_ASC]) {
      trackId name composer mediaTypeId album { title artist { name } } } }`;
    const result = await same(query);
    expect(result.data.tracks).toHaveLength(3);
    expect(result.data.tracks.every((track: { composer: unknown }) => track.composer === null)).toBe(true);
  });

  it('report a negative literal limit on every request, as the executor does', async () => {
    const query = '{ tracks(limit: -1) { name } }';
    for (let i = 0; i < 2; i += 1) {
      const result = await same(query);
      expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });
});

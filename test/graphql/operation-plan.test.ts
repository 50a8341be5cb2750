import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getOperationAST, type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printOperationPlan } from '../../src/graphql/plan/print-plan.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { AccessHookContext } from '../../src/juggler/model-types.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import type { RequestState } from '../../src/server/pipeline/gateway-hooks.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';
import type { ResponseData } from '../support/json.js';

const DATABASE = 'graphql_operation_plan';
let gateway: RunningGateway;
const statements: StatementEvent[] = [];

beforeAll(async () => {
  const url = await createPgDatabase(DATABASE, { template: 'chinook' });
  gateway = await startGateway(
    {
      ...DEFAULT_CONFIG,
      databaseUrl: url,
      port: 0,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-plan-')),
    },
    {
      onSource: (source) => source.dataSource.connector?.observeStatements((event) => statements.push(event)),
      hooks: [
        {
          name: 'caller from x-customer',
          onRequest(request, state) {
            const id = request.header('x-customer');
            if (id) state.caller = { id, roles: ['customer'], claims: { sub: id }, authenticated: true };
          },
        },
      ],
    },
  );
});

afterAll(async () => {
  await gateway?.stop();
  await dropPgDatabase(DATABASE);
});

async function post(
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ body: ResponseData; statements: StatementEvent[] }> {
  const before = statements.length;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { body: await response.json(), statements: statements.slice(before) };
}

function planOf(query: string) {
  const document = parse(query);
  return gateway.schema.planner.plan(document, getOperationAST(document) as OperationDefinitionNode);
}

describe('the operation plan', () => {
  it('binds variables in value positions as slots: one statement text for every request', async () => {
    const query = `query Cheap($price: Decimal, $first: Int) {
      tracks(where: { unitPrice: { gt: $price } }, order: [NAME_ASC], limit: $first) { name unitPrice }
    }`;
    const plan = planOf(query);
    expect(plan.variables.sort()).toEqual(['first', 'price']);
    expect(plan.dynamic).toEqual([]);
    const cheap = await post(query, { price: '0.99', first: 3 });
    const dear = await post(query, { price: '1.50', first: 2 });
    expect(cheap.body.data.tracks).toHaveLength(3);
    expect(dear.body.data.tracks).toHaveLength(2);
    expect(dear.body.data.tracks.every((track: { unitPrice: string }) => Number(track.unitPrice) > 1.5)).toBe(
      true,
    );
    expect(cheap.statements.map((event) => event.sql)).toEqual(dear.statements.map((event) => event.sql));
    expect(dear.statements[0]?.params).toEqual(['1.50', 2]);
  });

  it('reads a variable bound to null as IS NULL for eq, as a literal null is read', async () => {
    const query = 'query Q($composer: String) { tracksCount(where: { composer: { eq: $composer } }) }';
    const unknown = await post(query, { composer: null });
    const literal = await post('{ tracksCount(where: { composer: { isNull: true } }) }');
    expect(unknown.body.data.tracksCount).toBe(literal.body.data.tracksCount);
    expect(unknown.body.data.tracksCount).toBeGreaterThan(0);
  });

  it('checks a slot as it checks the literal in its place: a negative limit is BAD_USER_INPUT, nothing is read', async () => {
    const query = 'query Q($first: Int) { tracks(limit: $first) { name } }';
    const variable = await post(query, { first: -1 });
    const literal = await post('{ tracks(limit: -1) { name } }');
    expect(variable.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(variable.body.errors[0].message).toBe(literal.body.errors[0].message);
    expect(variable.statements).toHaveLength(0);
  });

  it('builds a read per request when a variable decides its shape, and says so', async () => {
    const query = 'query Q($where: TrackWhere) { tracks(where: $where, limit: 2) { trackId } }';
    const plan = planOf(query);
    expect(plan.dynamic).toEqual([{ path: 'tracks', reason: '$where decides the shape of `where`' }]);
    const first = await post(query, { where: { trackId: { lt: 3 } } });
    const second = await post(query, { where: { name: { like: 'Balls%' } } });
    expect(first.body.data.tracks).toEqual([{ trackId: 1 }, { trackId: 2 }]);
    expect(second.body.data.tracks).toEqual([{ trackId: 2 }]);
  });

  it('answers each caller with its own rows: an access hook narrows the same plan per request', async () => {
    const Invoice = gateway.schema.models.Invoice as {
      observe(operation: string, listener: (ctx: AccessHookContext) => void): void;
      clearObservers(operation: string): void;
    };
    Invoice.observe('access', (ctx) => {
      const caller = (ctx.options.request as RequestState | undefined)?.caller;
      if (caller) ctx.query.where = { and: [ctx.query.where ?? {}, { customerId: Number(caller.id) }] };
    });
    try {
      const query =
        '{ invoices(order: [INVOICE_ID_ASC], limit: 100) { customerId } customer(customerId: 2) { invoices { customerId } } }';
      const first = await post(query, undefined, { 'x-customer': '1' });
      const second = await post(query, undefined, { 'x-customer': '2' });
      expect(new Set(first.body.data.invoices.map((row: { customerId: number }) => row.customerId))).toEqual(
        new Set([1]),
      );
      expect(new Set(second.body.data.invoices.map((row: { customerId: number }) => row.customerId))).toEqual(
        new Set([2]),
      );
      // Nested relation reads are narrowed too: customer 2's invoices, seen by customer 1, are none.
      expect(first.body.data.customer.invoices).toEqual([]);
      expect(second.body.data.customer.invoices.length).toBeGreaterThan(0);
    } finally {
      Invoice.clearObservers('access');
    }
  });

  it('prints, for Q3, each field that reads the database with its statements', async () => {
    const plan = planOf(`query Q3($id: Int!) {
      customer(customerId: $id) { customerId firstName invoices { invoiceId total invoiceLines { unitPrice track { name album { title artist { name } } } } } }
    }`);
    const text = await printOperationPlan(plan);
    expect(text).toContain('operation Q3 (query)');
    expect(text).toContain('customer: Customer by (customerId), batched per request');
    expect(text).toContain(
      'read with: invoices (list {"order":["invoiceId ASC"],"limit":100}) { invoiceLines (list {"order":["invoiceLineId ASC"],"limit":100}) { track { album { artist } } } }',
    );
    // One statement for the whole operation: every relation below is read with its parent rows.
    expect(text.match(/statement: /g)).toHaveLength(1);
    expect(text).toMatch(
      /statement: SELECT .* FROM "public"\."customer" AS "t0" .*WHERE "t0"\."customer_id" = ANY\(\$1\)/,
    );
    expect(text).toContain(
      'customer.invoices: hasMany Customer.invoices → Invoice, read with its parent rows',
    );
  });
});

/**
 * Role rules from the configuration (`roles`), on PostgreSQL and MariaDB, through a running
 * gateway: a row filter with claim substitution narrows every read (list, count, connection, by id,
 * nested relations), writes are checked against it, interleaved callers never see each other's
 * rows, and operations switched off are absent. The caller comes from a test hooks module.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CALLER_HOOKS, callerWithRole, postAs, type TestCaller } from '../support/caller-requests.js';
import { runMysqlSql, runPgSql } from '../support/databases.js';
import { DIALECTS } from '../support/dialects.js';

const ROLES: GatewayConfig['roles'] = {
  customer: {
    Invoice: {
      read: true,
      create: true,
      update: true,
      delete: true,
      where: { customerId: { eq: '$claims.customer_id' } },
    },
    Customer: { read: true, where: { customerId: { eq: '$claims.customer_id' } } },
    InvoiceLine: { read: true },
    Track: { read: true },
  },
  admin: { '*': { read: true, create: true, update: true, delete: true } },
};

function customer(id: number): TestCaller {
  return callerWithRole('customer', { customer_id: id });
}

function post(
  url: string,
  caller: TestCaller | undefined,
  query: string,
  variables?: Record<string, unknown>,
) {
  return postAs(url, caller, query, { variables });
}

describe.each(DIALECTS)('role rules on $name', (dialect) => {
  let gateway: RunningGateway;
  let url: string;
  let databaseUrl: string;
  const sql = async (text: string, params: unknown[]): Promise<Record<string, unknown>[]> =>
    dialect.name === 'postgresql'
      ? (await runPgSql(databaseUrl, text, params)).rows
      : ((await runMysqlSql(databaseUrl, text.replace(/\$\d+/g, '?'), params)) as Record<string, unknown>[]);
  const invoiceTable = () => (dialect.name === 'postgresql' ? 'invoice' : 'Invoice');
  const customerColumn = () => (dialect.name === 'postgresql' ? 'customer_id' : 'CustomerId');
  const idColumn = () => (dialect.name === 'postgresql' ? 'invoice_id' : 'InvoiceId');
  const invoicesOf = async (customerId: number): Promise<number[]> =>
    (
      await sql(
        `select ${idColumn()} as id from ${invoiceTable()} where ${customerColumn()} = $1 order by 1`,
        [customerId],
      )
    ).map((row) => Number(row.id));

  beforeAll(async () => {
    databaseUrl = await dialect.createDatabase('role_rules', { chinook: true });
    gateway = await startGateway({
      ...DEFAULT_CONFIG,
      port: 0,
      databaseUrl,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-roles-')),
      hooks: [CALLER_HOOKS],
      roles: ROLES,
      models: { Track: { operations: { delete: false } } },
    });
    url = gateway.url;
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await dialect.dropDatabase('role_rules');
  });

  it('narrows a list, a count and a connection to the rows the claim admits', async () => {
    const own = await invoicesOf(2);
    const { body } = await post(
      url,
      customer(2),
      '{ invoices { invoiceId customerId } invoicesCount invoicesConnection(first: 3) { totalCount edges { node { customerId } } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.invoices.map((row: { invoiceId: number }) => row.invoiceId)).toEqual(own);
    expect(new Set(body.data.invoices.map((row: { customerId: number }) => row.customerId))).toEqual(
      new Set([2]),
    );
    expect(body.data.invoicesCount).toBe(own.length);
    expect(body.data.invoicesConnection.totalCount).toBe(own.length);
    expect(
      body.data.invoicesConnection.edges.map(
        (edge: { node: { customerId: number } }) => edge.node.customerId,
      ),
    ).toEqual([2, 2, 2]);
  });

  it('keeps the filter under the client where, and a by-id read of another row is null', async () => {
    const [other] = await invoicesOf(3);
    const [mine] = await invoicesOf(2);
    const { body } = await post(
      url,
      customer(2),
      'query($other: Int!, $mine: Int!) { other: invoice(invoiceId: $other) { invoiceId } mine: invoice(invoiceId: $mine) { invoiceId } byWhere: invoices(where: { customerId: { eq: 3 } }) { invoiceId } }',
      { other, mine },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ other: null, mine: { invoiceId: mine }, byWhere: [] });
  });

  it('applies the filter to nested relations, joined or batched', async () => {
    const { body } = await post(
      url,
      customer(2),
      '{ customers { customerId invoices { customerId } } invoiceLines(limit: 200) { invoice { customerId } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.customers.map((row: { customerId: number }) => row.customerId)).toEqual([2]);
    const nested = body.data.customers[0].invoices.map((row: { customerId: number }) => row.customerId);
    expect(nested.length).toBe((await invoicesOf(2)).length);
    expect(new Set(nested)).toEqual(new Set([2]));
    const through = body.data.invoiceLines.map(
      (line: { invoice: { customerId: number } | null }) => line.invoice,
    );
    expect(
      through
        .filter((invoice: unknown) => invoice !== null)
        .every((invoice: { customerId: number }) => invoice.customerId === 2),
    ).toBe(true);
    expect(through.some((invoice: unknown) => invoice === null)).toBe(true);
  });

  it('never lets interleaved callers see each other’s rows', async () => {
    const query = '{ invoices { customerId } invoicesCount }';
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, index) => post(url, customer(index % 2 === 0 ? 4 : 5), query)),
    );
    for (const [index, { body }] of answers.entries()) {
      const id = index % 2 === 0 ? 4 : 5;
      expect(body.errors).toBeUndefined();
      expect(new Set(body.data.invoices.map((row: { customerId: number }) => row.customerId))).toEqual(
        new Set([id]),
      );
      expect(body.data.invoicesCount).toBe((await invoicesOf(id)).length);
    }
  });

  it('refuses a create whose values the filter does not admit, and makes one it admits', async () => {
    const create =
      'mutation($id: Int!, $customer: Int!) { createInvoice(data: { invoiceId: $id, customerId: $customer, invoiceDate: "2024-01-01T00:00:00", total: "1.00" }) { invoiceId customerId } }';
    const refused = await post(url, customer(6), create, { id: 90_001, customer: 7 });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await invoicesOf(7)).not.toContain(90_001);
    const made = await post(url, customer(6), create, { id: 90_002, customer: 6 });
    expect(made.body.errors).toBeUndefined();
    expect(made.body.data.createInvoice).toEqual({ invoiceId: 90_002, customerId: 6 });
  });

  it('updates only admitted rows, and never moves a row out of the filter', async () => {
    const [other] = await invoicesOf(9);
    const [mine] = await invoicesOf(8);
    const update =
      'mutation($id: Int!, $data: InvoiceUpdateInput!) { updateInvoice(invoiceId: $id, data: $data) { invoiceId total } }';
    const foreign = await post(url, customer(8), update, { id: other, data: { total: '0.01' } });
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const moved = await post(url, customer(8), update, { id: mine, data: { customerId: 9 } });
    expect(moved.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await invoicesOf(8)).toContain(mine);
    const fine = await post(url, customer(8), update, { id: mine, data: { total: '9.99' } });
    expect(fine.body.errors).toBeUndefined();
    expect(fine.body.data.updateInvoice.total).toBe('9.99');
  });

  it('deletes only admitted rows', async () => {
    const [other] = await invoicesOf(11);
    const remove = 'mutation($id: Int!) { deleteInvoice(invoiceId: $id) { invoiceId customerId } }';
    const foreign = await post(url, customer(10), remove, { id: other });
    expect(foreign.body.errors).toBeUndefined();
    expect(foreign.body.data.deleteInvoice).toBeNull();
    expect(await invoicesOf(11)).toContain(other);
    const create =
      'mutation { createInvoice(data: { invoiceId: 90003, customerId: 10, invoiceDate: "2024-01-01T00:00:00", total: "1.00" }) { invoiceId } }';
    expect((await post(url, customer(10), create)).body.errors).toBeUndefined();
    const own = await post(url, customer(10), remove, { id: 90_003 });
    expect(own.body.data.deleteInvoice).toEqual({ invoiceId: 90_003, customerId: 10 });
    expect(await invoicesOf(10)).not.toContain(90_003);
  });

  it('never lets an upsert overwrite a row the filter does not admit', async () => {
    const [other] = await invoicesOf(13);
    const totalOf = async (id: number) =>
      (await sql(`select total as total from ${invoiceTable()} where ${idColumn()} = $1`, [id]))[0]?.total;
    const before = await totalOf(other as number);
    await post(
      url,
      customer(12),
      'mutation($id: Int!) { upsertInvoice(data: { invoiceId: $id, customerId: 12, invoiceDate: "2024-01-01T00:00:00", total: "0.01" }) { invoiceId } }',
      { id: other },
    );
    expect(await invoicesOf(13)).toContain(other);
    expect(await totalOf(other as number)).toEqual(before);
  });

  it('leaves out the operations a model switches off for every role, and keeps the others', async () => {
    const { body } = await post(
      url,
      callerWithRole('admin'),
      '{ __type(name: "Mutation") { fields { name } } }',
    );
    const names = body.data.__type.fields.map((field: { name: string }) => field.name);
    expect(names).toContain('deleteInvoice');
    expect(names).toContain('createTrack');
    expect(names).toContain('updateTrack');
    expect(names).not.toContain('deleteTrack');
  });

  it('refuses a role without rules, the anonymous role without rules, and a caller missing the claim', async () => {
    const unknown = await post(url, callerWithRole('visitor'), '{ tracksCount }');
    expect(unknown.status).toBe(403);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await post(url, undefined, '{ tracksCount }');
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noClaim = await post(url, callerWithRole('customer'), '{ invoicesCount }');
    expect(noClaim.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(noClaim.body.errors?.[0]?.extensions?.details).toMatchObject({ claim: 'customer_id' });
  });
});

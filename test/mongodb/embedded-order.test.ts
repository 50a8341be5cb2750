/**
 * Ordering by fields of embedded documents, on MongoDB's Chinook documents. A field of a single
 * embedded document (`customer.address.city`) is an order value like any other
 * (`ADDRESS_CITY_ASC`), compiled to a dotted sort key (`{'address.city': 1, _id: 1}`), for root
 * lists and relation lists alike. A field inside a list of embedded documents
 * (`invoice.lines[].unitPrice`) has no one value per row: it gets no order value, and the
 * juggler refuses it with ORDER_BY_EMBEDDED_LIST rather than give it MongoDB's meaning (the least
 * element ascending, the greatest descending).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFind } from '../../src/connectors/mongodb/mongodb-query-compiler.js';
import type { ConnectorModel, ConnectorProperty } from '../../src/juggler/connector/connector-model.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { chinookData, chinookId } from '../support/mongodb/chinook-mongodb.js';
import {
  type MongoChinookGateway,
  startMongoChinookGateway,
} from '../support/mongodb/mongodb-chinook-gateway.js';

const DATABASE = 'embedded_order';
let chinook: MongoChinookGateway;

beforeAll(async () => {
  chinook = await startMongoChinookGateway(DATABASE);
});

afterAll(async () => {
  await chinook?.stop();
});

type SqlCustomer = { CustomerId: number; City: string; Country: string; SupportRepId: number };

function sqlCustomers(): SqlCustomer[] {
  return (chinookData().Customer ?? []) as unknown as SqlCustomer[];
}

/** By city, descending, then by Chinook number (the `_id` order). */
function byCityDescending(a: SqlCustomer, b: SqlCustomer): number {
  return a.City < b.City ? 1 : a.City > b.City ? -1 : a.CustomerId - b.CustomerId;
}

describe('ordering by a field of a single embedded document', () => {
  it('compiles address.city to a dotted sort key, ties broken by _id', () => {
    const city: ConnectorProperty = {
      name: 'city',
      column: 'city',
      type: 'String',
      generated: false,
      nullable: false,
    };
    const address: ConnectorProperty = {
      ...{ name: 'address', column: 'address', type: 'Object', generated: false, nullable: false },
      embedded: new Map([['city', city]]),
    };
    const id: ConnectorProperty = {
      ...{ name: 'id', column: '_id', type: 'String', generated: false, nullable: false },
      idIndex: 1,
    };
    const customer: ConnectorModel = {
      ...{ name: 'Customer', table: 'customer', properties: [id, address], idProperties: ['id'] },
      propertyByName: new Map([
        ['id', id],
        ['address', address],
      ]),
      readOnly: false,
      settings: {},
    };
    expect(compileFind(customer, { order: [{ property: 'address.city', direction: 'DESC' }] }).sort).toEqual({
      'address.city': -1,
      _id: 1,
    });
  });

  it('offers ADDRESS_CITY_ASC and _DESC in the order enum and answers in that order', async () => {
    const answer = await chinook.query(`{ customers(where: { address: { country: { eq: "USA" } } },
      order: ADDRESS_CITY_DESC) { customerId address { city } } }`);
    expect(answer.errors).toBeUndefined();
    const expected = sqlCustomers()
      .filter((row) => row.Country === 'USA')
      .sort(byCityDescending)
      .map((row) => ({ customerId: row.CustomerId, address: { city: row.City } }));
    expect(expected.length).toBeGreaterThan(5);
    expect(answer.data?.customers).toEqual(expected);
    expect(answer.cost.commands).toEqual(['find customer']);
  });

  it("orders a relation's list by it too, each parent's page in one command", async () => {
    const reps = [3, 4].map((id) => chinookId('employee', id).toHexString());
    const answer =
      await chinook.query(`{ employees(where: { id: { inq: ${JSON.stringify(reps)} } }, order: EMPLOYEE_ID_ASC) {
      employeeId customers(order: ADDRESS_CITY_DESC, limit: 3) { customerId } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.employees).toEqual(
      [3, 4].map((employeeId) => ({
        employeeId,
        customers: sqlCustomers()
          .filter((row) => row.SupportRepId === employeeId)
          .sort(byCityDescending)
          .slice(0, 3)
          .map((row) => ({ customerId: row.CustomerId })),
      })),
    );
    expect(answer.cost.commands).toEqual(['find employee', 'aggregate customer']);
  });
});

describe('ordering by a field inside a list of embedded documents', () => {
  it('has no order value in GraphQL: the operation fails validation before any command', async () => {
    const answer = await chinook.query('{ invoices(order: LINES_UNIT_PRICE_DESC, limit: 1) { invoiceId } }');
    expect(answer.errors?.[0]?.message).toMatch(/LINES_UNIT_PRICE_DESC/);
    expect(answer.cost.commands).toEqual([]);
  });

  it('is refused by the juggler with ORDER_BY_EMBEDDED_LIST, naming the list', async () => {
    const dataSource = new DataSource('mongodb', { url: chinook.server.url(DATABASE) });
    try {
      const models = await dataSource.discoverAndBuildModels('invoice', {});
      const Invoice = models.Invoice as unknown as { find(filter: object): Promise<unknown[]> };
      const error = await Invoice.find({ order: 'lines.unitPrice DESC' }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        code: 'ORDER_BY_EMBEDDED_LIST',
        statusCode: 400,
        details: { model: 'Invoice', property: 'lines.unitPrice', list: 'lines' },
      });
      const unknown = await Invoice.find({ order: 'lines.colour ASC' }).catch((caught: unknown) => caught);
      expect(unknown).toMatchObject({ code: 'INVALID_FILTER' });
    } finally {
      await dataSource.disconnect();
    }
  });
});

/**
 * Embedded documents on MongoDB's Chinook documents (test/support/mongodb/chinook-mongodb.ts): an
 * invoice holds its lines (an array of sub-documents), a customer its address (one sub-document).
 * Discovery describes them as embedded model types (a field of mixed types inside stays JSON and
 * says why); the gateway gives each an object type and a where input filtering by dotted path,
 * answering the same data as the SQL Chinook (the dataset the SQL databases are loaded from).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decimal128, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromModelDefinitions } from '../../src/graphql/model-source.js';
import { buildTypeDefs } from '../../src/graphql/type-defs.js';
import { DataSource } from '../../src/juggler/datasource.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { chinookData, chinookId, loadChinook } from '../support/mongodb/chinook-mongodb.js';
import { type MongoTestServer, startMongoTestServer } from '../support/mongodb/mongodb-test-server.js';

const DATABASE = 'embedded_chinook';
let server: MongoTestServer;
let gateway: RunningGateway;
const commands: string[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  server = await startMongoTestServer();
  const client = new MongoClient(server.url(DATABASE));
  try {
    const db = client.db(DATABASE);
    await loadChinook(db);
    // Sub-documents that disagree: `size` is a number in one and a string in the other; a
    // customer-like document whose city is a would-be operator, kept as data.
    await db.collection('parcel').insertMany([
      { label: 'a', box: { size: 3, weight: Decimal128.fromString('1.50') } },
      { label: 'b', box: { size: 'XL', weight: Decimal128.fromString('2.25') } },
      { label: 'c', box: { size: 5, weight: Decimal128.fromString('0.75'), city: '$where' } },
    ]);
  } finally {
    await client.close();
  }
  gateway = await startGateway(
    {
      ...DEFAULT_CONFIG,
      databaseUrl: server.url(DATABASE),
      port: 0,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-embedded-mongodb-')),
    },
    {
      log: (line) => logLines.push(line),
      onSource: (source) => source.dataSource.connector?.observeStatements(({ sql }) => commands.push(sql)),
    },
  );
});

afterAll(async () => {
  await gateway?.stop();
  await server?.dropDatabase(DATABASE);
  await server?.stop();
});

async function query(
  text: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: Record<string, unknown>; errors?: { message: string }[] }> {
  commands.length = 0;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
}

describe('discovery of embedded documents', () => {
  let schemas: Record<string, ModelDefinition>;
  beforeAll(async () => {
    const dataSource = new DataSource('mongodb', { url: server.url(DATABASE) });
    try {
      schemas = {};
      for (const collection of ['invoice', 'customer', 'parcel']) {
        const found = await dataSource.discoverSchemas(collection, {});
        schemas[collection] = found[`${DATABASE}.${collection}`] as ModelDefinition;
      }
    } finally {
      await dataSource.disconnect();
    }
  });

  it('describes an array of sub-documents as a list of an embedded model type, typed field by field', () => {
    const lines = schemas.invoice?.properties.lines;
    expect(lines).toMatchObject({ type: ['Object'], required: true, mongodb: { dataType: 'object[]' } });
    const properties = lines?.embedded?.properties ?? {};
    expect(Object.keys(properties)).toEqual(['invoiceLineId', 'trackId', 'unitPrice', 'quantity']);
    expect(properties.trackId).toMatchObject({
      type: 'String',
      required: true,
      mongodb: { dataType: 'objectId' },
    });
    expect(properties.unitPrice).toMatchObject({ type: 'Decimal', mongodb: { dataType: 'decimal' } });
    expect(properties.quantity).toMatchObject({ type: 'Number', discograph: { integer: { bits: 32 } } });
  });

  it('describes one sub-document as an embedded model type; a field some sub-documents lack is optional', () => {
    const address = schemas.customer?.properties.address;
    expect(address).toMatchObject({ type: 'Object', required: true, mongodb: { dataType: 'object' } });
    const properties = address?.embedded?.properties ?? {};
    expect(Object.keys(properties)).toEqual(['street', 'city', 'state', 'country', 'postalCode']);
    expect(properties.city).toMatchObject({ type: 'String', required: true });
    expect(properties.state).toMatchObject({ type: 'String', required: false });
  });

  it('reports at startup each field left JSON and why, embedded ones by dotted path', () => {
    expect(logLines.filter((line) => line.includes(' is JSON: '))).toEqual([
      'discovery: Parcel.box.size is JSON: mixed types in the sample: int (2), string (1)',
    ]);
  });

  it('keeps a field of mixed types inside a sub-document JSON and says which types it saw', () => {
    const box = schemas.parcel?.properties.box?.embedded?.properties ?? {};
    expect(box.size).toMatchObject({
      type: 'JSON',
      description: 'mixed types in the sample: int (2), string (1)',
    });
    expect(box.weight).toMatchObject({ type: 'Decimal', required: true });
    expect(box.city).toMatchObject({ type: 'String', required: false });
  });
});

describe('embedded types in the GraphQL API', () => {
  it('answers an invoice with its lines as a typed list, the same data as the SQL Chinook', async () => {
    const answer = await query(`{ invoice(id: "${chinookId('invoice', 1).toHexString()}") {
      invoiceId lines { invoiceLineId unitPrice quantity trackId } } }`);
    const sqlLines = (chinookData().InvoiceLine ?? []).filter((line) => line.InvoiceId === 1);
    expect(answer).toEqual({
      data: {
        invoice: {
          invoiceId: 1,
          lines: sqlLines.map((line) => ({
            invoiceLineId: line.InvoiceLineId,
            unitPrice: String(line.UnitPrice),
            quantity: line.Quantity,
            trackId: chinookId('track', Number(line.TrackId)).toHexString(),
          })),
        },
      },
    });
    expect(commands).toEqual(['find invoice']);
  });

  it('filters by a field of one sub-document (address.city), a missing field read as null', async () => {
    const answer = await query(`{ customers(where: { address: { city: { eq: "Oslo" } } }) {
      customerId address { street city state country postalCode } } }`);
    const sql = (chinookData().Customer ?? []).filter((row) => row.City === 'Oslo');
    expect(answer.data?.customers).toEqual(
      sql.map((row) => ({
        customerId: row.CustomerId,
        address: {
          street: row.Address,
          city: 'Oslo',
          state: null,
          country: row.Country,
          postalCode: row.PostalCode,
        },
      })),
    );
  });

  it('filters by fields of an array of sub-documents: an ObjectId and a decimal convert to their BSON types', async () => {
    const trackId = chinookId('track', 1).toHexString();
    const byTrack = await query(
      `{ invoices(where: { lines: { trackId: { eq: "${trackId}" } } }) { invoiceId } }`,
    );
    const sqlInvoices = [
      ...new Set(
        (chinookData().InvoiceLine ?? []).filter((line) => line.TrackId === 1).map((l) => l.InvoiceId),
      ),
    ];
    expect(byTrack.data?.invoices).toEqual(sqlInvoices.map((invoiceId) => ({ invoiceId })));
    const dear = await query(
      `query ($price: Decimal!) { invoicesCount(where: { lines: { unitPrice: { gt: $price } } }) }`,
      { price: '1.5' },
    );
    const sqlDear = new Set(
      (chinookData().InvoiceLine ?? [])
        .filter((line) => Number(line.UnitPrice) > 1.5)
        .map((l) => l.InvoiceId),
    );
    expect(dear.data?.invoicesCount).toBe(sqlDear.size);
  });

  it('keeps a would-be operator in a value as data', async () => {
    const where = await query(`{ parcels(where: { box: { city: { eq: "$where" } } }) { label } }`);
    expect(where.data?.parcels).toEqual([{ label: 'c' }]);
    const operatorText = await query(
      `{ customers(where: { address: { city: { eq: "{\\"$gt\\": \\"\\"}" } } }) { customerId } }`,
    );
    expect(operatorText.data?.customers).toEqual([]);
  });

  it('writes a sub-document given as its typed input with the BSON types of its embedded type', async () => {
    const created =
      await query(`mutation { createParcel(data: { label: "d", box: { size: 1, weight: "3.25" } }) {
      label box { weight } } }`);
    expect(created).toEqual({ data: { createParcel: { label: 'd', box: { weight: '3.25' } } } });
    const client = new MongoClient(server.url(DATABASE));
    try {
      const stored = await client.db(DATABASE).collection('parcel').findOne({ label: 'd' });
      expect(stored?.box?.weight).toBeInstanceOf(Decimal128);
    } finally {
      await client.close();
    }
  });

  it('refuses an operator object where a sub-document is compared whole, and matches it as data', async () => {
    const dataSource = new DataSource('mongodb', { url: server.url(DATABASE) });
    try {
      const models = await dataSource.discoverAndBuildModels('customer', {});
      const Customer = models.Customer as unknown as {
        find(filter: object, options: object): Promise<unknown[]>;
      };
      // `$gt` is no LoopBack operator: the object is the value an address must equal.
      expect(await Customer.find({ where: { address: { $gt: '' } } }, { raw: true })).toEqual([]);
      expect(
        await Customer.find({ where: { 'address.city': { $gt: '' } } }, { raw: true }).catch((e) => e.code),
      ).toBe('INVALID_FILTER');
    } finally {
      await dataSource.disconnect();
    }
  });
});

describe('the SDL of the Chinook documents', () => {
  it('matches the saved snapshot: embedded types, their where inputs and relations, references-many', async () => {
    const dataSource = new DataSource('mongodb', { url: server.url(DATABASE) });
    try {
      const definitions = await dataSource.discoverSchemas('invoice', { associations: true });
      const generated = buildTypeDefs(fromModelDefinitions(Object.values(definitions)));
      expect(generated.names.collisions).toEqual([]);
      await expect(generated.typeDefs).toMatchFileSnapshot(
        './__snapshots__/chinook-mongodb-sdl.graphql.snap',
      );
    } finally {
      await dataSource.disconnect();
    }
  });
});

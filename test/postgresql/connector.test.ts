import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorFactory, PostgresConnector } from '../../src/connectors/postgresql/index.js';
import { ChinookTrack, sqlModel } from '../support/connector-models.js';
import { countRows, readRows } from '../support/connector-reads.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';

describe('the PostgreSQL connector module', () => {
  it('exports a factory named postgresql that builds the connector', async () => {
    expect(connectorFactory.name).toBe('postgresql');
    const connector = connectorFactory.create({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'chinook',
    });
    expect(connector).toBeInstanceOf(PostgresConnector);
    expect(connector.capabilities).toEqual({
      relational: true,
      discovery: true,
      migration: true,
      returning: true,
      groupedFind: true,
      ilike: true,
      regexp: true,
      nestedLists: true,
      joins: true,
      throughReads: true,
    });
    await connector.ping();
    expect(await countRows(connector, ChinookTrack, undefined)).toBe(3503);
    await connector.disconnect();
  });

  it('lower-cases model and property names for default table and column names, as LoopBack does', () => {
    const connector = new PostgresConnector({});
    expect(connector.naming.defaultTableName('InvoiceLine')).toBe('invoiceline');
    expect(connector.naming.defaultColumnName('unitPrice')).toBe('unitprice');
  });
});

describe('PostgreSQL connection settings', () => {
  const database = 'pg_connector_lifecycle';
  let url: string;
  let connector: PostgresConnector;

  beforeAll(async () => {
    url = await createPgDatabase(database);
    connector = new PostgresConnector({ url, max: 2 });
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropPgDatabase(database);
  });

  it('qualifies tables with the schema setting when the model names none', async () => {
    await connector.execute('create schema inventory');
    await connector.execute('create table inventory.widget (id int primary key, label text)');
    await connector.execute("insert into inventory.widget values (1, 'w')");
    const scoped = new PostgresConnector({ url, schema: 'inventory' });
    const Widget = sqlModel('Widget', { id: { type: 'Number', id: 1 }, label: 'String' });
    expect(await readRows(scoped, Widget, {})).toEqual([{ id: 1, label: 'w' }]);
    expect(await scoped.defaultOwner()).toBe('inventory');
    await scoped.disconnect();
  });
});

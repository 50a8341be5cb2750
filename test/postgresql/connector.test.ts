import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/connectors/connector.js';
import { connectorFactory, PostgresConnector } from '../../src/connectors/postgresql/index.js';
import { ChinookTrack, sqlModel } from '../support/connector-models.js';
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
    });
    await connector.ping();
    expect(await connector.count(ChinookTrack, undefined)).toBe(3503);
    await connector.disconnect();
  });

  it('lower-cases model and property names for default table and column names, as LoopBack does', () => {
    const connector = new PostgresConnector({});
    expect(connector.defaultTableName('InvoiceLine')).toBe('invoiceline');
    expect(connector.defaultColumnName('unitPrice')).toBe('unitprice');
  });
});

describe('connection life cycle, raw SQL and observation', () => {
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

  it('connects once however often connect is called, and reconnects after disconnect', async () => {
    await Promise.all([connector.connect(), connector.connect(), connector.ping()]);
    await connector.disconnect();
    await connector.disconnect();
    expect(await connector.execute('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('runs raw SQL with $n parameters', async () => {
    expect(await connector.execute('select $1::int + $2::int as sum, $3::text as t', [2, 3, 'x'])).toEqual([
      { sum: 5, t: 'x' },
    ]);
  });

  it('reports each statement once with its parameters, and stops after unsubscribe', async () => {
    const events: StatementEvent[] = [];
    const stop = connector.observeStatements((event) => events.push(event));
    const throwing = connector.observeStatements(() => {
      throw new Error('observer bug');
    });
    await connector.execute('select $1::int as n', [7]);
    stop();
    throwing();
    await connector.execute('select 2');
    expect(events).toEqual([
      {
        connector: 'postgresql',
        sql: 'select $1::int as n',
        params: [7],
        durationMs: expect.any(Number),
        rowCount: 1,
      },
    ]);
  });

  it('reports failed statements with a null row count', async () => {
    const events: StatementEvent[] = [];
    const stop = connector.observeStatements((event) => events.push(event));
    await expect(connector.execute('select * from missing_table')).rejects.toMatchObject({
      code: 'DATABASE_ERROR',
    });
    stop();
    expect(events).toHaveLength(1);
    expect(events[0]?.rowCount).toBeNull();
  });

  it('qualifies tables with the schema setting when the model names none', async () => {
    await connector.execute('create schema inventory');
    await connector.execute('create table inventory.widget (id int primary key, label text)');
    await connector.execute("insert into inventory.widget values (1, 'w')");
    const scoped = new PostgresConnector({ url, schema: 'inventory' });
    const Widget = sqlModel('Widget', { id: { type: 'Number', id: 1 }, label: 'String' });
    expect(await scoped.find(Widget, {})).toEqual([{ id: 1, label: 'w' }]);
    expect(await scoped.defaultOwner()).toBe('inventory');
    await scoped.disconnect();
  });

  it('serves more concurrent calls than the pool has connections', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        connector.execute<{ n: number }>('select $1::int as n', [index]),
      ),
    );
    expect(results.map((rows) => rows[0]?.n)).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });
});

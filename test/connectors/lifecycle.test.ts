import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { DIALECTS, type TestConnector } from '../support/dialects.js';

describe.each(DIALECTS)('connection life cycle, raw SQL and observation on $name', (dialect) => {
  const database = 'conn_lifecycle';
  const p = dialect.placeholder;
  let connector: TestConnector;

  beforeAll(async () => {
    connector = dialect.open(await dialect.createDatabase(database), { max: 2 });
  });

  afterAll(async () => {
    await connector.disconnect();
    await dialect.dropDatabase(database);
  });

  it('connects once however often connect is called, and reconnects after disconnect', async () => {
    await Promise.all([connector.connect(), connector.connect(), connector.ping()]);
    await connector.disconnect();
    await connector.disconnect();
    expect(await connector.execute('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('runs raw SQL with the dialect placeholders', async () => {
    await connector.execute('create table note (id int primary key, body varchar(20))');
    await connector.execute(`insert into note (id, body) values (${p(1)}, ${p(2)}), (${p(3)}, ${p(4)})`, [
      7,
      'x',
      8,
      "it's",
    ]);
    expect(await connector.execute(`select id, body from note where id >= ${p(1)} order by id`, [7])).toEqual(
      [
        { id: 7, body: 'x' },
        { id: 8, body: "it's" },
      ],
    );
  });

  it('reports each statement once with its parameters, and stops after unsubscribe', async () => {
    const events: StatementEvent[] = [];
    const stop = connector.observeStatements((event) => events.push(event));
    const throwing = connector.observeStatements(() => {
      throw new Error('observer bug');
    });
    await connector.execute(`select ${p(1)} as n`, [7]);
    stop();
    throwing();
    await connector.execute('select 2');
    expect(events).toEqual([
      {
        connector: dialect.name,
        sql: `select ${p(1)} as n`,
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

  it('reports the affected row count of raw writes', async () => {
    await connector.execute('create table counter (id int primary key)');
    const events: StatementEvent[] = [];
    const stop = connector.observeStatements((event) => events.push(event));
    expect(await connector.execute('insert into counter (id) values (1), (2), (3)')).toEqual([]);
    stop();
    expect(events[0]?.rowCount).toBe(3);
  });

  it('serves more concurrent calls than the pool has connections', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        connector.execute<{ n: number }>(`select ${p(1)} + 0 as n`, [index]),
      ),
    );
    expect(results.map((rows) => Number(rows[0]?.n))).toEqual(
      Array.from({ length: 20 }, (_, index) => index),
    );
  });
});

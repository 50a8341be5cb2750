import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from '../../src/juggler/datasource.js';
import { SQL_HARNESSES } from '../connectors/harness/sql-harnesses.js';
import type { StatementEvent } from '../connectors/harness/suite-data-source.js';

describe.each(SQL_HARNESSES)('raw SQL and its observation on $name', (harness) => {
  const { sql } = harness;
  const p = sql.placeholder;
  const database = 'sql_raw';
  let dataSource: DataSource;
  const run = (text: string, params: unknown[] = []) => sql.execute(dataSource, text, params);
  /** The statements `work` sends, observed on the data source's connector. */
  async function observe(work: () => Promise<unknown>): Promise<StatementEvent[]> {
    const events: StatementEvent[] = [];
    const stop = dataSource.connector!.observeStatements((event) => events.push(event));
    try {
      await work();
    } finally {
      stop();
    }
    return events;
  }

  beforeAll(async () => {
    dataSource = await harness.createDataSource(database);
  });

  afterAll(async () => {
    await dataSource.disconnect();
    await harness.dropDatabase(database);
  });

  it('runs raw SQL with the dialect’s placeholders', async () => {
    await run('create table note (id int primary key, body varchar(20))');
    await run(`insert into note (id, body) values (${p(1)}, ${p(2)}), (${p(3)}, ${p(4)})`, [
      7,
      'x',
      8,
      "it's",
    ]);
    expect(await run(`select id, body from note where id >= ${p(1)} order by id`, [7])).toEqual([
      { id: 7, body: 'x' },
      { id: 8, body: "it's" },
    ]);
  });

  it('reports each raw statement once, as sent, with its parameters and row count', async () => {
    const events = await observe(() => run(`select ${p(1)} as n`, [7]));
    expect(events).toEqual([
      {
        connector: harness.name,
        sql: `select ${p(1)} as n`,
        params: [7],
        durationMs: expect.any(Number),
        rowCount: 1,
      },
    ]);
  });

  it('reports a failed statement with a null row count', async () => {
    const events = await observe(() =>
      expect(run('select * from missing_table')).rejects.toMatchObject({ code: 'DATABASE_ERROR' }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.rowCount).toBeNull();
  });

  it('reports the affected row count of a raw write, which resolves to no rows', async () => {
    await run('create table counter (id int primary key)');
    let rows: unknown;
    const events = await observe(async () => {
      rows = await run('insert into counter (id) values (1), (2), (3)');
    });
    expect(rows).toEqual([]);
    expect(events[0]?.rowCount).toBe(3);
  });
});

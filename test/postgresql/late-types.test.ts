import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';

const DATABASE = 'pg_late_types';
let url: string;
let connector: PostgresConnector;
const statements: StatementEvent[] = [];

beforeAll(async () => {
  url = await createPgDatabase(DATABASE);
  connector = new PostgresConnector({ url });
  connector.observeStatements((event) => statements.push(event));
  await connector.connect();
});
afterAll(async () => {
  await connector?.disconnect();
  await dropPgDatabase(DATABASE);
});

describe('types only the catalog knows (arrays of enums)', () => {
  it('are not looked up at connect', () => {
    expect(statements.filter((event) => /pg_type/.test(event.sql))).toEqual([]);
  });

  it('are looked up once, when a result first carries them, and that result is parsed too', async () => {
    await runPgSql(
      url,
      "create type mood as enum ('sad', 'ok', 'happy'); create table diary (id int primary key, moods mood[]); insert into diary values (1, '{happy,sad}');",
    );
    const first = await connector.execute('select moods from diary');
    expect(first).toEqual([{ moods: ['happy', 'sad'] }]);
    const second = await connector.execute('select moods from diary');
    expect(second).toEqual([{ moods: ['happy', 'sad'] }]);
    expect(statements.filter((event) => /pg_type/.test(event.sql))).toHaveLength(1);
  });
});

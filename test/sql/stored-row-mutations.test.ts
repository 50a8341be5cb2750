/**
 * Updates and upserts answer the row as stored, as creates do: what the database made of the
 * values (a decimal rounded to its scale, a column a trigger or `ON UPDATE CURRENT_TIMESTAMP`
 * set), not the values sent (issue 18, item 6). PostgreSQL reads it back with RETURNING, MySQL
 * in the same transaction as the update.
 */
import { type GraphQLSchema, graphql } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildGraphQLSchema } from '../../src/graphql/build-schema.js';
import { createGraphQLContext } from '../../src/graphql/context.js';
import type { ModelClassLike } from '../../src/graphql/model-class.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { DataSource } from '../../src/juggler/datasource.js';
import { SQL_HARNESSES } from '../connectors/harness/sql-harnesses.js';

const OLD_UPDATE = '2020-01-01T00:00:00.000Z';

/** A film whose title a trigger upper-cases on update, with a numeric(4,2) rate and a last_update the database sets. */
const DDL: Record<string, string[]> = {
  postgresql: [
    `create table film (film_id int primary key, title varchar(50) not null,
      rental_rate numeric(4,2) not null default 4.99, last_update timestamptz not null default now())`,
    `create function film_touch() returns trigger language plpgsql as $$
      begin new.title := upper(new.title); new.last_update := now(); return new; end $$`,
    'create trigger film_touch before update on film for each row execute function film_touch()',
  ],
  mysql: [
    `create table film (film_id int primary key, title varchar(50) not null,
      rental_rate decimal(4,2) not null default 4.99,
      last_update timestamp not null default current_timestamp on update current_timestamp)`,
    'create trigger film_touch before update on film for each row set new.title = upper(new.title)',
  ],
};

describe.each(SQL_HARNESSES)('mutations answer the stored row on $name', (harness) => {
  const database = 'sql_stored_rows';
  let dataSource: DataSource;
  let models: Record<string, ModelClassLike>;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    dataSource = await harness.createDataSource(database);
    for (const statement of DDL[harness.name] ?? []) await harness.sql.execute(dataSource, statement);
    models = (await dataSource.discoverAndBuildModels('film')) as Record<string, ModelClassLike>;
    schema = buildGraphQLSchema(models);
  });

  beforeEach(async () => {
    await harness.sql.execute(dataSource, 'delete from film');
    await harness.sql.execute(
      dataSource,
      `insert into film (film_id, title, rental_rate, last_update) values (1, 'a', 2.99, ${harness.name === 'mysql' ? "'2020-01-01 00:00:00'" : `'${OLD_UPDATE}'`})`,
    );
  });

  afterAll(async () => {
    await dataSource.disconnect();
    await harness.dropDatabase(database);
  });

  async function run(source: string) {
    const statements: StatementEvent[] = [];
    const stop = dataSource.connector!.observeStatements((event) => statements.push(event));
    const result = await graphql({ schema, source, contextValue: createGraphQLContext(models) });
    stop();
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return {
      data: result.data as Record<string, { title: string; rentalRate: string; lastUpdate: string }>,
      statements,
    };
  }

  async function storedFilm(id: number) {
    const [row] = await harness.sql.execute(
      dataSource,
      `select title, rental_rate, last_update from film where film_id = ${harness.sql.placeholder(1)}`,
      [id],
    );
    return row as { title: string; rental_rate: unknown; last_update: Date | string };
  }

  /** The stored last_update as the API writes it: PostgreSQL's raw text is canonical already (microseconds kept). */
  function apiText(stored: Date | string): string {
    return typeof stored === 'string' && stored.includes('T') ? stored : new Date(stored).toISOString();
  }

  it('answers an update with the rounded decimal, the trigger’s title and the new last_update', async () => {
    const { data } = await run(
      'mutation { updateFilm(filmId: 1, data: {title: "b", rentalRate: "3.999"}) { title rentalRate lastUpdate } }',
    );
    const stored = await storedFilm(1);
    expect(String(stored.rental_rate)).toBe('4.00');
    expect(data.updateFilm).toEqual({
      title: 'B',
      rentalRate: '4.00',
      lastUpdate: apiText(stored.last_update),
    });
    expect(data.updateFilm?.lastUpdate).not.toBe(OLD_UPDATE);
  });

  it('answers an upsert of an existing row with the row as stored', async () => {
    const { data } = await run(
      'mutation { upsertFilm(data: {filmId: 1, title: "c", rentalRate: "1.005"}) { title rentalRate lastUpdate } }',
    );
    const stored = await storedFilm(1);
    expect(data.upsertFilm).toEqual({
      title: 'C',
      rentalRate: '1.01',
      lastUpdate: apiText(stored.last_update),
    });
    expect(data.upsertFilm?.lastUpdate).not.toBe(OLD_UPDATE);
  });

  it('gives the instance of updateAttributes the stored values, through the juggler', async () => {
    const Film = dataSource.getModel('Film') as unknown as {
      findById(id: number): Promise<{ updateAttributes(data: object): Promise<Record<string, unknown>> }>;
    };
    const film = await Film.findById(1);
    const updated = await film.updateAttributes({ rentalRate: '0.125', title: 'd' });
    expect(updated).toMatchObject({ rentalRate: '0.13', title: 'D' });
  });

  it('reads the stored row in the update statement on PostgreSQL, and in the same transaction on MySQL', async () => {
    const { statements } = await run('mutation { updateFilm(filmId: 1, data: {title: "e"}) { title } }');
    const texts = statements.map((event) => event.sql.split(' ')[0]?.toUpperCase());
    if (harness.name === 'postgresql') {
      expect(texts).toEqual(['SELECT', 'UPDATE']);
      expect(statements[1]?.sql).toMatch(/ RETURNING /);
    } else {
      expect(texts).toEqual([
        'SELECT',
        expect.stringMatching(/^(BEGIN|START)$/),
        'UPDATE',
        'SELECT',
        'COMMIT',
      ]);
    }
  });
});

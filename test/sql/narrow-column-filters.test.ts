/**
 * Filters whose values lie outside a narrow column's range (an Int above smallint's 32767, a
 * Float above real's range) are valid and match no row (or every row), on every SQL dialect:
 * PostgreSQL types an untyped parameter as the column's type, so the compared parameters of
 * such columns are cast to the value's type (issue 18, item 12).
 */
import { type GraphQLSchema, graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraphQLSchema } from '../../src/graphql/build-schema.js';
import { createGraphQLContext } from '../../src/graphql/context.js';
import type { ModelClassLike } from '../../src/graphql/model-class.js';
import type { DataSource } from '../../src/juggler/datasource.js';
import { SQL_HARNESSES } from '../connectors/harness/sql-harnesses.js';

const DDL: Record<string, string[]> = {
  postgresql: [
    'create table film (film_id int primary key, length smallint, weight real)',
    'insert into film values (1, 50, 1.5), (2, 32767, 2.5), (3, null, null), (4, -32768, -1)',
  ],
  mysql: [
    'create table film (film_id int primary key, length smallint, weight float)',
    'insert into film values (1, 50, 1.5), (2, 32767, 2.5), (3, null, null), (4, -32768, -1)',
  ],
};

describe.each(SQL_HARNESSES)('filters beyond a narrow column’s range on $name', (harness) => {
  const database = 'sql_narrow_filters';
  let dataSource: DataSource;
  let models: Record<string, ModelClassLike>;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    dataSource = await harness.createDataSource(database);
    for (const statement of DDL[harness.name] ?? []) await harness.sql.execute(dataSource, statement);
    models = (await dataSource.discoverAndBuildModels('film')) as Record<string, ModelClassLike>;
    schema = buildGraphQLSchema(models);
  });

  afterAll(async () => {
    await dataSource.disconnect();
    await harness.dropDatabase(database);
  });

  async function ids(where: unknown): Promise<number[]> {
    const result = await graphql({
      schema,
      source: 'query ($where: FilmWhere) { films(where: $where) { filmId } }',
      variableValues: { where },
      contextValue: createGraphQLContext(models),
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const films = (result.data as { films: { filmId: number }[] }).films;
    return films.map((film) => film.filmId);
  }

  it('answers no row for an Int above a smallint column’s range, and every row below it', async () => {
    expect(await ids({ length: { gt: 40000 } })).toEqual([]);
    expect(await ids({ length: { eq: 40000 } })).toEqual([]);
    expect(await ids({ length: { lt: 40000 } })).toEqual([1, 2, 4]);
    expect(await ids({ length: { gte: -40000 } })).toEqual([1, 2, 4]);
    expect(await ids({ length: { between: [-70000, 70000] } })).toEqual([1, 2, 4]);
  });

  it('compares lists with values beyond a smallint column’s range', async () => {
    expect(await ids({ length: { inq: [50, 40000] } })).toEqual([1]);
    expect(await ids({ length: { inq: [40000] } })).toEqual([]);
    expect(await ids({ length: { nin: [50, 40000] } })).toEqual([2, 3, 4]);
    expect(await ids({ length: { neq: 40000 } })).toEqual([1, 2, 3, 4]);
  });

  it('answers the same through the juggler with numbers a smallint or real column cannot hold', async () => {
    const Film = dataSource.getModel('Film') as unknown as {
      find(filter: unknown, options: unknown): Promise<{ filmId: number }[]>;
    };
    const find = async (where: unknown) =>
      (await Film.find({ where, order: 'filmId', fields: ['filmId'] }, { raw: true })).map(
        (row) => row.filmId,
      );
    expect(await find({ length: { gt: 2 ** 40 } })).toEqual([]);
    expect(await find({ weight: { lt: 1e300 } })).toEqual([1, 2, 4]);
    expect(await find({ weight: { gt: -1e300, lt: 2 } })).toEqual([1, 4]);
  });
});

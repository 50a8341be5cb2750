import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { ReadParameter } from '../../src/juggler/connector/prepared-read.js';
import type { NormalizedFilter, WhereNode } from '../../src/juggler/filter/filter-types.js';
import { ChinookAlbum, ChinookTrack, sqlModel } from '../support/connector-models.js';
import { readRows } from '../support/connector-reads.js';
import { CHINOOK_PG_URL, createPgDatabase, dropPgDatabase } from '../support/databases.js';
import { observedConnector } from '../support/observed-connector.js';

const pricier = (price: string | ReadParameter): NormalizedFilter => ({
  where: { kind: 'compare', property: 'unitPrice', op: 'gt', value: price },
  order: [{ property: 'name', direction: 'ASC' }],
  limit: 3,
  fields: ['trackId', 'name', 'unitPrice'],
});

describe('statements of reused prepared reads', () => {
  const observed = observedConnector(() => new PostgresConnector({ url: CHINOOK_PG_URL }));

  it('sends the same statement for a reused read every time, whatever an observer does to its params', async () => {
    const read = observed.connector.prepareRead(
      {
        model: ChinookTrack,
        filter: {
          where: { kind: 'compare', property: 'name', op: 'like', value: 'Sp%' },
          order: [{ property: 'trackId', direction: 'ASC' }],
          fields: ['trackId', 'name'],
        },
      },
      { reused: true },
    );
    const seen: unknown[][] = [];
    const stop = observed.connector.observeStatements((event) => {
      seen.push([...event.params]);
      (event.params as unknown[]).length = 0;
    });
    const first = await read.run([]);
    const second = await read.run([]);
    stop();
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((row) => String(row.name).startsWith('Sp'))).toBe(true);
    expect(seen).toEqual([['Sp%'], ['Sp%']]);
    const [a, b] = observed.statements;
    expect(b?.sql).toBe(a?.sql);
    expect(a?.sql).toContain('WHERE "name" LIKE $1 ORDER BY "track_id" ASC');
  });

  it('writes the numbers of a reused read without parameters into its statement, so PostgreSQL plans it once', async () => {
    const literal = observed.connector.prepareRead(
      { model: ChinookTrack, filter: pricier('0.99') },
      { reused: true },
    );
    // The same read with the price a parameter (a GraphQL variable): parameters.
    const variable = observed.connector.prepareRead(
      { model: ChinookTrack, filter: pricier(new ReadParameter(0, '$price')) },
      { reused: true },
    );
    const planCounts = await observed.connector.transaction(async (transaction) => {
      for (let run = 0; run < 8; run++) {
        const rows = await literal.run([], { transaction });
        expect(rows.map((row) => row.unitPrice)).toEqual(['1.99', '1.99', '1.99']);
        expect(await variable.run(['0.99'], { transaction })).toEqual(rows);
      }
      return observed.connector.execute<{ statement: string; generic_plans: string; custom_plans: string }>(
        'select statement, generic_plans, custom_plans from pg_prepared_statements where statement like \'%"unit_price" >%\'',
        [],
        { transaction },
      );
    });
    const [inlined, parameterized] = observed.statements.filter((event) => event.sql.includes('unit_price'));
    expect(inlined?.sql).toContain(`WHERE "unit_price" > '0.99' ORDER BY "name" ASC LIMIT '3'`);
    expect(inlined?.params).toEqual([]);
    expect(parameterized?.sql).toContain('WHERE "unit_price" > $1 ORDER BY "name" ASC LIMIT $2');
    expect(parameterized?.params).toEqual(['0.99', 3]);
    const plansOf = (marker: string) => planCounts.find((row) => row.statement.includes(marker));
    // Without parameters: one plan, reused by all eight runs.
    expect(plansOf("> '0.99'")).toMatchObject({ generic_plans: '8', custom_plans: '0' });
    // With them, PostgreSQL re-plans every run: the generic plan of `> $1` is costed for a third of the table.
    expect(plansOf('> $1')).toMatchObject({ generic_plans: '0', custom_plans: '8' });
  });

  it('sends a read of the same literals that is not reused with parameters', async () => {
    const rows = await readRows(observed.connector, ChinookTrack, pricier('0.99'));
    expect(rows).toHaveLength(3);
    expect(observed.statements[0]?.sql).toContain('WHERE "unit_price" > $1 ORDER BY "name" ASC LIMIT $2');
    expect(observed.statements[0]?.params).toEqual(['0.99', 3]);
  });

  it('keeps a reused read whose values are not all numbers or booleans fully parameterized', async () => {
    const filter: NormalizedFilter = {
      where: {
        kind: 'and',
        nodes: [
          { kind: 'compare', property: 'albumId', op: 'eq', value: 1 },
          { kind: 'compare', property: 'name', op: 'neq', value: "It's a trap'); drop table track; --" },
        ],
      },
      fields: ['trackId'],
    };
    const rows = await observed.connector
      .prepareRead({ model: ChinookTrack, filter }, { reused: true })
      .run([]);
    expect(rows.length).toBeGreaterThan(0);
    expect(observed.statements[0]?.params).toEqual([1, "It's a trap'); drop table track; --"]);
  });

  it('prepares a filter changed since an earlier read of it with its new values', async () => {
    const filter = pricier('0.99');
    const pricey = await readRows(observed.connector, ChinookTrack, filter);
    (filter.where as { value: unknown }).value = '0';
    filter.limit = 1;
    const any = await readRows(observed.connector, ChinookTrack, filter);
    expect(pricey).toHaveLength(3);
    expect(any).toHaveLength(1);
    expect(any[0]?.unitPrice).toBe('0.99');
    expect(observed.statements.map((event) => event.params)).toEqual([
      ['0.99', 3],
      ['0', 1],
    ]);
  });

  it('prepares the same filter on another model with that model’s statement', async () => {
    const filter: NormalizedFilter = { limit: 1 };
    const tracks = await observed.connector
      .prepareRead({ model: ChinookTrack, filter }, { reused: true })
      .run([]);
    const albums = await observed.connector
      .prepareRead({ model: ChinookAlbum, filter }, { reused: true })
      .run([]);
    expect(tracks[0]).toHaveProperty('trackId');
    expect(albums[0]).toHaveProperty('albumId');
    expect(observed.statements[0]?.sql).toContain('"track"');
    expect(observed.statements[1]?.sql).toContain('"album"');
  });
});

describe('constants written into a statement mean what the parameter meant', () => {
  const database = 'pg_inlined_constants';
  let connector: PostgresConnector;
  const Sample = sqlModel('Sample', {
    id: { type: 'Number', id: 1 },
    small: 'Number',
    big: 'String',
    real: 'Number',
    exact: 'String',
    flag: 'Boolean',
  });
  const where = (property: string, op: 'eq' | 'gt' | 'lt', value: unknown): WhereNode => ({
    kind: 'compare',
    property,
    op,
    value,
  });

  beforeAll(async () => {
    const url = await createPgDatabase(database);
    connector = new PostgresConnector({ url, max: 1 });
    await connector.execute(`create table sample (id int primary key, small int, big bigint, real real,
      exact numeric(12, 4), flag boolean);
      insert into sample values (1, 5, 9007199254740993, 0.1, 0.1, true), (2, 7, 2, 0.3, 2.5, false),
        (3, 9, 3, 1e-7, -3, null)`);
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropPgDatabase(database);
  });

  const cases: [string, WhereNode, number[]][] = [
    // A real column compared with the literal as `real`, as the parameter was: 0.1::real = 0.1::real.
    ['a real column equal to 0.1', where('real', 'eq', 0.1), [1]],
    ['a real column below 1e-6', where('real', 'lt', 1e-6), [3]],
    ['an integer column above 6', where('small', 'gt', 6), [2, 3]],
    ['a bigint column equal to a bigint beyond 2^53', where('big', 'eq', 9007199254740993n), [1]],
    ['a numeric column equal to a decimal string', where('exact', 'eq', '2.5000'), [2]],
    ['a numeric column below a negative number', where('exact', 'lt', -2), [3]],
    ['a boolean column equal to false', where('flag', 'eq', false), [2]],
  ];

  it.each(cases)('%s', async (_title, node, expected) => {
    const filter: NormalizedFilter = {
      where: node,
      order: [{ property: 'id', direction: 'ASC' }],
      limit: 10,
      skip: 0,
      fields: ['id'],
    };
    const seen: { sql: string; params: readonly unknown[] }[] = [];
    const stop = connector.observeStatements((event) => seen.push(event));
    const inlined = await connector.prepareRead({ model: Sample, filter }, { reused: true }).run([]);
    const parameterized = await connector.prepareRead({ model: Sample, filter }).run([]);
    stop();
    expect(seen[0]?.params).toEqual([]);
    expect(seen[1]?.params.length).toBeGreaterThan(0);
    expect(inlined.map((row) => row.id)).toEqual(expected);
    expect(parameterized).toEqual(inlined);
  });
});

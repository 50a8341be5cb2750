import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { postgresDialect } from '../../src/connectors/postgresql/postgresql-query-compiler.js';
import {
  compileOrderBy,
  compileWhere,
  compileWhereClause,
} from '../../src/connectors/sql/filter-compiler.js';
import { ModelPlanCache } from '../../src/connectors/sql/model-plan.js';
import { renderSql } from '../../src/connectors/sql/sql-template.js';
import { buildSelect } from '../../src/connectors/sql/statement-builders.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { sqlModel } from '../support/connector-models.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';

const Item = sqlModel('Item', {
  id: { type: 'Number', id: 1, dataType: 'integer' },
  name: 'String',
  price: { type: 'Decimal', dataType: 'numeric', precision: 10, scale: 2 },
  qty: { type: 'Number', dataType: 'integer' },
  note: 'String',
  createdOn: 'DateString',
  meta: 'JSON',
});

const plan = new ModelPlanCache(postgresDialect).get(Item);

function cmp(property: string, op: Extract<WhereNode, { kind: 'compare' }>['op'], value: unknown): WhereNode {
  return { kind: 'compare', property, op, value };
}

function where(node: WhereNode): { text: string; values: unknown[] } {
  return renderSql(compileWhere(plan, node), postgresDialect);
}

/** [name, where, SQL text, values, ids of the matching rows] */
const CASES: [string, WhereNode, string, unknown[], number[]][] = [
  ['eq compares with a placeholder', cmp('name', 'eq', 'Apple'), '"name" = $1', ['Apple'], [1]],
  ['eq null is IS NULL', cmp('note', 'eq', null), '"note" IS NULL', [], [2, 5]],
  [
    'neq also matches NULL rows, as LoopBack',
    cmp('note', 'neq', 'fresh'),
    '("note" <> $1 OR "note" IS NULL)',
    ['fresh'],
    [2, 3, 4, 5],
  ],
  ['neq null is IS NOT NULL', cmp('note', 'neq', null), '"note" IS NOT NULL', [], [1, 3, 4]],
  ['gt on an exact decimal', cmp('price', 'gt', '0.99'), '"price" > $1', ['0.99'], [1, 3, 5]],
  ['gte', cmp('qty', 'gte', 5), '"qty" >= $1', [5], [1, 3]],
  ['lt', cmp('qty', 'lt', 2), '"qty" < $1', [2], [2]],
  ['lte', cmp('price', 'lte', '1.50'), '"price" <= $1', ['1.50'], [1, 2]],
  ['between is inclusive', cmp('qty', 'between', [1, 5]), '"qty" BETWEEN $1 AND $2', [1, 5], [3, 5]],
  ['inq sends one array parameter', cmp('id', 'inq', [1, 3, 99]), '"id" = ANY($1)', [[1, 3, 99]], [1, 3]],
  ['empty inq matches nothing', cmp('id', 'inq', []), 'FALSE', [], []],
  ['nin', cmp('id', 'nin', [1, 2]), '"id" <> ALL($1)', [[1, 2]], [3, 4, 5]],
  ['empty nin matches everything', cmp('id', 'nin', []), 'TRUE', [], [1, 2, 3, 4, 5]],
  [
    'a null inside inq also matches NULL rows',
    cmp('note', 'inq', ['fresh', null]),
    '("note" = ANY($1) OR "note" IS NULL)',
    [['fresh']],
    [1, 2, 5],
  ],
  [
    'a null inside nin also excludes NULL rows',
    cmp('note', 'nin', ['fresh', null]),
    '("note" <> ALL($1) AND "note" IS NOT NULL)',
    [['fresh']],
    [3, 4],
  ],
  ['like is case-sensitive', cmp('name', 'like', '%e%'), '"name" LIKE $1', ['%e%'], [1, 3, 4]],
  ['like with an upper-case prefix', cmp('name', 'like', 'C%'), '"name" LIKE $1', ['C%'], [3]],
  ['like honours backslash escapes', cmp('note', 'like', 'x\\_y\\%'), '"note" LIKE $1', ['x\\_y\\%'], [4]],
  ['nlike', cmp('name', 'nlike', 'C%'), '"name" NOT LIKE $1', ['C%'], [1, 2, 4, 5]],
  ['ilike ignores case', cmp('name', 'ilike', 'APPLE'), '"name" ILIKE $1', ['APPLE'], [1]],
  ['nilike', cmp('name', 'nilike', 'a%'), '"name" NOT ILIKE $1', ['a%'], [2, 3, 4, 5]],
  ['regexp with the i flag uses ~*', cmp('name', 'regexp', /^c/i), '"name" ~* $1', ['^c'], [3]],
  ['regexp without flags is case-sensitive', cmp('name', 'regexp', /^c/), '"name" ~ $1', ['^c'], []],
  ['regexp quantifiers and anchors', cmp('name', 'regexp', /an+a$/), '"name" ~ $1', ['an+a$'], [2]],
  ['regexp given as a string', cmp('name', 'regexp', '^[AB]'), '"name" ~ $1', ['^[AB]'], [1]],
  ['a constant false', { kind: 'constant', value: false }, 'FALSE', [], []],
  ['an empty and is true', { kind: 'and', nodes: [] }, 'TRUE', [], [1, 2, 3, 4, 5]],
  ['an empty or is false', { kind: 'or', nodes: [] }, 'FALSE', [], []],
  [
    'and/or nest with parentheses',
    {
      kind: 'or',
      nodes: [
        cmp('qty', 'gt', 4),
        { kind: 'and', nodes: [cmp('name', 'like', '%a%'), cmp('price', 'lt', '1.00')] },
      ],
    },
    '("qty" > $1 OR ("name" LIKE $2 AND "price" < $3))',
    [4, '%a%', '1.00'],
    [1, 2, 3],
  ],
  [
    "the spec's find example: { key: val, key2: {gt: 'val2'}}",
    { kind: 'and', nodes: [cmp('name', 'eq', 'Cherry pie'), cmp('qty', 'gt', 3)] },
    '("name" = $1 AND "qty" > $2)',
    ['Cherry pie', 3],
    [3],
  ],
  [
    'a DateString compares as a date',
    cmp('createdOn', 'gte', '2024-02-29'),
    '"created_on" >= $1',
    ['2024-02-29'],
    [3, 5],
  ],
];

describe('the filter compiler on PostgreSQL', () => {
  const database = 'sql_filter_compiler';
  let connector: PostgresConnector;

  beforeAll(async () => {
    const url = await createPgDatabase(database);
    connector = new PostgresConnector({ url });
    await connector.execute(`create table item (id int primary key, name text not null, price numeric(10,2),
      qty int, note text, created_on date, meta jsonb)`);
    await connector.execute(`insert into item values
      (1, 'Apple', 1.50, 10, 'fresh', '2024-01-15', '{"color": "red"}'),
      (2, 'banana', 0.99, 0, null, '2023-12-31', null),
      (3, 'Cherry pie', 12.00, 5, 'Sweet', '2024-02-29', '{"color": "dark"}'),
      (4, 'date', null, null, 'x_y%', null, '[]'),
      (5, 'Éclair', 3.25, 2, null, '2024-03-01', '{}')`);
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropPgDatabase(database);
  });

  for (const [name, node, text, values, ids] of CASES) {
    it(`compiles ${name} and the database agrees`, async () => {
      expect(where(node)).toEqual({ text, values });
      const rows = await connector.find(Item, {
        where: node,
        fields: ['id'],
        order: [{ property: 'id', direction: 'ASC' }],
      });
      expect(rows.map((row) => row.id)).toEqual(ids);
    });
  }

  it('omits the WHERE clause when nothing filters', () => {
    expect(renderSql(compileWhereClause(plan, undefined), postgresDialect).text).toBe('');
    expect(renderSql(compileWhereClause(plan, { kind: 'constant', value: true }), postgresDialect).text).toBe(
      '',
    );
    expect(renderSql(compileWhereClause(plan, cmp('id', 'eq', 1)), postgresDialect).text).toBe(
      ' WHERE "id" = $1',
    );
  });

  it('selects every property keyed by its property name, aliasing only renamed columns', () => {
    const statement = renderSql(buildSelect(plan, {}), postgresDialect);
    expect(statement.text).toBe(
      'SELECT "id", "name", "price", "qty", "note", "created_on" AS "createdOn", "meta" FROM "item"',
    );
  });

  it('compiles fields, order, limit and skip with parameters for the page', async () => {
    const filter = {
      where: cmp('price', 'gt', '0'),
      fields: ['id', 'createdOn'],
      order: [{ property: 'price', direction: 'DESC' as const }],
      limit: 2,
      skip: 1,
    };
    expect(renderSql(buildSelect(plan, filter), postgresDialect)).toEqual({
      text: 'SELECT "id", "created_on" AS "createdOn" FROM "item" WHERE "price" > $1 ORDER BY "price" DESC LIMIT $2 OFFSET $3',
      values: ['0', 2, 1],
    });
    expect(await connector.find(Item, filter)).toEqual([
      { id: 5, createdOn: '2024-03-01' },
      { id: 1, createdOn: '2024-01-15' },
    ]);
  });

  it('orders by several properties in the given directions', () => {
    const order = compileOrderBy(plan, [
      { property: 'qty', direction: 'DESC' },
      { property: 'createdOn', direction: 'ASC' },
    ]);
    expect(renderSql(order, postgresDialect).text).toBe(' ORDER BY "qty" DESC, "created_on" ASC');
  });

  it('compiles a composite id lookup and finds the row', async () => {
    const PlaylistTrack = sqlModel('PlaylistTrack', {
      playlistId: { type: 'Number', id: 1 },
      trackId: { type: 'Number', id: 2 },
    });
    await connector.execute(
      'create table playlist_track (playlist_id int, track_id int, primary key (playlist_id, track_id))',
    );
    await connector.execute('insert into playlist_track values (1, 1), (1, 2), (2, 1)');
    const node: WhereNode = { kind: 'and', nodes: [cmp('playlistId', 'eq', 1), cmp('trackId', 'eq', 2)] };
    const compositePlan = new ModelPlanCache(postgresDialect).get(PlaylistTrack);
    expect(renderSql(compileWhere(compositePlan, node), postgresDialect)).toEqual({
      text: '("playlist_id" = $1 AND "track_id" = $2)',
      values: [1, 2],
    });
    expect(await connector.find(PlaylistTrack, { where: node })).toEqual([{ playlistId: 1, trackId: 2 }]);
  });

  it('rejects an unknown property with UNKNOWN_PROPERTY before any statement', async () => {
    const statements: string[] = [];
    const stop = connector.observeStatements((event) => statements.push(event.sql));
    await expect(connector.find(Item, { where: cmp('colour', 'eq', 'red') })).rejects.toMatchObject({
      code: 'UNKNOWN_PROPERTY',
      details: { model: 'Item', property: 'colour' },
    });
    stop();
    expect(statements).toEqual([]);
  });

  it('rejects malformed operator values with INVALID_FILTER', () => {
    expect(() => where(cmp('qty', 'between', [1]))).toThrow(
      expect.objectContaining({ code: 'INVALID_FILTER' }),
    );
    expect(() => where(cmp('qty', 'inq', 3))).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
    expect(() => where(cmp('name', 'like', 3))).toThrow(expect.objectContaining({ code: 'INVALID_FILTER' }));
  });

  it('compares JSON values as jsonb text', async () => {
    const node = cmp('meta', 'eq', { color: 'red' });
    expect(where(node)).toEqual({ text: '"meta" = $1', values: ['{"color":"red"}'] });
    const rows = await connector.find(Item, { where: node, fields: ['id', 'meta'] });
    expect(rows).toEqual([{ id: 1, meta: { color: 'red' } }]);
  });
});

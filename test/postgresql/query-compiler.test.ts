// The SQL text the PostgreSQL dialect compiles filters to. What the filters match is tested for
// every dialect in test/connectors/filter-operators.test.ts.
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
import { readRows } from '../support/connector-reads.js';
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

/** [name, where, SQL text, values] */
const CASES: [string, WhereNode, string, unknown[]][] = [
  ['eq compares with a placeholder', cmp('name', 'eq', 'Apple'), '"name" = $1', ['Apple']],
  ['eq null is IS NULL', cmp('note', 'eq', null), '"note" IS NULL', []],
  [
    'neq also matches NULL rows, as LoopBack',
    cmp('note', 'neq', 'fresh'),
    '("note" <> $1 OR "note" IS NULL)',
    ['fresh'],
  ],
  ['neq null is IS NOT NULL', cmp('note', 'neq', null), '"note" IS NOT NULL', []],
  ['gt on an exact decimal', cmp('price', 'gt', '0.99'), '"price" > $1', ['0.99']],
  ['gte', cmp('qty', 'gte', 5), '"qty" >= $1', [5]],
  ['lt', cmp('qty', 'lt', 2), '"qty" < $1', [2]],
  ['lte', cmp('price', 'lte', '1.50'), '"price" <= $1', ['1.50']],
  ['between is inclusive', cmp('qty', 'between', [1, 5]), '"qty" BETWEEN $1 AND $2', [1, 5]],
  ['inq sends one array parameter', cmp('id', 'inq', [1, 3, 99]), '"id" = ANY($1)', [[1, 3, 99]]],
  ['inq of one value is a plain equality', cmp('id', 'inq', [7]), '"id" = $1', [7]],
  ['nin of one value is a plain inequality', cmp('id', 'nin', [7]), '"id" <> $1', [7]],
  ['empty inq matches nothing', cmp('id', 'inq', []), 'FALSE', []],
  ['nin on a column that cannot be null', cmp('id', 'nin', [1, 2]), '"id" <> ALL($1)', [[1, 2]]],
  [
    'nin also matches NULL rows, as neq does',
    cmp('qty', 'nin', [1, 2]),
    '("qty" <> ALL($1) OR "qty" IS NULL)',
    [[1, 2]],
  ],
  [
    'nin of one value compiles as neq of that value',
    cmp('qty', 'nin', [7]),
    '("qty" <> $1 OR "qty" IS NULL)',
    [7],
  ],
  ['empty nin matches everything', cmp('id', 'nin', []), 'TRUE', []],
  [
    'a null inside inq also matches NULL rows',
    cmp('note', 'inq', ['fresh', 'new', null]),
    '("note" = ANY($1) OR "note" IS NULL)',
    [['fresh', 'new']],
  ],
  [
    'a null inside nin also excludes NULL rows',
    cmp('note', 'nin', ['fresh', 'new', null]),
    '("note" <> ALL($1) AND "note" IS NOT NULL)',
    [['fresh', 'new']],
  ],
  ['like is case-sensitive', cmp('name', 'like', '%e%'), '"name" LIKE $1', ['%e%']],
  ['like with an upper-case prefix', cmp('name', 'like', 'C%'), '"name" LIKE $1', ['C%']],
  ['like honours backslash escapes', cmp('note', 'like', 'x\\_y\\%'), '"note" LIKE $1', ['x\\_y\\%']],
  [
    'nlike also matches NULL rows, as neq does',
    cmp('name', 'nlike', 'C%'),
    '("name" NOT LIKE $1 OR "name" IS NULL)',
    ['C%'],
  ],
  ['ilike ignores case', cmp('name', 'ilike', 'APPLE'), '"name" ILIKE $1', ['APPLE']],
  [
    'nilike also matches NULL rows, as neq does',
    cmp('name', 'nilike', 'a%'),
    '("name" NOT ILIKE $1 OR "name" IS NULL)',
    ['a%'],
  ],
  ['regexp with the i flag uses ~*', cmp('name', 'regexp', /^c/i), '"name" ~* $1', ['^c']],
  ['regexp without flags is case-sensitive', cmp('name', 'regexp', /^c/), '"name" ~ $1', ['^c']],
  ['regexp quantifiers and anchors', cmp('name', 'regexp', /an+a$/), '"name" ~ $1', ['an+a$']],
  ['regexp given as a string', cmp('name', 'regexp', '^[AB]'), '"name" ~ $1', ['^[AB]']],
  ['a constant false', { kind: 'constant', value: false }, 'FALSE', []],
  ['an empty and is true', { kind: 'and', nodes: [] }, 'TRUE', []],
  ['an empty or is false', { kind: 'or', nodes: [] }, 'FALSE', []],
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
  ],
  [
    "the spec's find example: { key: val, key2: {gt: 'val2'}}",
    { kind: 'and', nodes: [cmp('name', 'eq', 'Cherry pie'), cmp('qty', 'gt', 3)] },
    '("name" = $1 AND "qty" > $2)',
    ['Cherry pie', 3],
  ],
  [
    'a DateString compares as a date',
    cmp('createdOn', 'gte', '2024-02-29'),
    '"created_on" >= $1',
    ['2024-02-29'],
  ],
];

describe('the PostgreSQL filter SQL', () => {
  for (const [name, node, text, values] of CASES) {
    it(`compiles ${name}`, () => {
      expect(where(node)).toEqual({ text, values });
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

  it('compiles fields, order, limit and skip with parameters for the page', () => {
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
  });

  it('orders by several properties in the given directions', () => {
    const order = compileOrderBy(plan, [
      { property: 'qty', direction: 'DESC' },
      { property: 'createdOn', direction: 'ASC' },
    ]);
    expect(renderSql(order, postgresDialect).text).toBe(' ORDER BY "qty" DESC, "created_on" ASC');
  });

  it('compiles a composite id lookup', () => {
    const PlaylistTrack = sqlModel('PlaylistTrack', {
      playlistId: { type: 'Number', id: 1 },
      trackId: { type: 'Number', id: 2 },
    });
    const node: WhereNode = { kind: 'and', nodes: [cmp('playlistId', 'eq', 1), cmp('trackId', 'eq', 2)] };
    const compositePlan = new ModelPlanCache(postgresDialect).get(PlaylistTrack);
    expect(renderSql(compileWhere(compositePlan, node), postgresDialect)).toEqual({
      text: '("playlist_id" = $1 AND "track_id" = $2)',
      values: [1, 2],
    });
  });

  it('casts the values compared with a smallint or real column to int8 or float8, and leaves integer columns alone', () => {
    const Film = sqlModel('Film', {
      id: { type: 'Number', id: 1, dataType: 'integer' },
      length: { type: 'Number', dataType: 'smallint' },
      weight: { type: 'Number', dataType: 'real' },
    });
    const filmPlan = new ModelPlanCache(postgresDialect).get(Film);
    const film = (node: WhereNode) => renderSql(compileWhere(filmPlan, node), postgresDialect).text;
    expect(film(cmp('length', 'gt', 40000))).toBe('"length" > $1::int8');
    expect(film(cmp('length', 'between', [1, 40000]))).toBe('"length" BETWEEN $1::int8 AND $2::int8');
    expect(film(cmp('length', 'inq', [50, 40000]))).toBe('"length" = ANY($1::int8[])');
    expect(film(cmp('length', 'nin', [40000]))).toBe('("length" <> $1::int8 OR "length" IS NULL)');
    expect(film(cmp('weight', 'lt', 1e300))).toBe('"weight" < $1::float8');
    expect(film(cmp('id', 'gt', 5))).toBe('"id" > $1');
  });

  it('refuses a like pattern ending in a lone backslash, and accepts an escaped one', () => {
    expect(() => where(cmp('name', 'like', 'a\\'))).toThrow(
      expect.objectContaining({ code: 'INVALID_FILTER' }),
    );
    expect(where(cmp('name', 'like', 'a\\\\'))).toEqual({ text: '"name" LIKE $1', values: ['a\\\\'] });
  });
});

describe('JSON comparison on PostgreSQL', () => {
  const database = 'pg_query_compiler';
  let connector: PostgresConnector;

  beforeAll(async () => {
    const url = await createPgDatabase(database);
    connector = new PostgresConnector({ url });
    await connector.execute(`create table item (id int primary key, name text not null, price numeric(10,2),
      qty int, note text, created_on date, meta jsonb)`);
    await connector.execute(`insert into item values (1, 'Apple', 1.50, 10, 'fresh', '2024-01-15', '{"color": "red"}'),
      (3, 'Cherry pie', 12.00, 5, 'Sweet', '2024-02-29', '{"color": "dark"}')`);
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropPgDatabase(database);
  });

  it('compares JSON values as jsonb text', async () => {
    const node = cmp('meta', 'eq', { color: 'red' });
    expect(where(node)).toEqual({ text: '"meta" = $1', values: ['{"color":"red"}'] });
    const rows = await readRows(connector, Item, { where: node, fields: ['id', 'meta'] });
    expect(rows).toEqual([{ id: 1, meta: { color: 'red' } }]);
  });
});

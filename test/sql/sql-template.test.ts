import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { postgresDialect } from '../../src/connectors/postgresql/postgresql-query-compiler.js';
import type { SqlDialect } from '../../src/connectors/sql/sql-dialect.js';
import { renderSql, renderStatic, SqlFragment, sql } from '../../src/connectors/sql/sql-template.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';

/** A dialect with MySQL's quoting and placeholders, to show the template is dialect-neutral. */
const backtickDialect = {
  ...postgresDialect,
  name: 'backtick',
  quoteIdentifier: (name: string) => `\`${name.replaceAll('`', '``')}\``,
  placeholder: () => '?',
} satisfies SqlDialect;

const HOSTILE_NAMES = [
  'x"; DROP TABLE victim; --',
  'a"b',
  '""',
  "Robert'); DROP TABLE students;--",
  'select',
  'with space',
  'ünïcødé 表',
];

describe('the sql template', () => {
  it('turns every interpolated value into a numbered placeholder', () => {
    const query = sql`select * from t where a = ${1} and b = ${'two'} and c = ${null}`;
    expect(renderSql(query, postgresDialect)).toEqual({
      text: 'select * from t where a = $1 and b = $2 and c = $3',
      values: [1, 'two', null],
    });
  });

  it('quotes identifiers through the dialect, qualified names included', () => {
    const query = sql`select ${sql.id('unit_price')} from ${sql.id('public', 'track')}`;
    expect(renderSql(query, postgresDialect).text).toBe('select "unit_price" from "public"."track"');
    expect(renderSql(query, backtickDialect).text).toBe('select `unit_price` from `public`.`track`');
  });

  it('nests fragments and numbers their placeholders in order', () => {
    const condition = sql`${sql.id('a')} = ${1}`;
    const query = sql`select 1 where ${condition} and ${sql.id('b')} = ${2} or ${condition}`;
    expect(renderSql(query, postgresDialect)).toEqual({
      text: 'select 1 where "a" = $1 and "b" = $2 or "a" = $3',
      values: [1, 2, 1],
    });
    expect(renderSql(query, backtickDialect).text).toBe('select 1 where `a` = ? and `b` = ? or `a` = ?');
  });

  it('joins fragments with a separator', () => {
    const list = sql.join([sql`${sql.id('a')}`, sql`${5}`, sql`now()`]);
    expect(renderSql(sql`select ${list}`, postgresDialect)).toEqual({
      text: 'select "a", $1, now()',
      values: [5],
    });
    expect(renderSql(sql.join([sql`x`, sql`y`], sql` AND `), postgresDialect).text).toBe('x AND y');
  });

  it('doubles quote characters inside identifiers so that they cannot close the quote', () => {
    expect(renderSql(sql.id('x"; DROP TABLE victim; --'), postgresDialect).text).toBe(
      '"x""; DROP TABLE victim; --"',
    );
    expect(renderSql(sql.id('a`b'), backtickDialect).text).toBe('`a``b`');
  });

  it('refuses to be called as a plain function with a forged strings array', () => {
    const forged = ['select * from t where x = ', ''] as unknown as TemplateStringsArray;
    expect(() => sql(forged, 1)).toThrow(TypeError);
    const frozenWithoutRaw = Object.freeze(['drop table t']) as unknown as TemplateStringsArray;
    expect(() => sql(frozenWithoutRaw)).toThrow(TypeError);
  });

  it('cannot be constructed from outside the module', () => {
    expect(
      () => new SqlFragment(Symbol('trusted-sql-text'), [{ kind: 'text', text: 'drop table t' }]),
    ).toThrow(TypeError);
  });

  it('accepts only well-formed type names', () => {
    expect(renderSql(sql.typeName('numeric(10,2)'), postgresDialect).text).toBe('numeric(10,2)');
    expect(renderSql(sql.typeName('timestamp with time zone'), postgresDialect).text).toBe(
      'timestamp with time zone',
    );
    expect(renderSql(sql.typeName('text[]'), postgresDialect).text).toBe('text[]');
    expect(() => sql.typeName('int; drop table t')).toThrow(TypeError);
    expect(() => sql.typeName("text default 'x'")).toThrow(TypeError);
  });

  it('refuses empty identifiers', () => {
    expect(() => sql.id('')).toThrow(TypeError);
    expect(() => sql.id()).toThrow(TypeError);
  });

  it('renders a parameter-free fragment once and reuses the text', () => {
    const list = renderStatic(sql`${sql.id('a')}, ${sql.id('b')} AS ${sql.id('bee')}`, postgresDialect);
    expect(list.text).toBe('"a", "b" AS "bee"');
    expect(renderSql(sql`select ${list.fragment} where x = ${1}`, postgresDialect)).toEqual({
      text: 'select "a", "b" AS "bee" where x = $1',
      values: [1],
    });
    expect(() => renderStatic(sql`x = ${1}`, postgresDialect)).toThrow(TypeError);
  });
});

describe('injection attempts on a real PostgreSQL database', () => {
  const database = 'sql_template_injection';
  let connector: PostgresConnector;

  beforeAll(async () => {
    const url = await createPgDatabase(database);
    connector = new PostgresConnector({ url });
    await connector.execute('create table victim (id int primary key, note text)');
    await connector.execute("insert into victim values (1, 'still here')");
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropPgDatabase(database);
  });

  it('stores hostile values verbatim and leaves the other tables alone', async () => {
    const hostile = ["'; DROP TABLE victim; --", "' OR '1'='1", '$1', '\\', '"; select pg_sleep(10); --'];
    await connector.execute('create table notes (id serial primary key, body text)');
    for (const value of hostile) {
      const { text, values } = renderSql(
        sql`insert into ${sql.id('notes')} (${sql.id('body')}) values (${value})`,
        postgresDialect,
      );
      await connector.execute(text, values);
    }
    const rows = await connector.execute<{ body: string }>('select body from notes order by id');
    expect(rows.map((row) => row.body)).toEqual(hostile);
    const { text, values } = renderSql(
      sql`select count(*)::int as n from ${sql.id('notes')} where ${sql.id('body')} = ${"' OR '1'='1"}`,
      postgresDialect,
    );
    expect(await connector.execute(text, values)).toEqual([{ n: 1 }]);
    expect(await connector.execute('select note from victim')).toEqual([{ note: 'still here' }]);
  });

  it('creates and reads tables and columns with hostile names as plain names', async () => {
    for (const name of HOSTILE_NAMES) {
      const create = renderSql(sql`create table ${sql.id(name)} (${sql.id(name)} text)`, postgresDialect);
      await connector.execute(create.text, create.values);
      const insert = renderSql(
        sql`insert into ${sql.id(name)} (${sql.id(name)}) values (${name})`,
        postgresDialect,
      );
      await connector.execute(insert.text, insert.values);
      const select = renderSql(sql`select ${sql.id(name)} as v from ${sql.id(name)}`, postgresDialect);
      expect(await connector.execute(select.text, select.values)).toEqual([{ v: name }]);
    }
    const tables = await connector.execute<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public' and tablename = any($1)",
      [HOSTILE_NAMES],
    );
    expect(tables.map((row) => row.name).sort()).toEqual([...HOSTILE_NAMES].sort());
    expect(await connector.execute('select note from victim')).toEqual([{ note: 'still here' }]);
  });
});

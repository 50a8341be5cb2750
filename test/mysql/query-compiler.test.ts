// The SQL text the MySQL dialect compiles to, for MariaDB and MySQL 8. What the statements match
// is tested on the real server for every dialect in test/connectors/.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import {
  createMysqlDialect,
  hasInsertReturning,
  inlineMysqlValues,
  quoteMysqlIdentifier,
  renderMysqlInline,
} from '../../src/connectors/mysql/mysql-query-compiler.js';
import { BoundValue, bindValues } from '../../src/connectors/sql/bound-values.js';
import { compileWhere } from '../../src/connectors/sql/filter-compiler.js';
import { ModelPlanCache } from '../../src/connectors/sql/model-plan.js';
import type { SqlQueryOptions, SqlQueryResult } from '../../src/connectors/sql/sql-connector.js';
import { type CompiledSql, renderSql, renderStatement, sql } from '../../src/connectors/sql/sql-template.js';
import { buildGroupedSelect, buildSelect, buildUpsert } from '../../src/connectors/sql/statement-builders.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { sqlModel } from '../support/connector-models.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../support/databases.js';

const Item = sqlModel('Item', {
  id: { type: 'Number', id: 1, generated: true },
  name: 'String',
  qty: 'Number',
  location: 'GeoPoint',
  area: { type: 'JSON', dataType: 'polygon' },
  tags: { type: 'Array', itemType: 'String', dataType: 'set' },
});

const mariadb = createMysqlDialect('mariadb');
const mysql8 = createMysqlDialect('mysql');
const mariadbPlan = new ModelPlanCache(mariadb).get(Item);
const mysqlPlan = new ModelPlanCache(mysql8).get(Item);

function cmp(property: string, op: Extract<WhereNode, { kind: 'compare' }>['op'], value: unknown): WhereNode {
  return { kind: 'compare', property, op, value };
}

describe('the MySQL filter SQL', () => {
  const where = (node: WhereNode) => renderSql(compileWhere(mariadbPlan, node), mariadb);

  it('quotes identifiers with backticks, doubling inner backticks', () => {
    expect(quoteMysqlIdentifier('a`b')).toBe('`a``b`');
    expect(quoteMysqlIdentifier('x"; DROP TABLE t; --')).toBe('`x"; DROP TABLE t; --`');
  });

  it('sends one placeholder per IN-list value, and none for an empty list', () => {
    expect(where(cmp('id', 'inq', [1, 2, 3]))).toEqual({ text: '`id` IN (?, ?, ?)', values: [1, 2, 3] });
    expect(where(cmp('id', 'nin', [1]))).toEqual({ text: '`id` NOT IN (?)', values: [1] });
    expect(where(cmp('qty', 'nin', [1, 2]))).toEqual({
      text: '(`qty` NOT IN (?, ?) OR `qty` IS NULL)',
      values: [1, 2],
    });
    expect(where(cmp('id', 'inq', []))).toEqual({ text: 'FALSE', values: [] });
    expect(where(cmp('name', 'inq', ['a', null]))).toEqual({
      text: '(`name` IN (?) OR `name` IS NULL)',
      values: ['a'],
    });
  });

  it('makes like case-sensitive with a binary collation, whatever the column collation', () => {
    expect(where(cmp('name', 'like', 'A%'))).toEqual({
      text: 'CONVERT(`name` USING utf8mb4) COLLATE utf8mb4_bin LIKE ?',
      values: ['A%'],
    });
    expect(where(cmp('name', 'nlike', 'A%')).text).toBe(
      '(CONVERT(`name` USING utf8mb4) COLLATE utf8mb4_bin NOT LIKE ? OR `name` IS NULL)',
    );
  });

  it('makes ilike ignore case only, by lower-casing both sides', () => {
    expect(where(cmp('name', 'ilike', 'A%'))).toEqual({
      text: 'LOWER(CONVERT(`name` USING utf8mb4)) COLLATE utf8mb4_bin LIKE LOWER(?)',
      values: ['A%'],
    });
    expect(where(cmp('name', 'nilike', 'A%')).text).toBe(
      '(LOWER(CONVERT(`name` USING utf8mb4)) COLLATE utf8mb4_bin NOT LIKE LOWER(?) OR `name` IS NULL)',
    );
  });

  it('puts the regexp case flag into a MariaDB (PCRE) pattern', () => {
    expect(where(cmp('name', 'regexp', /^a/))).toEqual({
      text: 'CONVERT(`name` USING utf8mb4) REGEXP ?',
      values: ['(?-i)^a'],
    });
    expect(where(cmp('name', 'regexp', /^a/i))).toEqual({
      text: 'CONVERT(`name` USING utf8mb4) REGEXP ?',
      values: ['(?i)^a'],
    });
  });

  it('gives MySQL 8 (ICU) the regexp case flag as the REGEXP_LIKE match type', () => {
    const text = (node: WhereNode) => renderSql(compileWhere(mysqlPlan, node), mysql8);
    expect(text(cmp('name', 'regexp', /^a/))).toEqual({
      text: 'REGEXP_LIKE(CONVERT(`name` USING utf8mb4), ?, ?)',
      values: ['^a', 'c'],
    });
    expect(text(cmp('name', 'regexp', /^a/i))).toEqual({
      text: 'REGEXP_LIKE(CONVERT(`name` USING utf8mb4), ?, ?)',
      values: ['^a', 'i'],
    });
  });

  it('pages with LIMIT ? OFFSET ?, and an offset alone with the largest unsigned bigint as limit', () => {
    expect(renderSql(buildSelect(mariadbPlan, { fields: ['id'], limit: 5, skip: 10 }), mariadb)).toEqual({
      text: 'SELECT `id` FROM `item` LIMIT ? OFFSET ?',
      values: [5, 10],
    });
    expect(renderSql(buildSelect(mariadbPlan, { fields: ['id'], skip: 10 }), mariadb)).toEqual({
      text: 'SELECT `id` FROM `item` LIMIT 18446744073709551615 OFFSET ?',
      values: [10],
    });
  });

  it('reads non-point geometries as GeoJSON', () => {
    expect(renderSql(buildSelect(mariadbPlan, { fields: ['id', 'area'] }), mariadb).text).toBe(
      'SELECT `id`, ST_AsGeoJSON(`area`) AS `area` FROM `item`',
    );
  });

  it('upserts with ON DUPLICATE KEY UPDATE and writes geometries through their text forms', () => {
    const statement = renderSql(
      buildUpsert(
        mariadbPlan,
        {
          id: 1,
          location: { lat: 1, lng: 2 },
          area: { type: 'Point', coordinates: [0, 0] },
          tags: ['a', 'b'],
        },
        { returning: true },
      ),
      mariadb,
    );
    expect(statement).toEqual({
      text: 'INSERT INTO `item` (`id`, `location`, `area`, `tags`) VALUES (?, ST_GeomFromText(?), ST_GeomFromGeoJSON(?), ?) ON DUPLICATE KEY UPDATE `location` = VALUES(`location`), `area` = VALUES(`area`), `tags` = VALUES(`tags`)',
      values: [1, 'POINT(2 1)', '{"type":"Point","coordinates":[0,0]}', 'a,b'],
    });
  });

  it('pages each parent with row_number() and one placeholder per key', () => {
    const statement = renderSql(
      buildGroupedSelect(mariadbPlan, {
        partitionBy: ['qty'],
        keys: [[1], [2]],
        filter: { fields: ['id'], limit: 2 },
      })!,
      mariadb,
    );
    expect(statement).toEqual({
      text: 'SELECT `id`, `qty` FROM (SELECT `__t`.*, row_number() OVER (PARTITION BY `qty` ORDER BY `id` ASC) AS `__discograph_rn` FROM `item` AS `__t` WHERE `qty` IN (?, ?)) AS `__grouped` WHERE `__discograph_rn` > ? AND `__discograph_rn` <= ? ORDER BY `qty` ASC, `__discograph_rn`',
      values: [1, 2, 0, 2],
    });
  });
});

describe('client-side binding of generated MySQL statements', () => {
  it('puts escaped literals where the placeholders are, and quoted names where the identifiers are', () => {
    const statement = sql`SELECT ${sql.id('a?b')} FROM ${sql.id('db', 't`x')} WHERE ${sql.id('c')} IN (${sql.join(
      ["it's", 'back\\slash', null, 1.5, true, 12n, Buffer.from([1, 255])].map((value) => sql.value(value)),
    )}) AND ${sql.id('d')} = ${new Date('2024-02-29T23:30:00.123Z')} AND ${sql.id('j')} = ${{ a: [1] }}`;
    expect(renderMysqlInline(statement)).toBe(
      "SELECT `a?b` FROM `db`.`t``x` WHERE `c` IN ('it\\'s', 'back\\\\slash', NULL, 1.5, true, '12', X'01ff') AND `d` = '2024-02-29 23:30:00.123' AND `j` = '{\\\"a\\\":[1]}'",
    );
  });

  it('writes the bound values of each run into a statement rendered once, beside quoted names holding a ?', () => {
    const name = BoundValue.of((bindings) => bindings[0]);
    const statement = renderStatement(
      sql`SELECT ${sql.id('a?b')} FROM ${sql.id('t')} WHERE ${sql.id('c?')} = ${name} AND ${sql.id('d')} = ${1}`,
      mariadb,
    );
    expect(statement.text).toBe('SELECT `a?b` FROM `t` WHERE `c?` = ? AND `d` = ?');
    expect(inlineMysqlValues(statement.pieces, bindValues(statement, ["it's"]))).toBe(
      "SELECT `a?b` FROM `t` WHERE `c?` = 'it\\'s' AND `d` = 1",
    );
    expect(inlineMysqlValues(statement.pieces, bindValues(statement, ['?']))).toBe(
      "SELECT `a?b` FROM `t` WHERE `c?` = '?' AND `d` = 1",
    );
  });
});

describe('MySQL data access statements', () => {
  const database = 'mysql_query_compiler';
  const Gadget = sqlModel('Gadget', {
    id: { type: 'Number', id: 1, generated: true },
    label: 'String',
    stock: 'Number',
  });
  let connector: MysqlConnector;
  let statements: StatementEvent[];

  beforeAll(async () => {
    connector = new MysqlConnector({ url: await createMysqlDatabase(database) });
    await connector.execute(
      'create table gadget (id int auto_increment primary key, label text, stock int default 5)',
    );
    connector.observeStatements((event) => statements.push(event));
  });

  beforeEach(() => {
    statements = [];
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropMysqlDatabase(database);
  });

  it('creates on MariaDB in one statement: INSERT ... RETURNING gives the generated id and defaults', async () => {
    expect(await connector.create(Gadget, { label: 'lamp' })).toEqual({ id: 1, label: 'lamp', stock: 5 });
    expect(statements.map((event) => [event.sql, event.params])).toEqual([
      ['INSERT INTO `gadget` (`label`) VALUES (?) RETURNING `id`, `label`, `stock`', ['lamp']],
    ]);
  });

  it('creates from defaults alone with () VALUES ()', async () => {
    expect(await connector.create(Gadget, {})).toEqual({ id: 2, label: null, stock: 5 });
    expect(statements[0]?.sql).toBe('INSERT INTO `gadget` () VALUES () RETURNING `id`, `label`, `stock`');
  });

  it('upserts on MariaDB in one statement: the updated row comes back from INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING', async () => {
    expect(await connector.upsert(Gadget, { id: 1, stock: 9 })).toEqual({ id: 1, label: 'lamp', stock: 9 });
    expect(statements.map((event) => event.sql)).toEqual([
      'INSERT INTO `gadget` (`id`, `stock`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `stock` = VALUES(`stock`) RETURNING `id`, `label`, `stock`',
    ]);
    expect(await connector.upsert(Gadget, { id: 7, label: 'desk' })).toEqual({
      id: 7,
      label: 'desk',
      stock: 5,
    });
  });

  it('knows which servers answer INSERT ... RETURNING: MariaDB from 10.5, never MySQL', () => {
    expect(hasInsertReturning('10.11.6-MariaDB-0+deb12u1')).toBe(true);
    expect(hasInsertReturning('11.4.2-MariaDB')).toBe(true);
    expect(hasInsertReturning('10.4.32-MariaDB')).toBe(false);
    expect(hasInsertReturning('8.0.36')).toBe(false);
  });
});

/** The connector as on MySQL (no RETURNING), its read-back failing on demand. */
class MysqlWithoutReturning extends MysqlConnector {
  failReadBack = false;

  override async connect(): Promise<void> {
    await super.connect();
    // MariaDB is the server the tests have; MySQL's dialect differs only in this flag here.
    (
      this as unknown as { mysqlDialect: { supportsInsertReturning: boolean } }
    ).mysqlDialect.supportsInsertReturning = false;
  }

  protected override query(statement: CompiledSql, options: SqlQueryOptions): Promise<SqlQueryResult> {
    if (this.failReadBack && statement.text.startsWith('SELECT')) {
      return Promise.reject(new Error('read-back failed'));
    }
    return super.query(statement, options);
  }
}

describe('MySQL (no RETURNING) data access statements', () => {
  const database = 'mysql_without_returning';
  const Gadget = sqlModel('Gadget', {
    id: { type: 'Number', id: 1, generated: true },
    label: 'String',
    stock: 'Number',
  });
  let connector: MysqlWithoutReturning;
  let statements: StatementEvent[];

  beforeAll(async () => {
    connector = new MysqlWithoutReturning({ url: await createMysqlDatabase(database) });
    await connector.connect();
    await connector.execute(
      'create table gadget (id int auto_increment primary key, label text, stock int default 5)',
    );
    connector.observeStatements((event) => statements.push(event));
  });

  beforeEach(() => {
    statements = [];
    connector.failReadBack = false;
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropMysqlDatabase(database);
  });

  it('creates with an insert and a re-read by the generated insertId, in one transaction', async () => {
    expect(await connector.create(Gadget, { label: 'lamp' })).toEqual({ id: 1, label: 'lamp', stock: 5 });
    expect(statements.map((event) => [event.sql, event.params])).toEqual([
      ['START TRANSACTION', []],
      ['INSERT INTO `gadget` (`label`) VALUES (?)', ['lamp']],
      ['SELECT `id`, `label`, `stock` FROM `gadget` WHERE `id` = ? LIMIT ?', [1, 1]],
      ['COMMIT', []],
    ]);
  });

  it('upserts by the given id, then re-reads the row by that id, in one transaction', async () => {
    expect(await connector.upsert(Gadget, { id: 1, stock: 9 })).toEqual({ id: 1, label: 'lamp', stock: 9 });
    expect(statements.map((event) => event.sql)).toEqual([
      'START TRANSACTION',
      'INSERT INTO `gadget` (`id`, `stock`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `stock` = VALUES(`stock`)',
      'SELECT `id`, `label`, `stock` FROM `gadget` WHERE `id` = ? LIMIT ?',
      'COMMIT',
    ]);
  });

  it('leaves nothing written when the read-back of an insert fails', async () => {
    connector.failReadBack = true;
    await expect(connector.create(Gadget, { label: 'ghost' })).rejects.toThrow('read-back failed');
    expect(statements.map((event) => event.sql)).toEqual([
      'START TRANSACTION',
      'INSERT INTO `gadget` (`label`) VALUES (?)',
      'SELECT `id`, `label`, `stock` FROM `gadget` WHERE `id` = ? LIMIT ?',
      'ROLLBACK',
    ]);
    connector.failReadBack = false;
    expect(await connector.execute("SELECT id FROM gadget WHERE label = 'ghost'")).toEqual([]);
  });
});

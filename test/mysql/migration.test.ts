// MySQL-specific migration: the exact column types models defined in code get, and how the
// catalog's spellings (MariaDB `int(11)`, JSON as `longtext`) compare. What every dialect shares
// is tested in test/connectors/migration.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mysqlColumnType,
  normalizeColumnType,
  sameColumnType,
} from '../../src/connectors/mysql/mysql-column-types.js';
import { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import { sqlModel } from '../support/connector-models.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../support/databases.js';

const Article = sqlModel('Article', {
  id: { type: 'Number', id: 1, generated: true },
  title: { type: 'String', length: 20, nullable: false },
  body: 'Text',
  plain: 'String',
  rating: 'Number',
  price: { type: 'Number', precision: 8, scale: 2 },
  views: 'BigInt',
  total: { type: 'Decimal', precision: 12, scale: 4 },
  anyDecimal: 'Decimal',
  published: 'Boolean',
  createdAt: 'Date',
  day: 'DateString',
  meta: 'JSON',
  blob: 'Buffer',
  location: 'GeoPoint',
  tags: { type: 'Array', itemType: 'String' },
  small: { type: 'Number', dataType: 'smallint unsigned' },
  legacyInt: { type: 'Number', dataType: 'integer' },
  stamp: { type: 'Date', dataType: 'timestamp' },
});

describe('MySQL migration', () => {
  const database = 'mysql_migration';
  let connector: MysqlConnector;

  async function columnTypes(table: string): Promise<Record<string, string>> {
    const rows = await connector.execute(
      `select column_name as c, column_type as t, is_nullable as n, extra as e from information_schema.columns
        where table_schema = database() and table_name = ? order by ordinal_position`,
      [table],
    );
    return Object.fromEntries(
      rows.map((row) => [
        String(row.c),
        `${row.t}${row.n === 'NO' ? ' not null' : ''}${row.e ? ` ${row.e}` : ''}`,
      ]),
    );
  }

  beforeAll(async () => {
    connector = new MysqlConnector({ url: await createMysqlDatabase(database) });
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropMysqlDatabase(database);
  });

  it('automigrate gives every model type its MySQL column type', async () => {
    await connector.automigrate([Article]);
    expect(await columnTypes('article')).toEqual({
      id: 'int(11) not null auto_increment',
      title: 'varchar(20) not null',
      body: 'longtext',
      plain: 'text',
      rating: 'double',
      price: 'decimal(8,2)',
      views: 'bigint(20)',
      total: 'decimal(12,4)',
      any_decimal: 'decimal(65,30)',
      published: 'tinyint(1)',
      created_at: 'datetime(3)',
      day: 'date',
      meta: 'longtext',
      blob: 'longblob',
      location: 'point',
      tags: 'longtext',
      small: 'smallint(5) unsigned',
      legacy_int: 'int(11)',
      stamp: 'timestamp',
    });
    expect(await connector.isActual([Article])).toBe(true);
  });

  it('keeps a Decimal without precision exact to 30 decimals', async () => {
    const row = await connector.create(Article, { title: 'x', anyDecimal: '0.000001', tags: ['a'] });
    expect(row).toMatchObject({ anyDecimal: '0.000001000000000000000000000000', tags: ['a'] });
  });

  it('keeps an existing AUTO_INCREMENT when autoupdate restates a column', async () => {
    const Wider = sqlModel('Article', { id: { type: 'Number', id: 1, generated: true, dataType: 'bigint' } });
    await connector.autoupdate([Wider]);
    expect((await columnTypes('article')).id).toBe('bigint(20) not null auto_increment');
    expect(await connector.isActual([Wider])).toBe(true);
  });

  it('compares catalog spellings of MariaDB and MySQL 8 alike', () => {
    expect(normalizeColumnType('INT(11)')).toBe('int');
    expect(normalizeColumnType('int(10) unsigned')).toBe('int unsigned');
    expect(normalizeColumnType('tinyint(1)')).toBe('tinyint(1)');
    expect(normalizeColumnType('tinyint(4)')).toBe('tinyint');
    expect(sameColumnType('longtext', 'json')).toBe(true);
    expect(sameColumnType('json', 'json')).toBe(true);
    expect(sameColumnType('text', 'json')).toBe(false);
    expect(
      mysqlColumnType({
        name: 'a',
        column: 'a',
        type: 'String',
        dataType: 'character varying',
        length: 12,
        generated: false,
        nullable: true,
      }),
    ).toBe('varchar(12)');
  });
});

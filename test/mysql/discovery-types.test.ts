import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksStatement, parseServerInfo } from '../../src/connectors/mysql/mysql-catalog-queries.js';
import { assembleCatalog } from '../../src/connectors/mysql/mysql-catalog-snapshot.js';
import { createMysqlDiscovery, type MysqlRun } from '../../src/connectors/mysql/mysql-discovery.js';
import type { DiscoveredPropertyType } from '../../src/juggler/connector/connector.js';
import type {
  CatalogSnapshot,
  CatalogTable,
  PropertyRow,
} from '../../src/juggler/discovery/discovery-types.js';
import { createMysqlDatabase, dropMysqlDatabase, runMysqlSql } from '../support/databases.js';

const DATABASE = 'mysql_discovery_types';
/** A second database whose table references one of DATABASE's (a cross-database foreign key). */
const OTHER = 'mysql_discovery_types_other';

const SCHEMA = `
create table airport (
  code char(3) not null primary key comment 'IATA code',
  name varchar(100) not null,
  location point null,
  area polygon null
) comment 'Airports served';
create table flight (
  id int unsigned not null auto_increment primary key,
  departure_airport char(3) not null,
  arrival_airport char(3) not null,
  seats smallint not null default 100,
  status enum('scheduled','boarding','it''s late') not null default 'scheduled',
  features set('wifi','meals','power') null,
  duration_min int not null,
  duration_h decimal(6,2) as (duration_min / 60) virtual,
  duration_s int as (duration_min * 60) stored,
  note varchar(20) default 'it''s',
  constraint fk_flight_departure foreign key (departure_airport) references airport(code),
  constraint fk_flight_arrival foreign key (arrival_airport) references airport(code),
  constraint chk_seats check (seats > 0),
  unique key uq_flight_route (departure_airport, arrival_airport, duration_min)
);
create table all_types (
  id bigint unsigned not null auto_increment primary key,
  t_bool tinyint(1) not null default 0, t_boolean boolean,
  t_tiny tinyint, t_tiny_u tinyint unsigned, t_small smallint, t_small_u smallint unsigned,
  t_medium mediumint, t_medium_u mediumint unsigned, t_int int, t_int_u int unsigned,
  t_big bigint, t_big_u bigint unsigned,
  t_dec decimal(10,2), t_float float, t_double double,
  t_char char(10), t_varchar varchar(255) not null, t_tinytext tinytext, t_text text,
  t_mediumtext mediumtext, t_longtext longtext,
  t_date date, t_datetime datetime(3) default current_timestamp(3),
  t_timestamp timestamp null default current_timestamp on update current_timestamp,
  t_time time, t_year year,
  t_json json, t_binary binary(16), t_varbinary varbinary(64), t_tinyblob tinyblob, t_blob blob,
  t_mediumblob mediumblob, t_longblob longblob,
  t_bit1 bit(1) default b'1', t_bit8 bit(8),
  t_point point, t_geometry geometry, t_linestring linestring,
  t_uuid uuid, t_inet6 inet6,
  t_nulltext varchar(20) default 'NULL', t_expr varchar(36) default (uuid()),
  t_age int check (t_age >= 0)
);
create table orders (
  region char(2) not null, order_no int not null, customer varchar(40),
  primary key (region, order_no)
);
create table order_line (
  region char(2) not null, order_no int not null, line_no int not null, qty int not null,
  primary key (region, order_no, line_no),
  constraint fk_line_order foreign key (region, order_no) references orders(region, order_no),
  constraint chk_line check (qty > 0 and line_no > 0)
);
create table employee (
  id int not null auto_increment primary key,
  manager_id int null comment 'The manager, another employee',
  email varchar(120) not null unique,
  constraint fk_employee_manager foreign key (manager_id) references employee(id)
);
create view flight_board as
  select f.id, f.status, d.name as departure from flight f join airport d on d.code = f.departure_airport;
create view employee_count as select count(*) as n from employee;
`;

let pool: mysql.Pool;
let snapshot: CatalogSnapshot;

function poolRun(target: mysql.Pool): MysqlRun {
  return async (sql, params) => {
    const [rows] = await target.query(sql, [...params]);
    return rows as Record<string, unknown>[];
  };
}

function table(name: string): CatalogTable {
  const found = snapshot.tables.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`table ${name} not discovered`);
  return found;
}

function column(tableName: string, columnName: string): PropertyRow {
  const found = table(tableName).columns.find((candidate) => candidate.columnName === columnName);
  if (!found) throw new Error(`column ${tableName}.${columnName} not discovered`);
  return found;
}

beforeAll(async () => {
  const url = await createMysqlDatabase(DATABASE);
  await runMysqlSql(url, SCHEMA);
  await runMysqlSql(
    await createMysqlDatabase(OTHER),
    `create table gate (id int primary key, airport_code char(3) not null,
       constraint fk_gate_airport foreign key (airport_code) references ${DATABASE}.airport (code))`,
  );
  pool = mysql.createPool({ uri: url, connectionLimit: 4 });
  snapshot = await createMysqlDiscovery(poolRun(pool)).discoverCatalog({});
});

afterAll(async () => {
  await pool?.end();
  await dropMysqlDatabase(OTHER);
  await dropMysqlDatabase(DATABASE);
});

describe('MySQL discovery of every column type', () => {
  const discovery = () => createMysqlDiscovery(poolRun(pool));

  it.each<[string, DiscoveredPropertyType]>([
    ['t_bool', { type: 'Boolean' }],
    ['t_boolean', { type: 'Boolean' }],
    ['t_tiny', { type: 'Number', integer: { bits: 8, signed: true } }],
    ['t_tiny_u', { type: 'Number', integer: { bits: 8, signed: false } }],
    ['t_small', { type: 'Number', integer: { bits: 16, signed: true } }],
    ['t_small_u', { type: 'Number', integer: { bits: 16, signed: false } }],
    ['t_medium', { type: 'Number', integer: { bits: 24, signed: true } }],
    ['t_medium_u', { type: 'Number', integer: { bits: 24, signed: false } }],
    ['t_int', { type: 'Number', integer: { bits: 32, signed: true } }],
    ['t_int_u', { type: 'Number', integer: { bits: 32, signed: false } }],
    ['t_big', { type: 'BigInt', integer: { bits: 64, signed: true } }],
    ['t_big_u', { type: 'BigInt', integer: { bits: 64, signed: false } }],
    ['id', { type: 'BigInt', integer: { bits: 64, signed: false } }],
    ['t_dec', { type: 'Decimal', precision: 10, scale: 2 }],
    ['t_float', { type: 'Number' }],
    ['t_double', { type: 'Number' }],
    ['t_char', { type: 'String', length: 10 }],
    ['t_varchar', { type: 'String', length: 255 }],
    ['t_tinytext', { type: 'String' }],
    ['t_text', { type: 'String' }],
    ['t_mediumtext', { type: 'Text' }],
    ['t_longtext', { type: 'Text' }],
    ['t_date', { type: 'DateString' }],
    ['t_datetime', { type: 'LocalDateTime' }],
    ['t_timestamp', { type: 'DateTime' }],
    ['t_time', { type: 'String' }],
    ['t_year', { type: 'Number', integer: { bits: 16, signed: false } }],
    ['t_json', { type: 'JSON' }],
    ['t_binary', { type: 'Buffer' }],
    ['t_varbinary', { type: 'Buffer' }],
    ['t_tinyblob', { type: 'Buffer' }],
    ['t_blob', { type: 'Buffer' }],
    ['t_mediumblob', { type: 'Buffer' }],
    ['t_longblob', { type: 'Buffer' }],
    ['t_bit1', { type: 'Boolean' }],
    ['t_bit8', { type: 'Buffer' }],
    ['t_point', { type: 'GeoPoint' }],
    ['t_geometry', { type: 'JSON' }],
    ['t_linestring', { type: 'JSON' }],
    ['t_uuid', { type: 'String' }],
    ['t_inet6', { type: 'String' }],
  ])('maps all_types.%s to %o', (columnName, expected) => {
    expect(discovery().mapPropertyType(column('all_types', columnName))).toEqual(expected);
  });

  it('maps enum columns to String and set columns to an Array of String', () => {
    expect(discovery().mapPropertyType(column('flight', 'status'))).toEqual({ type: 'String' });
    expect(discovery().mapPropertyType(column('flight', 'features'))).toEqual({
      type: 'Array',
      itemType: 'String',
    });
  });

  it('reports the unsigned and display-width facts in udtName and the sizes in the spec fields', () => {
    expect(column('all_types', 't_big_u')).toMatchObject({
      dataType: 'bigint',
      udtName: 'bigint(20) unsigned',
      dataPrecision: 20,
      dataScale: 0,
    });
    expect(column('all_types', 't_bool')).toMatchObject({ dataType: 'tinyint', udtName: 'tinyint(1)' });
    expect(column('all_types', 't_varchar')).toMatchObject({ dataLength: 255, nullable: false });
  });

  it("reports MariaDB's longtext-with-json_valid column as json and drops the json_valid check", () => {
    expect(column('all_types', 't_json')).toMatchObject({
      dataType: 'json',
      udtName: 'json',
      dataLength: null,
      checks: [],
    });
    expect(table('all_types').checkConstraints.map((check) => check.name)).toEqual(['t_age']);
  });

  it('keeps enum and set values, unescaping quotes', () => {
    expect(column('flight', 'status').enumValues).toEqual(['scheduled', 'boarding', "it's late"]);
    expect(column('flight', 'features')).toMatchObject({
      enumValues: ['wifi', 'meals', 'power'],
      arrayElementType: 'enum',
    });
  });

  it('reports defaults as SQL text, and no default as null (not the string NULL)', () => {
    expect(column('flight', 'seats').columnDefault).toBe('100');
    expect(column('flight', 'status').columnDefault).toBe("'scheduled'");
    expect(column('flight', 'note').columnDefault).toBe("'it''s'");
    expect(column('flight', 'features').columnDefault).toBeNull();
    expect(column('flight', 'duration_min').columnDefault).toBeNull();
    expect(column('all_types', 't_nulltext').columnDefault).toBe("'NULL'");
    expect(column('all_types', 't_datetime').columnDefault).toBe('current_timestamp(3)');
    expect(column('all_types', 't_expr').columnDefault).toBe('uuid()');
    expect(column('all_types', 't_bit1').columnDefault).toBe("b'1'");
  });

  it('reports auto_increment, virtual and stored generated columns', () => {
    expect(column('flight', 'id')).toMatchObject({ generated: 'auto_increment', updatable: true });
    expect(column('flight', 'duration_h')).toMatchObject({
      generated: 'virtual',
      generationExpression: '`duration_min` / 60',
      updatable: false,
    });
    expect(column('flight', 'duration_s')).toMatchObject({
      generated: 'stored',
      generationExpression: '`duration_min` * 60',
      updatable: false,
    });
    expect(column('flight', 'seats')).toMatchObject({ generated: null, generationExpression: null });
  });

  it('reports table and column comments as descriptions', () => {
    expect(table('airport').description).toBe('Airports served');
    expect(column('airport', 'code').description).toBe('IATA code');
    expect(column('employee', 'manager_id').description).toBe('The manager, another employee');
    expect(table('flight').description).toBeNull();
    expect(column('flight', 'seats').description).toBeNull();
  });
});

describe('MySQL discovery of keys and constraints', () => {
  it('reads the composite primary key and the composite foreign key in key order', () => {
    expect(table('order_line').primaryKey.map((pk) => [pk.columnName, pk.keySeq])).toEqual([
      ['region', 1],
      ['order_no', 2],
      ['line_no', 3],
    ]);
    expect(table('order_line').foreignKeys).toEqual([
      {
        fkOwner: DATABASE,
        fkName: 'fk_line_order',
        fkTableName: 'order_line',
        fkColumnName: 'region',
        keySeq: 1,
        pkOwner: DATABASE,
        pkName: 'PRIMARY',
        pkTableName: 'orders',
        pkColumnName: 'region',
      },
      {
        fkOwner: DATABASE,
        fkName: 'fk_line_order',
        fkTableName: 'order_line',
        fkColumnName: 'order_no',
        keySeq: 2,
        pkOwner: DATABASE,
        pkName: 'PRIMARY',
        pkTableName: 'orders',
        pkColumnName: 'order_no',
      },
    ]);
  });

  it('reads two foreign keys from one table to the same table as two constraints', () => {
    expect(
      table('flight').foreignKeys.map((fk) => [fk.fkName, fk.fkColumnName, fk.pkTableName, fk.pkColumnName]),
    ).toEqual([
      ['fk_flight_arrival', 'arrival_airport', 'airport', 'code'],
      ['fk_flight_departure', 'departure_airport', 'airport', 'code'],
    ]);
  });

  it('reads a self-reference', () => {
    expect(
      table('employee').foreignKeys.map((fk) => [fk.fkColumnName, fk.pkTableName, fk.pkColumnName]),
    ).toEqual([['manager_id', 'employee', 'id']]);
  });

  it('reads single-column and composite unique constraints', () => {
    expect(table('employee').uniqueConstraints).toEqual([
      { owner: DATABASE, tableName: 'employee', name: 'email', columns: ['email'] },
    ]);
    expect(table('flight').uniqueConstraints).toEqual([
      {
        owner: DATABASE,
        tableName: 'flight',
        name: 'uq_flight_route',
        columns: ['departure_airport', 'arrival_airport', 'duration_min'],
      },
    ]);
  });

  it('reads table and column check constraints with the columns they involve', () => {
    expect(table('order_line').checkConstraints).toEqual([
      {
        owner: DATABASE,
        tableName: 'order_line',
        name: 'chk_line',
        expression: '`qty` > 0 and `line_no` > 0',
        columns: ['qty', 'line_no'],
      },
    ]);
    expect(column('order_line', 'qty').checks).toEqual([]);
    expect(column('flight', 'seats').checks).toEqual(['`seats` > 0']);
    expect(column('all_types', 't_age').checks).toEqual(['`t_age` >= 0']);
  });

  it("reads the same checks with MySQL 8's statement (CHECK_CONSTRAINTS without TABLE_NAME)", async () => {
    const [rows] = await pool.query('select version() as version, database() as currentDatabase');
    const mysql8 = { ...parseServerInfo((rows as Record<string, unknown>[])[0]), flavour: 'mysql' as const };
    const scope = { owners: [DATABASE], views: true };
    const statement = checksStatement(scope, mysql8);
    expect(statement.sql).not.toMatch(/cc\.TABLE_NAME/);
    const [checks] = await pool.query(statement.sql, statement.params);
    const tables = assembleCatalog(
      { tables: snapshotTableRows(), columns: [], keys: [], checks: checks as Record<string, unknown>[] },
      scope,
      mysql8,
    );
    const byTable = Object.fromEntries(
      tables.map((t) => [t.name, t.checkConstraints.map((check) => check.name)]),
    );
    expect(byTable).toMatchObject({ flight: ['chk_seats'], order_line: ['chk_line'] });
  });

  it('gives the foreign keys another table exports, composite keys included', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverExportedForeignKeys('orders', {});
    expect(rows.map((row) => [row.fkTableName, row.fkColumnName, row.keySeq, row.pkColumnName])).toEqual([
      ['order_line', 'region', 1, 'region'],
      ['order_line', 'order_no', 2, 'order_no'],
    ]);
    const airport = await createMysqlDiscovery(poolRun(pool)).discoverExportedForeignKeys('airport', {});
    expect(airport.map((row) => row.fkName)).toEqual(['fk_flight_arrival', 'fk_flight_departure']);
  });
});

describe('MySQL discovery across databases', () => {
  it('reads a foreign key into another database with that database as pkOwner', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverForeignKeys('gate', { owner: OTHER });
    expect(rows).toEqual([
      {
        fkOwner: OTHER,
        fkName: 'fk_gate_airport',
        fkTableName: 'gate',
        fkColumnName: 'airport_code',
        keySeq: 1,
        pkOwner: DATABASE,
        pkName: 'PRIMARY',
        pkTableName: 'airport',
        pkColumnName: 'code',
      },
    ]);
  });

  it('finds keys exported to other databases only with {all: true}', async () => {
    const discovery = createMysqlDiscovery(poolRun(pool));
    const own = await discovery.discoverExportedForeignKeys('airport', {});
    expect(own.map((row) => `${row.fkOwner}.${row.fkTableName}`)).toEqual([
      `${DATABASE}.flight`,
      `${DATABASE}.flight`,
    ]);
    const all = await discovery.discoverExportedForeignKeys('airport', { all: true });
    expect(all.map((row) => `${row.fkOwner}.${row.fkTableName}.${row.fkColumnName}`)).toEqual([
      `${DATABASE}.flight.arrival_airport`,
      `${DATABASE}.flight.departure_airport`,
      `${OTHER}.gate.airport_code`,
    ]);
  });
});

describe('MySQL discovery of views', () => {
  it('lists views only when asked to (discoverModelDefinitions({views: true}))', async () => {
    const discovery = createMysqlDiscovery(poolRun(pool));
    const tablesOnly = await discovery.discoverModelDefinitions({});
    expect(tablesOnly.map((row) => row.name)).toEqual([
      'airport',
      'all_types',
      'employee',
      'flight',
      'order_line',
      'orders',
    ]);
    const withViews = await discovery.discoverModelDefinitions({ views: true });
    expect(withViews.filter((row) => row.type === 'view')).toEqual([
      { type: 'view', name: 'employee_count', owner: DATABASE, kind: 'view', description: null },
      { type: 'view', name: 'flight_board', owner: DATABASE, kind: 'view', description: null },
    ]);
  });

  it('describes a view named with its owner (discoverModelProperties(view, {owner}))', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverModelProperties('flight_board', {
      owner: DATABASE,
    });
    expect(rows.map((row) => [row.columnName, row.dataType, row.columnDefault, row.updatable])).toEqual([
      ['id', 'int', null, true],
      ['status', 'enum', null, true],
      ['departure', 'varchar', null, true],
    ]);
  });

  it('marks the columns of a view that cannot be written as not updatable', () => {
    expect(table('employee_count').kind).toBe('view');
    expect(column('employee_count', 'n')).toMatchObject({ dataType: 'bigint', updatable: false });
  });

  it('always includes views in a catalog read, for the snapshot-based calls to filter', async () => {
    const all = await createMysqlDiscovery(poolRun(pool)).discoverCatalog({ views: false });
    expect(all.tables.filter((t) => t.kind === 'view').map((t) => t.name)).toEqual([
      'employee_count',
      'flight_board',
    ]);
    expect(all.tables).toHaveLength(8);
  });
});

/** The tables of the snapshot as rows of the tables statement (for assembling a partial read). */
function snapshotTableRows(): Record<string, unknown>[] {
  return snapshot.tables.map((t) => ({
    source: 'table',
    owner: t.owner,
    name: t.name,
    tableType: t.kind === 'view' ? 'VIEW' : 'BASE TABLE',
    comment: t.description ?? '',
  }));
}

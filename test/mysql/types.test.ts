// Every MySQL/MariaDB column type of the issue, discovered, then written and read through the
// connector with the model built from discovery (what the juggler does with a discovered schema).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import type { ConnectorModel, ConnectorProperty } from '../../src/juggler/connector/connector-model.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { readRows } from '../support/connector-reads.js';
import { createMysqlDatabase, dropMysqlDatabase } from '../support/databases.js';

process.env.TZ = 'America/Los_Angeles';

const DATABASE = 'mysql_types_round_trip';

const TABLE = `create table every_type (
  id bigint unsigned not null auto_increment primary key,
  t_bool tinyint(1), t_tiny tinyint, t_tiny_u tinyint unsigned, t_small smallint, t_small_u smallint unsigned,
  t_medium mediumint, t_int int, t_int_u int unsigned, t_big bigint, t_big_u bigint unsigned,
  t_dec decimal(30,10), t_float float, t_double double,
  t_char char(10), t_varchar varchar(255), t_text text, t_mediumtext mediumtext, t_longtext longtext,
  t_enum enum('scheduled','boarding','it''s late'), t_set set('wifi','meals','power'),
  t_date date, t_datetime datetime(3), t_timestamp timestamp(3) null, t_time time, t_year year,
  t_json json, t_binary binary(4), t_varbinary varbinary(64), t_blob blob, t_longblob longblob,
  t_bit1 bit(1), t_bit8 bit(8), t_point point, t_polygon polygon, t_linestring linestring,
  t_uuid uuid, t_inet6 inet6,
  t_generated int as (t_small * 2) virtual
)`;

/** `t_big_u` → `tBigU`. */
function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** The ConnectorModel the juggler would build from the discovered columns and key. */
async function discoveredModel(connector: MysqlConnector, table: string): Promise<ConnectorModel> {
  const columns = await connector.discoverModelProperties(table, {});
  const keys = (await connector.discoverPrimaryKeys(table, {})).map((key) => key.columnName);
  const properties = columns.map((column): ConnectorProperty => {
    const mapped = connector.mapPropertyType(column);
    const idIndex = keys.indexOf(column.columnName) + 1;
    const property: ConnectorProperty = {
      name: camel(column.columnName),
      column: column.columnName,
      type: mapped.type,
      dataType: column.dataType,
      generated: column.generated !== null,
      nullable: column.nullable,
      readOnly: !column.updatable || column.generated === 'stored' || column.generated === 'virtual',
    };
    if (mapped.itemType) property.itemType = mapped.itemType;
    if (idIndex > 0) property.idIndex = idIndex;
    return property;
  });
  return {
    name: 'EveryType',
    table,
    properties,
    propertyByName: new Map(properties.map((property) => [property.name, property])),
    idProperties: properties.filter((property) => property.idIndex).map((property) => property.name),
    readOnly: false,
    settings: {},
  };
}

const VALUES = {
  tBool: true,
  tTiny: -128,
  tTinyU: 255,
  tSmall: -32768,
  tSmallU: 65535,
  tMedium: -8388608,
  tInt: -2147483648,
  tIntU: 4294967295,
  tBig: '-9223372036854775808',
  tBigU: '18446744073709551615',
  tDec: '12345678901234567890.0123456789',
  tFloat: 1.5,
  tDouble: 1.5e300,
  tChar: 'fixed',
  tVarchar: "it's ünïcødé 表 \\ `x`",
  tText: 'text',
  tMediumtext: 'medium',
  tLongtext: 'long',
  tEnum: "it's late",
  tSet: ['wifi', 'power'],
  tDate: '2024-02-29',
  tDatetime: '2024-02-29T23:30:00.123',
  tTimestamp: '2024-03-01T00:00:00.500Z',
  tTime: '13:45:30',
  tYear: 2024,
  tJson: { a: [1, 'x', null], b: { c: true } },
  tBinary: Buffer.from([0, 1, 2, 255]),
  tVarbinary: Buffer.from('var'),
  tBlob: Buffer.from([92, 39, 34, 0]),
  tLongblob: Buffer.from('long blob'),
  tBit1: true,
  tBit8: Buffer.from([0b10100101]),
  tPoint: { lat: 52.52, lng: 13.405 },
  tPolygon: {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  },
  tLinestring: {
    type: 'LineString',
    coordinates: [
      [0, 0],
      [2, 3],
    ],
  },
  tUuid: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  tInet6: '2001:db8::1',
};

describe('every MySQL column type round-trips through a discovered model', () => {
  let connector: MysqlConnector;
  let model: ConnectorModel;

  beforeAll(async () => {
    const url = await createMysqlDatabase(DATABASE);
    connector = new MysqlConnector({ url });
    await connector.execute(TABLE);
    model = await discoveredModel(connector, 'every_type');
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropMysqlDatabase(DATABASE);
  });

  it('maps every column to the model type the issue asks for', () => {
    const types = Object.fromEntries(model.properties.map((property) => [property.name, property.type]));
    expect(types).toMatchObject({
      id: 'BigInt',
      tBool: 'Boolean',
      tTinyU: 'Number',
      tBig: 'BigInt',
      tBigU: 'BigInt',
      tDec: 'Decimal',
      tFloat: 'Number',
      tMediumtext: 'Text',
      tEnum: 'String',
      tSet: 'Array',
      tDate: 'DateString',
      tDatetime: 'LocalDateTime',
      tTimestamp: 'DateTime',
      tTime: 'String',
      tYear: 'Number',
      tJson: 'JSON',
      tBlob: 'Buffer',
      tBit1: 'Boolean',
      tBit8: 'Buffer',
      tPoint: 'GeoPoint',
      tPolygon: 'JSON',
      tGenerated: 'Number',
    });
  });

  it('writes and reads back every type in the juggler representation', async () => {
    const created = await connector.create(model, VALUES);
    expect(created).toEqual({ id: '1', ...VALUES, tGenerated: -65536 });
    const [found] = await readRows(connector, model, {
      where: { kind: 'compare', property: 'id', op: 'eq', value: '1' },
    });
    expect(found).toEqual(created);
  });

  it('finds rows by values of the MySQL-specific types', async () => {
    const find = async (node: WhereNode) =>
      (await readRows(connector, model, { where: node, fields: ['id'] })).map((row) => row.id);
    expect(
      await find({ kind: 'compare', property: 'tBigU', op: 'eq', value: '18446744073709551615' }),
    ).toEqual(['1']);
    expect(
      await find({ kind: 'compare', property: 'tEnum', op: 'inq', value: ["it's late", 'boarding'] }),
    ).toEqual(['1']);
    expect(await find({ kind: 'compare', property: 'tBool', op: 'eq', value: true })).toEqual(['1']);
    expect(await find({ kind: 'compare', property: 'tBit1', op: 'eq', value: true })).toEqual(['1']);
    expect(await find({ kind: 'compare', property: 'tYear', op: 'gte', value: 2024 })).toEqual(['1']);
    expect(await find({ kind: 'compare', property: 'tDate', op: 'eq', value: '2024-02-29' })).toEqual(['1']);
    expect(await find({ kind: 'compare', property: 'tDatetime', op: 'eq', value: VALUES.tDatetime })).toEqual(
      ['1'],
    );
    expect(
      await find({ kind: 'compare', property: 'tTimestamp', op: 'eq', value: VALUES.tTimestamp }),
    ).toEqual(['1']);
  });

  it('stores a GeoPoint as POINT(lng lat) and timestamps in UTC', async () => {
    const [row] = await connector.execute(
      'select ST_X(t_point) as x, ST_Y(t_point) as y, cast(t_datetime as char) as dt, cast(t_timestamp as char) as ts, @@session.time_zone as tz from every_type',
    );
    expect(row).toEqual({
      x: 13.405,
      y: 52.52,
      dt: '2024-02-29 23:30:00.123',
      ts: '2024-03-01 00:00:00.500',
      tz: '+00:00',
    });
  });

  it('updates a set, a bit and a geometry', async () => {
    const changes = { tSet: [], tBit1: false, tPoint: { lat: -33.86, lng: 151.21 }, tJson: 'a JSON string' };
    const byId: WhereNode = { kind: 'compare', property: 'id', op: 'eq', value: '1' };
    expect(await connector.updateAll(model, byId, changes)).toEqual({ count: 1 });
    const [row] = await readRows(connector, model, { where: byId, fields: Object.keys(changes) });
    expect(row).toEqual(changes);
  });

  it('reads nulls of every type as null', async () => {
    const created = await connector.create(model, {});
    const nulls = Object.fromEntries(Object.keys(VALUES).map((key) => [key, null]));
    expect(created).toEqual({ id: '2', ...nulls, tGenerated: null });
  });

  it('refuses a value outside an enum as INVALID_TEXT_REPRESENTATION', async () => {
    await expect(connector.create(model, { tEnum: 'cancelled' })).rejects.toMatchObject({
      code: 'INVALID_TEXT_REPRESENTATION',
      details: { column: 't_enum', property: 'tEnum' },
    });
  });
});

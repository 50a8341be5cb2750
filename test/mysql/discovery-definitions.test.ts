import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDiscovery, type MysqlRun } from '../../src/connectors/mysql/mysql-discovery.js';
import { buildModelDefinitions, discoverSchema, discoverSchemas } from '../../src/juggler/discovery/index.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import {
  CHINOOK_MYSQL_URL,
  createMysqlDatabase,
  dropMysqlDatabase,
  runMysqlSql,
} from '../support/databases.js';

// MySQL discovery feeding the shared definition builder (juggler/discovery): naming, relations
// and validations come from the builder; this file checks that MySQL's catalog gives it what it
// needs (PascalCase Chinook, MySQL types, keys, enums, generated columns).

const DATABASE = 'mysql_discovery_definitions';

const SCHEMA = `
create table airport (code char(3) not null primary key, name varchar(100) not null);
create table flight (
  id int unsigned not null auto_increment primary key,
  departure_airport_id char(3) not null,
  arrival_airport_id char(3) not null,
  status enum('scheduled','departed') not null default 'scheduled',
  features set('wifi','meals') null,
  duration_min int not null,
  duration_h decimal(6,2) as (duration_min / 60) virtual,
  payload json,
  constraint fk_flight_departure foreign key (departure_airport_id) references airport(code),
  constraint fk_flight_arrival foreign key (arrival_airport_id) references airport(code)
) comment 'Scheduled flights';
create view flight_board as select f.id, f.status from flight f;
`;

let chinookPool: mysql.Pool;
let typesPool: mysql.Pool;
let chinook: Map<string, ModelDefinition>;
let types: Map<string, ModelDefinition>;

function poolRun(target: mysql.Pool): MysqlRun {
  return async (sql, params) => {
    const [rows] = await target.query(sql, [...params]);
    return rows as Record<string, unknown>[];
  };
}

async function definitionsOf(target: mysql.Pool): Promise<Map<string, ModelDefinition>> {
  const discovery = createMysqlDiscovery(poolRun(target));
  const snapshot = await discovery.discoverCatalog({});
  const definitions = buildModelDefinitions(snapshot, {
    mapPropertyType: discovery.mapPropertyType,
    associations: true,
  });
  return new Map(definitions.map((definition) => [definition.name, definition]));
}

function model(definitions: Map<string, ModelDefinition>, name: string): ModelDefinition {
  const found = definitions.get(name);
  if (!found) throw new Error(`model ${name} not built; have ${[...definitions.keys()].join(', ')}`);
  return found;
}

beforeAll(async () => {
  chinookPool = mysql.createPool({ uri: CHINOOK_MYSQL_URL, connectionLimit: 4 });
  const url = await createMysqlDatabase(DATABASE);
  await runMysqlSql(url, SCHEMA);
  typesPool = mysql.createPool({ uri: url, connectionLimit: 4 });
  chinook = await definitionsOf(chinookPool);
  types = await definitionsOf(typesPool);
});

afterAll(async () => {
  await chinookPool?.end();
  await typesPool?.end();
  await dropMysqlDatabase(DATABASE);
});

describe('MySQL Chinook as LoopBack model definitions', () => {
  it('names PascalCase tables and columns as models InvoiceLine with properties trackId, unitPrice', () => {
    expect([...chinook.keys()]).toEqual([
      'Album',
      'Artist',
      'Customer',
      'Employee',
      'Genre',
      'Invoice',
      'InvoiceLine',
      'MediaType',
      'Playlist',
      'PlaylistTrack',
      'Track',
    ]);
    expect(Object.keys(model(chinook, 'InvoiceLine').properties)).toEqual([
      'invoiceLineId',
      'invoiceId',
      'trackId',
      'unitPrice',
      'quantity',
    ]);
  });

  it('keeps the mysql table and column blocks on InvoiceLine', () => {
    const invoiceLine = model(chinook, 'InvoiceLine');
    expect(invoiceLine.options).toMatchObject({
      idInjection: false,
      mysql: { schema: 'Chinook', table: 'InvoiceLine', kind: 'table' },
    });
    expect(invoiceLine.properties.unitPrice).toMatchObject({
      type: 'Decimal',
      required: true,
      precision: 10,
      scale: 2,
      mysql: {
        columnName: 'UnitPrice',
        dataType: 'decimal',
        dataPrecision: 10,
        dataScale: 2,
        nullable: 'NO',
        udtName: 'decimal(10,2)',
      },
    });
    expect(invoiceLine.properties.invoiceLineId).toMatchObject({ type: 'Number', id: 1 });
  });

  it('builds the belongsTo relations invoiceLine.track, track.album/genre/mediaType and customer.supportRep', () => {
    expect(model(chinook, 'InvoiceLine').options?.relations?.track).toEqual({
      type: 'belongsTo',
      model: 'Track',
      foreignKey: 'trackId',
      discograph: { constraint: 'FK_InvoiceLineTrackId' },
    });
    const track = model(chinook, 'Track').options?.relations ?? {};
    expect([track.album?.model, track.genre?.model, track.mediaType?.model]).toEqual([
      'Album',
      'Genre',
      'MediaType',
    ]);
    expect(model(chinook, 'Customer').options?.relations?.supportRep).toEqual({
      type: 'belongsTo',
      model: 'Employee',
      foreignKey: 'supportRepId',
      discograph: { constraint: 'FK_CustomerSupportRepId' },
    });
  });

  it('builds artist.albums and the employee self-reference in both directions', () => {
    expect(model(chinook, 'Artist').options?.relations?.albums).toEqual({
      type: 'hasMany',
      model: 'Album',
      foreignKey: 'artistId',
    });
    const employee = model(chinook, 'Employee').options?.relations ?? {};
    const selfReferences = Object.values(employee).filter(
      (relation) => relation.model === 'Employee' && relation.foreignKey === 'reportsTo',
    );
    expect(selfReferences.map((relation) => relation.type).sort()).toEqual(['belongsTo', 'hasMany']);
  });

  it('builds playlist.tracks through PlaylistTrack', () => {
    expect(model(chinook, 'Playlist').options?.relations?.tracks).toEqual({
      type: 'hasManyThrough',
      model: 'Track',
      through: 'PlaylistTrack',
      foreignKey: 'playlistId',
      keyThrough: 'trackId',
    });
  });
});

describe('MySQL discovery through the shared discoverSchemas', () => {
  it('discovers InvoiceLine with its associations keyed owner.table', async () => {
    const discovery = createMysqlDiscovery(poolRun(chinookPool));
    const schemas = await discoverSchemas(discovery, 'InvoiceLine', { associations: true });
    expect(Object.keys(schemas)).toContain('Chinook.InvoiceLine');
    expect(Object.keys(schemas)).toContain('Chinook.Track');
    expect(schemas['Chinook.InvoiceLine']?.options?.relations?.track).toMatchObject({ model: 'Track' });
  });

  it('discovers one table with discoverSchema, relations not followed', async () => {
    const discovery = createMysqlDiscovery(poolRun(chinookPool));
    const definition = await discoverSchema(discovery, 'Track', {});
    expect(definition.name).toBe('Track');
    expect(definition.properties.unitPrice).toMatchObject({ type: 'Decimal', precision: 10, scale: 2 });
    expect(definition.options?.relations).toBeUndefined();
  });

  it('discovers a view only when asked for views', async () => {
    const discovery = createMysqlDiscovery(poolRun(typesPool));
    const tablesOnly = await discoverSchemas(discovery, '*', {});
    expect(Object.keys(tablesOnly)).toEqual([`${DATABASE}.airport`, `${DATABASE}.flight`]);
    const withViews = await discoverSchemas(discovery, '*', { views: true });
    expect(Object.keys(withViews)).toContain(`${DATABASE}.flight_board`);
  });
});

describe('MySQL types as LoopBack model definitions', () => {
  it('gives two relations to a table referenced twice', () => {
    const relations = model(types, 'Flight').options?.relations ?? {};
    const toAirport = Object.values(relations).filter((relation) => relation.model === 'Airport');
    expect(toAirport.map((relation) => relation.foreignKey).sort()).toEqual([
      'arrivalAirportId',
      'departureAirportId',
    ]);
  });

  it('turns an enum into String with values and an inclusion validation, a set into an array', () => {
    const flight = model(types, 'Flight');
    expect(flight.properties.status).toMatchObject({ type: 'String', enum: ['scheduled', 'departed'] });
    expect(flight.options?.validations).toContainEqual({
      kind: 'inclusion',
      property: 'status',
      options: { in: ['scheduled', 'departed'], allowNull: true, allowBlank: true },
    });
    expect(flight.properties.features?.type).toEqual(['String']);
  });

  it('marks auto_increment ids and generated columns as generated, not required', () => {
    const flight = model(types, 'Flight');
    expect(flight.properties.id).toMatchObject({ type: 'Number', id: 1, generated: true, required: false });
    expect(flight.properties.durationH).toMatchObject({ type: 'Decimal', generated: true, readOnly: true });
    expect(flight.properties.payload).toMatchObject({ type: 'JSON', mysql: { dataType: 'json' } });
    expect(flight.options?.description).toBe('Scheduled flights');
  });

  it('records the integer width of integer columns, unsigned ones as unsigned', () => {
    const flight = model(types, 'Flight');
    expect(flight.properties.id?.discograph).toEqual({ integer: { bits: 32, signed: false } });
    expect(flight.properties.durationMin?.discograph).toEqual({ integer: { bits: 32, signed: true } });
    expect(flight.properties.durationH?.discograph).toBeUndefined();
  });

  it('builds a read-only model for a view', () => {
    expect(model(types, 'FlightBoard').options).toMatchObject({
      readOnly: true,
      mysql: { schema: DATABASE, table: 'flight_board', kind: 'view' },
    });
  });
});

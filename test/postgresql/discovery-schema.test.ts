/**
 * PostgreSQL discovery of a schema this file creates (see postgresql-fixture-schema.ts): relation
 * kinds, every mapped type, keys and constraints, comments, and the relation naming rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverSchema, discoverSchemas, isValidIdentifier } from '../../src/juggler/discovery/index.js';
import type { ModelDefinition, PropertyDefinition } from '../../src/juggler/model-definition.js';
import { openPgDiscovery, type PgDiscoveryHandle } from '../discovery/support/pg-discovery.js';
import { POSTGRES_FIXTURE_SQL } from '../discovery/support/postgresql-fixture-schema.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';

const DATABASE = 'pgdiscovery_schema';
let handle: PgDiscoveryHandle;
let schemas: Record<string, ModelDefinition>;

beforeAll(async () => {
  const url = await createPgDatabase(DATABASE);
  await runPgSql(url, POSTGRES_FIXTURE_SQL);
  handle = openPgDiscovery(url);
  schemas = await discoverSchemas(handle.discovery, '*', { associations: true, views: true });
});

afterAll(async () => {
  await handle.close();
  await dropPgDatabase(DATABASE);
});

const model = (table: string): ModelDefinition => {
  const definition = schemas[`public.${table}`];
  if (!definition) throw new Error(`no definition for public.${table}`);
  return definition;
};
const property = (table: string, name: string): PropertyDefinition => {
  const definition = model(table).properties[name];
  if (!definition) throw new Error(`no property ${name} on public.${table}`);
  return definition;
};

describe('relation kinds', () => {
  it('lists tables, partitioned and foreign tables, and with views: true views and materialized views', async () => {
    const rows = await handle.discovery.discoverModelDefinitions({ views: true });
    expect(rows.map(({ type, name, kind }) => `${type}:${kind}:${name}`)).toEqual([
      'table:table:InvoiceLine',
      'table:foreign_table:access_log',
      'table:table:airport',
      'view:materialized_view:airport_traffic',
      'table:table:category',
      'table:table:everything',
      'table:table:flight',
      'view:view:flight_board',
      'table:table:invoice_line',
      'table:partitioned_table:measurement',
      'table:table:measurement_note',
      'table:table:odd_names',
      'table:table:post',
      'table:table:post_tag',
      'table:table:stock',
      'table:table:tag',
      'table:table:warehouse',
    ]);
  });

  it('leaves views out unless views: true', async () => {
    const rows = await handle.discovery.discoverModelDefinitions({});
    expect(rows.some((row) => row.type === 'view')).toBe(false);
    expect(rows).toHaveLength(15);
  });

  it("never lists partitions, system schemas or an extension's views", async () => {
    const rows = await handle.discovery.discoverModelDefinitions({ all: true, views: true });
    const names = rows.map((row) => row.name);
    expect(names).not.toContain('measurement_2023');
    expect(names).not.toContain('pg_stat_statements');
    expect(new Set(rows.map((row) => row.owner))).toEqual(new Set(['inventory', 'public', 'strongloop']));
  });

  it('keeps table and view comments as descriptions', async () => {
    const rows = await handle.discovery.discoverModelDefinitions({ views: true });
    expect(rows.find((row) => row.name === 'airport')?.description).toBe('Airports served');
    expect(model('airport').options?.description).toBe('Airports served');
    expect(model('flight_board').options?.description).toBe('Departures board');
  });

  it('marks views and materialized views read-only, without ids, requirements or validations', () => {
    for (const table of ['flight_board', 'airport_traffic']) {
      const definition = model(table);
      expect(definition.options?.readOnly).toBe(true);
      expect(definition.options?.validations).toBeUndefined();
      for (const definitionProperty of Object.values(definition.properties)) {
        expect(definitionProperty).toMatchObject({ required: false, readOnly: true });
        expect(definitionProperty.id).toBeUndefined();
      }
    }
    expect(model('airport_traffic').options?.postgresql).toEqual({
      schema: 'public',
      table: 'airport_traffic',
      kind: 'materialized_view',
    });
  });
});

describe('column types', () => {
  const cases: [column: string, property: string, dataType: string, type: unknown][] = [
    ['small_int', 'smallInt', 'smallint', 'Number'],
    ['int_col', 'intCol', 'integer', 'Number'],
    ['big_int', 'bigInt', 'bigint', 'BigInt'],
    ['num', 'num', 'numeric', 'Decimal'],
    ['real_col', 'realCol', 'real', 'Number'],
    ['double_col', 'doubleCol', 'double precision', 'Number'],
    ['flag', 'flag', 'boolean', 'Boolean'],
    ['body', 'body', 'text', 'String'],
    ['title', 'title', 'character varying', 'String'],
    ['fixed', 'fixed', 'character', 'String'],
    ['day', 'day', 'date', 'DateString'],
    ['at', 'at', 'timestamp without time zone', 'LocalDateTime'],
    ['at_tz', 'atTz', 'timestamp with time zone', 'DateTime'],
    ['clock', 'clock', 'time without time zone', 'String'],
    ['clock_tz', 'clockTz', 'time with time zone', 'String'],
    ['span', 'span', 'interval', 'String'],
    ['uid', 'uid', 'uuid', 'String'],
    ['ip', 'ip', 'inet', 'String'],
    ['net', 'net', 'cidr', 'String'],
    ['doc', 'doc', 'tsvector', 'String'],
    ['price', 'price', 'money', 'String'],
    ['data', 'data', 'json', 'JSON'],
    ['datab', 'datab', 'jsonb', 'JSON'],
    ['blob', 'blob', 'bytea', 'Buffer'],
    ['tags', 'tags', 'ARRAY', ['String']],
    ['scores', 'scores', 'ARRAY', ['Number']],
    ['matrix', 'matrix', 'ARRAY', ['Decimal']],
    ['feeling', 'feeling', 'mood', 'String'],
    ['feelings', 'feelings', 'ARRAY', ['String']],
    ['cost', 'cost', 'numeric', 'Decimal'],
    ['code', 'code', 'character varying', 'String'],
    ['spot', 'spot', 'point', 'GeoPoint'],
    ['nickname', 'nickname', 'citext', 'String'],
  ];

  it.each(cases)('maps %s (%s) of dataType %s to %j', (column, name, dataType, type) => {
    const definition = property('everything', name);
    expect(definition.type).toEqual(type);
    expect(definition.postgresql).toMatchObject({ columnName: column, dataType });
  });

  it('records the integer width of integer columns and of the elements of integer arrays, and none for other numbers', () => {
    const facts = (name: string) => property('everything', name).discograph;
    expect(facts('smallInt')).toEqual({ integer: { bits: 16, signed: true } });
    expect(facts('intCol')).toEqual({ integer: { bits: 32, signed: true } });
    expect(facts('bigInt')).toEqual({ integer: { bits: 64, signed: true } });
    // integer[]: the width of its elements, so that it is served as [Int] (issue 18 item 25).
    expect(facts('scores')).toEqual({ integer: { bits: 32, signed: true } });
    for (const other of ['num', 'realCol', 'doubleCol', 'flag']) expect(facts(other)).toBeUndefined();
  });

  it('reports array element types and internal type names', async () => {
    const rows = await handle.discovery.discoverModelProperties('everything', {});
    const byName = new Map(rows.map((row) => [row.columnName, row]));
    expect(byName.get('tags')).toMatchObject({
      dataType: 'ARRAY',
      arrayElementType: 'text',
      udtName: '_text',
    });
    expect(byName.get('scores')).toMatchObject({ arrayElementType: 'integer', udtName: '_int4' });
    expect(byName.get('feelings')).toMatchObject({
      arrayElementType: 'mood',
      enumValues: ['sad', 'ok', 'happy'],
    });
  });

  it('gives lengths, precisions and scales as the spec fields and on the property', () => {
    expect(property('everything', 'title')).toMatchObject({
      length: 40,
      postgresql: { dataLength: 40, dataPrecision: null, dataScale: null },
    });
    expect(property('everything', 'fixed')).toMatchObject({ length: 5 });
    expect(property('everything', 'num')).toMatchObject({
      precision: 12,
      scale: 3,
      postgresql: { dataPrecision: 12, dataScale: 3, dataLength: null },
    });
    expect(property('everything', 'numFree').precision).toBeUndefined();
    expect(property('everything', 'bigInt').postgresql).toMatchObject({ dataPrecision: 64, dataScale: 0 });
  });

  it('keeps enum values on the property and as an inclusion validation', () => {
    expect(property('everything', 'feeling')).toMatchObject({
      type: 'String',
      required: true,
      enum: ['sad', 'ok', 'happy'],
    });
    expect(model('everything').options?.validations).toContainEqual({
      kind: 'inclusion',
      property: 'feeling',
      options: { in: ['sad', 'ok', 'happy'], allowNull: true, allowBlank: true },
    });
  });

  it("maps a domain like its base type and keeps the domain's name, checks, NOT NULL and default", () => {
    expect(property('everything', 'cost')).toMatchObject({
      type: 'Decimal',
      precision: 10,
      scale: 2,
      postgresql: { dataType: 'numeric', domainName: 'positive_price', checks: ['(VALUE > (0)::numeric)'] },
    });
    expect(property('everything', 'code')).toMatchObject({
      type: 'String',
      length: 8,
      required: false,
      postgresql: {
        domainName: 'short_code',
        nullable: 'NO',
        default: "'AAA'::character varying",
        checks: ["((VALUE)::text ~ '^[A-Z]+$'::text)"],
      },
    });
  });

  it('marks identity, serial and generated columns as generated and not required', async () => {
    const rows = await handle.discovery.discoverModelProperties('everything', {});
    const generated = Object.fromEntries(rows.map((row) => [row.columnName, row.generated]));
    expect(generated).toMatchObject({ id: 'identity', serial_col: 'serial', total: 'stored', int_col: null });
    expect(property('airport', 'airportId')).toMatchObject({ id: 1, generated: true, required: false });
    expect(property('flight', 'flightId')).toMatchObject({
      type: 'BigInt',
      generated: true,
      postgresql: { generated: 'serial', default: "nextval('flight_flight_id_seq'::regclass)" },
    });
    expect(property('everything', 'total')).toMatchObject({
      generated: true,
      readOnly: true,
      required: false,
    });
    expect(property('everything', 'serialCol').readOnly).toBeUndefined();
  });

  it('requires NOT NULL columns without a default, and validates their presence', () => {
    expect(property('airport', 'name').required).toBe(true);
    expect(property('airport', 'createdAt')).toMatchObject({
      required: false,
      postgresql: { default: 'now()' },
    });
    expect(property('everything', 'flag')).toMatchObject({
      required: false,
      postgresql: { default: 'false' },
    });
    expect(model('airport').options?.validations).toEqual([
      { kind: 'presence', property: 'code' },
      {
        kind: 'length',
        property: 'code',
        options: {
          max: 3,
          allowNull: true,
          allowBlank: true,
          message: { max: 'too long (at most 3 characters)' },
        },
      },
      { kind: 'presence', property: 'name' },
      {
        kind: 'length',
        property: 'name',
        options: {
          max: 100,
          allowNull: true,
          allowBlank: true,
          message: { max: 'too long (at most 100 characters)' },
        },
      },
      { kind: 'uniqueness', property: 'code', options: { allowNull: true } },
    ]);
  });

  it('keeps column comments as property descriptions', () => {
    expect(property('airport', 'code').description).toBe('IATA code');
    expect(property('everything', 'body').description).toBe('Free text');
  });
});

describe('keys and constraints', () => {
  it('reads unique constraints and plain unique indexes, but not partial or expression indexes', async () => {
    const snapshot = await handle.discovery.discoverCatalog({ tables: ['everything'] });
    expect(snapshot.tables[0]?.uniqueConstraints).toEqual([
      {
        owner: 'public',
        tableName: 'everything',
        name: 'everything_title_fixed_key',
        columns: ['title', 'fixed'],
      },
      { owner: 'public', tableName: 'everything', name: 'everything_uid_key', columns: ['uid'] },
    ]);
    expect(property('everything', 'uid').index).toEqual({ unique: true });
    expect(model('everything').options?.validations).toEqual(
      expect.arrayContaining([
        { kind: 'uniqueness', property: 'title', options: { scopedTo: ['fixed'], allowNull: true } },
        { kind: 'uniqueness', property: 'uid', options: { allowNull: true } },
      ]),
    );
  });

  it('reads check constraints with their columns: one-column checks on the column, others on the table', async () => {
    const snapshot = await handle.discovery.discoverCatalog({ tables: ['flight', 'everything'] });
    const [everything, flight] = snapshot.tables;
    expect(everything?.checkConstraints).toEqual([
      {
        owner: 'public',
        tableName: 'everything',
        name: 'everything_quantity_check',
        expression: '(quantity >= 0)',
        columns: ['quantity'],
      },
    ]);
    expect(property('everything', 'quantity').postgresql?.checks).toEqual(['(quantity >= 0)']);
    expect(flight?.checkConstraints[0]?.columns).toEqual(['departure_airport_id', 'arrival_airport_id']);
    expect(model('flight').options?.postgresql?.checks).toEqual([
      {
        name: 'flight_distinct_airports',
        expression: '(departure_airport_id <> arrival_airport_id)',
        columns: ['departure_airport_id', 'arrival_airport_id'],
      },
    ]);
  });

  it('reads a composite primary key and a composite foreign key in key order', async () => {
    expect(property('warehouse', 'region').id).toBe(1);
    expect(property('warehouse', 'warehouseNo').id).toBe(2);
    const keys = await handle.discovery.discoverForeignKeys('stock', {});
    expect(
      keys.map(({ fkColumnName, keySeq, pkColumnName, pkName }) => [
        fkColumnName,
        keySeq,
        pkColumnName,
        pkName,
      ]),
    ).toEqual([
      ['region', 1, 'region', 'warehouse_pkey'],
      ['warehouse_no', 2, 'warehouse_no', 'warehouse_pkey'],
    ]);
    expect(model('stock').options?.relations?.warehouse).toEqual({
      type: 'belongsTo',
      model: 'Warehouse',
      foreignKey: ['region', 'warehouseNo'],
      discograph: { constraint: 'stock_warehouse_fkey' },
    });
    expect(model('warehouse').options?.relations?.stocks).toEqual({
      type: 'hasMany',
      model: 'Stock',
      foreignKey: ['region', 'warehouseNo'],
    });
  });

  it('describes a partitioned table once, with the keys of the parent only', async () => {
    const exported = await handle.discovery.discoverExportedForeignKeys('measurement', {});
    expect(exported.map((row) => `${row.fkTableName}.${row.fkColumnName}#${row.keySeq}`)).toEqual([
      'measurement_note.measurement_id#1',
      'measurement_note.taken_on#2',
    ]);
    expect(model('measurement').options?.postgresql?.kind).toBe('partitioned_table');
    expect(model('measurement_note').options?.relations?.measurement).toEqual({
      type: 'belongsTo',
      model: 'Measurement',
      foreignKey: ['measurementId', 'takenOn'],
      discograph: { constraint: 'measurement_note_measurement_id_taken_on_fkey' },
    });
  });

  it('describes a foreign table', () => {
    expect(model('access_log')).toMatchObject({
      name: 'AccessLog',
      options: { postgresql: { kind: 'foreign_table' } },
      properties: { line: { type: 'String' } },
    });
  });
});

describe('relations and names', () => {
  it('names a self-reference after its key and the children after the table', () => {
    expect(model('category').options?.relations).toEqual({
      categories: { type: 'hasMany', model: 'Category', foreignKey: 'parentId' },
      parent: {
        type: 'belongsTo',
        model: 'Category',
        foreignKey: 'parentId',
        discograph: { constraint: 'category_parent_id_fkey' },
      },
    });
  });

  it('tells apart two keys to the same table by their column', () => {
    expect(model('flight').options?.relations).toEqual({
      arrivalAirport: {
        type: 'belongsTo',
        model: 'Airport',
        foreignKey: 'arrivalAirportId',
        discograph: { constraint: 'flight_arrival_airport_id_fkey' },
      },
      departureAirport: {
        type: 'belongsTo',
        model: 'Airport',
        foreignKey: 'departureAirportId',
        discograph: { constraint: 'flight_departure_airport_id_fkey' },
      },
    });
    expect(model('airport').options?.relations).toEqual({
      flightsByArrivalAirportId: { type: 'hasMany', model: 'Flight', foreignKey: 'arrivalAirportId' },
      flightsByDepartureAirportId: { type: 'hasMany', model: 'Flight', foreignKey: 'departureAirportId' },
    });
  });

  it('links the ends of a join table with a timestamp column through hasManyThrough', () => {
    expect(model('post').options?.relations?.tags).toEqual({
      type: 'hasManyThrough',
      model: 'Tag',
      through: 'PostTag',
      foreignKey: 'postId',
      keyThrough: 'tagId',
    });
    expect(model('tag').options?.relations?.posts).toEqual({
      type: 'hasManyThrough',
      model: 'Post',
      through: 'PostTag',
      foreignKey: 'tagId',
      keyThrough: 'postId',
    });
  });

  it('disambiguates tables and columns that map to the same name, and every name is an identifier', () => {
    expect(model('InvoiceLine').name).toBe('InvoiceLine');
    expect(model('invoice_line').name).toBe('InvoiceLine2');
    expect(Object.keys(model('odd_names').properties)).toEqual([
      'userId',
      'userId2',
      '_2fa',
      'nameWithSpaces',
      'cafe',
    ]);
    expect(property('odd_names', 'nameWithSpaces').postgresql?.columnName).toBe('Name With Spaces');
    for (const definition of Object.values(schemas)) {
      expect(isValidIdentifier(definition.name)).toBe(true);
      for (const name of [
        ...Object.keys(definition.properties),
        ...Object.keys(definition.options?.relations ?? {}),
      ]) {
        expect(isValidIdentifier(name), `${definition.name}.${name}`).toBe(true);
      }
    }
  });

  it('prefixes a model name taken in the default schema with its own schema when all: true', async () => {
    const all = await discoverSchemas(handle.discovery, '*', { all: true });
    expect(all['public.airport']?.name).toBe('Airport');
    expect(all['inventory.airport']?.name).toBe('InventoryAirport');
    expect(all['inventory.item']?.options?.postgresql).toMatchObject({ schema: 'inventory', table: 'item' });
  });

  it('follows a foreign key into another schema with one more batch of statements', async () => {
    const before = handle.statements.length;
    const found = await discoverSchemas(handle.discovery, 'item', { owner: 'inventory', relations: true });
    expect(handle.statements.length - before).toBe(8);
    expect(Object.keys(found)).toEqual(['inventory.item', 'public.airport']);
    expect(found['inventory.item']?.options?.relations).toEqual({
      airport: {
        type: 'belongsTo',
        model: 'Airport',
        foreignKey: 'airportId',
        discograph: { constraint: 'item_airport_id_fkey' },
      },
    });
  });

  it('applies a nameMapper, or keeps column names with disableCamelCase', async () => {
    const mapped = await discoverSchema(handle.discovery, 'tag', {
      nameMapper: {
        modelName: (table) => `Db${table.toUpperCase()}`,
        propertyName: (column) => column.replace('_id', 'Key'),
      },
    });
    expect(mapped.name).toBe('DbTAG');
    expect(Object.keys(mapped.properties)).toEqual(['tagKey', 'label']);
    const raw = await discoverSchema(handle.discovery, 'odd_names', { disableCamelCase: true });
    expect(Object.keys(raw.properties)).toEqual(['user_id', 'userId', '_2fa', 'Name_With_Spaces', 'cafe']);
  });

  it('rejects a nameMapper result that is not an identifier', async () => {
    await expect(
      discoverSchema(handle.discovery, 'tag', { nameMapper: { modelName: () => 'not valid' } }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('gives the same JSON on every run', async () => {
    const again = await discoverSchemas(handle.discovery, '*', { associations: true, views: true });
    expect(JSON.stringify(again)).toBe(JSON.stringify(schemas));
    expect(Object.keys(again)).toEqual([...Object.keys(again)].sort());
  });

  it('reads the whole schema in four statements', async () => {
    const before = handle.statements.length;
    const snapshot = await handle.discovery.discoverCatalog({ all: true });
    expect(handle.statements.length - before).toBe(4);
    expect(snapshot.owners).toEqual(['inventory', 'public', 'strongloop']);
  });
});

describe("the spec's examples, on its STRONGLOOP schema", () => {
  const owner = 'strongloop';

  it('discoverModelDefinitions({views: true, limit: 20}) lists tables and views', async () => {
    const rows = await handle.discovery.discoverModelDefinitions({ owner, views: true, limit: 20 });
    expect(rows.map(({ type, name, owner: rowOwner }) => ({ type, name, owner: rowOwner }))).toEqual([
      { type: 'table', name: 'inventory', owner },
      { type: 'view', name: 'inventory_view', owner },
      { type: 'table', name: 'location', owner },
      { type: 'table', name: 'product', owner },
    ]);
  });

  it("discoverModelProperties('product') lists its columns", async () => {
    const rows = await handle.discovery.discoverModelProperties('product', { owner });
    expect(rows.map((row) => row.columnName)).toEqual([
      'id',
      'name',
      'audible_range',
      'effective_range',
      'rounds',
      'extras',
      'fire_modes',
    ]);
    expect(rows[4]).toMatchObject({ dataType: 'numeric', dataPrecision: 10, dataScale: 0 });
  });

  it("discoverModelProperties('inventory_view', {owner}) lists the view's columns", async () => {
    const rows = await handle.discovery.discoverModelProperties('inventory_view', { owner });
    expect(rows.map(({ columnName, dataType, nullable }) => [columnName, dataType, nullable])).toEqual([
      ['product', 'character varying', true],
      ['location', 'character varying', true],
      ['available', 'integer', true],
    ]);
  });

  it("discoverPrimaryKeys('inventory') gives its key", async () => {
    await expect(handle.discovery.discoverPrimaryKeys('inventory', { owner })).resolves.toEqual([
      { owner, tableName: 'inventory', columnName: 'id', keySeq: 1, pkName: 'inventory_pkey' },
    ]);
  });

  it("discoverForeignKeys('inventory') gives the keys to location and product", async () => {
    const rows = await handle.discovery.discoverForeignKeys('inventory', { owner });
    expect(
      rows.map((row) => `${row.fkColumnName} -> ${row.pkOwner}.${row.pkTableName}.${row.pkColumnName}`),
    ).toEqual(['location_id -> strongloop.location.id', 'product_id -> strongloop.product.id']);
  });

  it("discoverExportedForeignKeys('product') gives the key inventory holds", async () => {
    const rows = await handle.discovery.discoverExportedForeignKeys('product', { owner });
    expect(rows).toEqual([
      {
        fkOwner: owner,
        fkName: 'inventory_product_id_fkey',
        fkTableName: 'inventory',
        fkColumnName: 'product_id',
        keySeq: 1,
        pkOwner: owner,
        pkName: 'product_pkey',
        pkTableName: 'product',
        pkColumnName: 'id',
      },
    ]);
  });

  it("discoverSchema('inventory', {owner}) builds the Inventory definition", async () => {
    const inventory = await discoverSchema(handle.discovery, 'inventory', { owner });
    expect(inventory.name).toBe('Inventory');
    expect(inventory.options?.postgresql).toEqual({ schema: owner, table: 'inventory', kind: 'table' });
    expect(Object.keys(inventory.properties)).toEqual([
      'id',
      'productId',
      'locationId',
      'available',
      'total',
    ]);
    expect(inventory.properties.id).toMatchObject({ type: 'String', id: 1, required: true, length: 20 });
  });

  it("discoverSchemas('inventory', {visited: {}, associations: true}) reaches product and location", async () => {
    const visited: Record<string, unknown> = {};
    const found = await discoverSchemas(handle.discovery, 'inventory', {
      owner,
      visited,
      associations: true,
    });
    expect(Object.keys(found)).toEqual(['strongloop.inventory', 'strongloop.location', 'strongloop.product']);
    expect(Object.keys(visited)).toEqual(Object.keys(found));
    expect(found['strongloop.inventory']?.options?.relations).toEqual({
      location: {
        type: 'belongsTo',
        model: 'Location',
        foreignKey: 'locationId',
        discograph: { constraint: 'inventory_location_id_fkey' },
      },
      product: {
        type: 'belongsTo',
        model: 'Product',
        foreignKey: 'productId',
        discograph: { constraint: 'inventory_product_id_fkey' },
      },
    });
    expect(found['strongloop.product']?.options?.relations).toEqual({
      inventories: { type: 'hasMany', model: 'Inventory', foreignKey: 'productId' },
    });
    expect(found['strongloop.location']?.properties.geo?.type).toBe('GeoPoint');
  });
});

import { describe, expect, it } from 'vitest';
import { MemoryConnector } from '../../src/connectors/memory/index.js';
import { MysqlConnector } from '../../src/connectors/mysql/index.js';
import { PostgresConnector } from '../../src/connectors/postgresql/index.js';
import type { Connector, StatementEvent } from '../../src/juggler/connector/connector.js';
import type { ConnectorNaming } from '../../src/juggler/connector/connector-naming.js';
import type { ModelTypeName } from '../../src/juggler/connector/model-type-name.js';
import { resolveConnectorModel } from '../../src/juggler/connector/resolve-connector-model.js';
import { DataSource } from '../../src/juggler/datasource.js';
import type { PropertyDefinition } from '../../src/juggler/model-definition.js';
import type { ModelRuntimeDefinition, ResolvedProperty } from '../../src/juggler/model-types.js';

function definition(
  name: string,
  properties: Record<string, PropertyDefinition & { typeName: ModelTypeName }>,
  settings: Record<string, unknown> = {},
): ModelRuntimeDefinition {
  const resolved: Record<string, ResolvedProperty> = {};
  for (const [key, { typeName, ...rest }] of Object.entries(properties)) {
    resolved[key] = { name: key, typeName, type: Object, definition: rest };
  }
  return {
    name,
    settings,
    properties: resolved,
    relations: {},
    idNames: () =>
      Object.values(resolved)
        .filter((property) => property.definition.id)
        .sort((a, b) => Number(a.definition.id) - Number(b.definition.id))
        .map((property) => property.name),
    toJSON: () => ({ name, properties: {} }),
  };
}

/** How a MongoDB-style document store names things: `mongodb: {collection}` and `{fieldName}`. */
const DOCUMENT_NAMING: ConnectorNaming = {
  tableFields: ['collection'],
  columnFields: ['fieldName'],
  defaultTableName: (modelName) => modelName,
  defaultColumnName: (propertyName) => propertyName,
};

/**
 * A connector declaring a document store's naming under the name `mongodb`, storing through the
 * memory connector: a test double of the connector contract, not of a database.
 */
function documentStore(): Connector {
  return Object.assign(Object.create(new MemoryConnector()) as Connector, {
    name: 'mongodb',
    naming: DOCUMENT_NAMING,
  });
}

describe('resolveConnectorModel', () => {
  const invoiceLine = definition(
    'InvoiceLine',
    {
      invoiceLineId: {
        type: 'Number',
        typeName: 'Number',
        id: 1,
        generated: true,
        postgresql: {
          columnName: 'invoice_line_id',
          dataType: 'integer',
          nullable: 'NO',
          generated: 'identity',
        },
      },
      unitPrice: {
        type: 'Decimal',
        typeName: 'Decimal',
        required: true,
        postgresql: { columnName: 'unit_price', dataType: 'numeric', nullable: 'NO' },
      },
      quantity: { type: 'Number', typeName: 'Number' },
      total: {
        type: 'Decimal',
        typeName: 'Decimal',
        postgresql: { columnName: 'total', generated: 'stored' },
      },
    },
    { postgresql: { schema: 'public', table: 'invoice_line' }, readOnly: false },
  );

  it('takes table, schema and columns from the PostgreSQL connector blocks', () => {
    const model = resolveConnectorModel(invoiceLine, new PostgresConnector({}));
    expect(model.table).toBe('invoice_line');
    expect(model.schema).toBe('public');
    expect(model.idProperties).toEqual(['invoiceLineId']);
    expect(model.propertyByName.get('unitPrice')).toEqual({
      name: 'unitPrice',
      column: 'unit_price',
      type: 'Decimal',
      dataType: 'numeric',
      generated: false,
      nullable: false,
    });
    expect(model.propertyByName.get('quantity')).toMatchObject({ column: 'quantity', nullable: true });
    expect(model.propertyByName.get('invoiceLineId')).toMatchObject({
      idIndex: 1,
      generated: true,
      nullable: false,
    });
    expect(model.propertyByName.get('total')).toMatchObject({ generated: true, readOnly: true });
  });

  it('carries lengths, precisions and scales from the definition, else from the column block', () => {
    const sized = definition('Sized', {
      code: { type: 'String', typeName: 'String', length: 3 },
      legacy: { type: 'String', typeName: 'String', limit: 8 },
      price: { type: 'Decimal', typeName: 'Decimal', precision: 10, scale: 2 },
      discovered: {
        type: 'Decimal',
        typeName: 'Decimal',
        postgresql: { columnName: 'discovered', dataType: 'numeric', dataPrecision: 12, dataScale: 4 },
      },
      title: {
        type: 'String',
        typeName: 'String',
        postgresql: { columnName: 'title', dataType: 'character varying', dataLength: 200 },
      },
    });
    const model = resolveConnectorModel(sized, new PostgresConnector({}));
    const sizes = (name: string) => {
      const { length, precision, scale } = model.propertyByName.get(name) ?? {};
      return { length, precision, scale };
    };
    expect(sizes('code')).toEqual({ length: 3, precision: undefined, scale: undefined });
    expect(sizes('legacy')).toMatchObject({ length: 8 });
    expect(sizes('price')).toEqual({ length: undefined, precision: 10, scale: 2 });
    expect(sizes('discovered')).toEqual({ length: undefined, precision: 12, scale: 4 });
    expect(sizes('title')).toMatchObject({ length: 200 });
  });

  it('uses the default table name of the connector when the model has no block for it', () => {
    const model = resolveConnectorModel(invoiceLine, new MemoryConnector());
    expect(model.table).toBe('InvoiceLine');
    expect(model.schema).toBeUndefined();
    expect(model.propertyByName.get('unitPrice')?.column).toBe('unitPrice');
  });

  it('caches per connector and rebuilds when a property is added', () => {
    const connector = new MemoryConnector();
    const album = definition('Album', { albumId: { type: 'Number', typeName: 'Number', id: true } });
    const first = resolveConnectorModel(album, connector);
    expect(resolveConnectorModel(album, connector)).toBe(first);
    album.properties.title = {
      name: 'title',
      typeName: 'String',
      type: String,
      definition: { type: 'String' },
    };
    const second = resolveConnectorModel(album, connector);
    expect(second).not.toBe(first);
    expect(second.propertyByName.has('title')).toBe(true);
  });
});

describe('each connector resolving its own names', () => {
  const track = definition(
    'Track',
    {
      trackId: {
        type: 'Number',
        typeName: 'Number',
        id: 1,
        postgresql: { columnName: 'track_id' },
        mysql: { columnName: 'TrackId' },
        mongodb: { fieldName: '_id' },
      },
      unitPrice: {
        type: 'Decimal',
        typeName: 'Decimal',
        postgresql: { columnName: 'unit_price' },
        mysql: { columnName: 'UnitPrice' },
      },
    },
    {
      postgresql: { schema: 'music', table: 'track' },
      mysql: { schema: 'Chinook', table: 'Track' },
      mongodb: { collection: 'tracks', table: 'not_a_collection_key' },
    },
  );

  it('reads the PostgreSQL blocks through the PostgreSQL connector and the MySQL blocks through the MySQL one', () => {
    const pg = resolveConnectorModel(track, new PostgresConnector({}));
    expect([pg.schema, pg.table, pg.properties.map((property) => property.column)]).toEqual([
      'music',
      'track',
      ['track_id', 'unit_price'],
    ]);
    const mysql = resolveConnectorModel(track, new MysqlConnector({}));
    expect([mysql.schema, mysql.table, mysql.properties.map((property) => property.column)]).toEqual([
      'Chinook',
      'Track',
      ['TrackId', 'UnitPrice'],
    ]);
  });

  it('reads a mongodb block’s collection and fieldName through a connector declaring a document store’s naming', () => {
    const model = resolveConnectorModel(track, documentStore());
    expect(model.table).toBe('tracks');
    expect(model.schema).toBeUndefined();
    expect(model.properties.map((property) => property.column)).toEqual(['_id', 'unitPrice']);
  });

  it('lets a data source over a document store connector write and read the collection and fields its definition names', async () => {
    const connector = documentStore();
    const statements: string[] = [];
    connector.observeStatements((event: StatementEvent) => statements.push(event.sql));
    const ds = new DataSource(connector);
    const Person = ds.define(
      'Person',
      { id: { type: Number, id: true }, fullName: { type: String, mongodb: { fieldName: 'full_name' } } },
      { mongodb: { collection: 'people' } },
    );
    await Person.create({ id: 1, fullName: 'Ada Lovelace' });
    const found = await Person.find({ where: { fullName: 'Ada Lovelace' } });
    expect(found.map((person: { toJSON(): unknown }) => person.toJSON())).toEqual([
      { id: 1, fullName: 'Ada Lovelace' },
    ]);
    expect(ds.tableName('Person')).toBe('people');
    expect(ds.columnName('Person', 'fullName')).toBe('full_name');
    expect(statements).toEqual(['create people', 'find people']);
  });

  it('lets the memory connector read `memory: {collection}` as LoopBack’s does, besides `memory: {table}`', () => {
    const byCollection = definition(
      'Person',
      { fullName: { type: 'String', typeName: 'String', memory: { fieldName: 'full_name' } } },
      { memory: { collection: 'people' } },
    );
    const model = resolveConnectorModel(byCollection, new MemoryConnector());
    expect([model.table, model.propertyByName.get('fullName')?.column]).toEqual(['people', 'full_name']);
  });
});

/**
 * PostgreSQL discovery of the read-only Chinook database: the spec's discovery calls with their
 * exact row shapes, the InvoiceLine definition, and Chinook's relations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryConnector } from '../../src/juggler/connector/connector.js';
import type { DiscoveryOptions, PropertyRow } from '../../src/juggler/discovery/discovery-types.js';
import { discoverSchema, discoverSchemas } from '../../src/juggler/discovery/index.js';
import type { DiscographError } from '../../src/juggler/errors.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';
import { openPgDiscovery, type PgDiscoveryHandle } from '../discovery/support/pg-discovery.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

const CHINOOK_TABLES = [
  'album',
  'artist',
  'customer',
  'employee',
  'genre',
  'invoice',
  'invoice_line',
  'media_type',
  'playlist',
  'playlist_track',
  'track',
];

let handle: PgDiscoveryHandle;

beforeAll(() => {
  handle = openPgDiscovery(CHINOOK_PG_URL);
});

afterAll(async () => {
  await handle.close();
});

describe('the spec calls on Chinook', () => {
  it('discoverModelDefinitions lists every Chinook table as {type, name, owner} of the current schema', async () => {
    const rows = await handle.discovery.discoverModelDefinitions({});
    expect(rows.map(({ type, name, owner }) => ({ type, name, owner }))).toEqual(
      CHINOOK_TABLES.map((name) => ({ type: 'table', name, owner: 'public' })),
    );
  });

  it('discoverModelDefinitions pages with limit and offset', async () => {
    const rows = await handle.discovery.discoverModelDefinitions({ views: true, limit: 3, offset: 2 });
    expect(rows.map((row) => row.name)).toEqual(['customer', 'employee', 'genre']);
  });

  it('discoverModelDefinitions with all: true still finds only Chinook tables (no system schemas)', async () => {
    const rows = await handle.discovery.discoverModelDefinitions({ all: true, views: true });
    expect(rows.map((row) => `${row.owner}.${row.name}`)).toEqual(
      CHINOOK_TABLES.map((name) => `public.${name}`),
    );
  });

  it('defaultOwner is the current schema', async () => {
    await expect(handle.discovery.defaultOwner()).resolves.toBe('public');
  });

  it('discoverModelProperties describes invoice_line with the spec fields', async () => {
    const rows = await handle.discovery.discoverModelProperties('invoice_line', {});
    const spec = rows.map(
      ({ owner, tableName, columnName, dataType, dataLength, dataPrecision, dataScale, nullable }) => ({
        owner,
        tableName,
        columnName,
        dataType,
        dataLength,
        dataPrecision,
        dataScale,
        nullable,
      }),
    );
    const integer = {
      dataType: 'integer',
      dataLength: null,
      dataPrecision: 32,
      dataScale: 0,
      nullable: false,
    };
    const where = { owner: 'public', tableName: 'invoice_line' };
    expect(spec).toEqual([
      { ...where, columnName: 'invoice_line_id', ...integer },
      { ...where, columnName: 'invoice_id', ...integer },
      { ...where, columnName: 'track_id', ...integer },
      {
        ...where,
        columnName: 'unit_price',
        dataType: 'numeric',
        dataLength: null,
        dataPrecision: 10,
        dataScale: 2,
        nullable: false,
      },
      { ...where, columnName: 'quantity', ...integer },
    ]);
  });

  it('discoverModelProperties reports varchar lengths and nullability of customer', async () => {
    const rows = await handle.discovery.discoverModelProperties('customer', { owner: 'public' });
    const company = rows.find((row) => row.columnName === 'company');
    expect(company).toMatchObject({
      dataType: 'character varying',
      dataLength: 80,
      nullable: true,
      udtName: 'varchar',
    });
    expect(rows.find((row) => row.columnName === 'email')).toMatchObject({ dataLength: 60, nullable: false });
  });

  it('discoverPrimaryKeys gives the composite key of playlist_track in key order', async () => {
    await expect(handle.discovery.discoverPrimaryKeys('playlist_track', {})).resolves.toEqual([
      {
        owner: 'public',
        tableName: 'playlist_track',
        columnName: 'playlist_id',
        keySeq: 1,
        pkName: 'playlist_track_pkey',
      },
      {
        owner: 'public',
        tableName: 'playlist_track',
        columnName: 'track_id',
        keySeq: 2,
        pkName: 'playlist_track_pkey',
      },
    ]);
  });

  it('discoverForeignKeys gives the keys invoice_line imports', async () => {
    const key = (column: string, target: string) => ({
      fkOwner: 'public',
      fkName: `invoice_line_${column}_fkey`,
      fkTableName: 'invoice_line',
      fkColumnName: column,
      keySeq: 1,
      pkOwner: 'public',
      pkName: `${target}_pkey`,
      pkTableName: target,
      pkColumnName: column,
    });
    await expect(handle.discovery.discoverForeignKeys('invoice_line', {})).resolves.toEqual([
      key('invoice_id', 'invoice'),
      key('track_id', 'track'),
    ]);
  });

  it('discoverExportedForeignKeys gives the keys referencing employee, ordered by referencing table', async () => {
    const rows = await handle.discovery.discoverExportedForeignKeys('employee', {});
    expect(rows).toEqual([
      {
        fkOwner: 'public',
        fkName: 'customer_support_rep_id_fkey',
        fkTableName: 'customer',
        fkColumnName: 'support_rep_id',
        keySeq: 1,
        pkOwner: 'public',
        pkName: 'employee_pkey',
        pkTableName: 'employee',
        pkColumnName: 'employee_id',
      },
      {
        fkOwner: 'public',
        fkName: 'employee_reports_to_fkey',
        fkTableName: 'employee',
        fkColumnName: 'reports_to',
        keySeq: 1,
        pkOwner: 'public',
        pkName: 'employee_pkey',
        pkTableName: 'employee',
        pkColumnName: 'employee_id',
      },
    ]);
  });

  it('discoverExportedForeignKeys of a table nobody references is empty', async () => {
    await expect(handle.discovery.discoverExportedForeignKeys('invoice_line', {})).resolves.toEqual([]);
  });

  it('every per-table call is a single statement', async () => {
    const before = handle.statements.length;
    await handle.discovery.discoverModelProperties('track', {});
    await handle.discovery.discoverPrimaryKeys('track', {});
    await handle.discovery.discoverForeignKeys('track', {});
    await handle.discovery.discoverExportedForeignKeys('track', {});
    expect(handle.statements.length - before).toBe(4);
  });
});

describe('Chinook model definitions', () => {
  it('discoverSchema builds InvoiceLine in LoopBack shape', async () => {
    const integer = (columnName: string) => ({
      type: 'Number',
      required: true,
      discograph: { integer: { bits: 32, signed: true } },
      postgresql: {
        columnName,
        dataType: 'integer',
        dataLength: null,
        dataPrecision: 32,
        dataScale: 0,
        nullable: 'NO',
        default: null,
        generated: null,
        udtName: 'int4',
      },
    });
    const definition = await discoverSchema(handle.discovery, 'invoice_line', {});
    expect(definition).toEqual({
      name: 'InvoiceLine',
      options: {
        idInjection: false,
        postgresql: { schema: 'public', table: 'invoice_line', kind: 'table' },
        validations: ['invoiceLineId', 'invoiceId', 'trackId', 'unitPrice', 'quantity'].map((property) => ({
          kind: 'presence',
          property,
        })),
      },
      properties: {
        invoiceLineId: { ...integer('invoice_line_id'), id: 1 },
        invoiceId: integer('invoice_id'),
        trackId: integer('track_id'),
        unitPrice: {
          type: 'Decimal',
          required: true,
          precision: 10,
          scale: 2,
          postgresql: {
            columnName: 'unit_price',
            dataType: 'numeric',
            dataLength: null,
            dataPrecision: 10,
            dataScale: 2,
            nullable: 'NO',
            default: null,
            generated: null,
            udtName: 'numeric',
          },
        },
        quantity: integer('quantity'),
      },
    });
    expect(Object.keys(definition.properties)).toEqual([
      'invoiceLineId',
      'invoiceId',
      'trackId',
      'unitPrice',
      'quantity',
    ]);
  });

  it('discoverSchemas calls the type mapping as a method of a class-based connector', async () => {
    class DelegatingDiscovery implements DiscoveryConnector {
      constructor(private readonly inner: DiscoveryConnector) {}
      discoverModelDefinitions(options: DiscoveryOptions) {
        return this.inner.discoverModelDefinitions(options);
      }
      discoverModelProperties(table: string, options: DiscoveryOptions) {
        return this.inner.discoverModelProperties(table, options);
      }
      discoverPrimaryKeys(table: string, options: DiscoveryOptions) {
        return this.inner.discoverPrimaryKeys(table, options);
      }
      discoverForeignKeys(table: string, options: DiscoveryOptions) {
        return this.inner.discoverForeignKeys(table, options);
      }
      discoverExportedForeignKeys(table: string, options: DiscoveryOptions) {
        return this.inner.discoverExportedForeignKeys(table, options);
      }
      discoverCatalog(options: DiscoveryOptions & { tables?: string[] }) {
        return this.inner.discoverCatalog(options);
      }
      defaultOwner() {
        return this.inner.defaultOwner();
      }
      mapPropertyType(column: PropertyRow) {
        return this.inner.mapPropertyType(column);
      }
    }
    const connector = new DelegatingDiscovery(handle.discovery);
    const schemas = await discoverSchemas(connector, 'genre', { associations: true });
    expect(schemas['public.genre']?.properties.name?.type).toBe('String');
    await expect(discoverSchema(connector, 'genre', {})).resolves.toMatchObject({ name: 'Genre' });
  });

  it('discoverSchema keeps varchar lengths as length validations', async () => {
    const artist = await discoverSchema(handle.discovery, 'artist', {});
    expect(artist.properties.name).toMatchObject({ type: 'String', required: false, length: 120 });
    expect(artist.options?.validations).toEqual([
      { kind: 'presence', property: 'artistId' },
      {
        kind: 'length',
        property: 'name',
        options: {
          max: 120,
          allowNull: true,
          allowBlank: true,
          message: { max: 'too long (at most 120 characters)' },
        },
      },
    ]);
  });

  it('discoverSchema of an unknown table fails with UNKNOWN_TABLE and suggests the real name', async () => {
    const failure = await discoverSchema(handle.discovery, 'InvoiceLine', {}).catch(
      (error: DiscographError) => error,
    );
    expect(failure).toMatchObject({ code: 'UNKNOWN_TABLE', statusCode: 404 });
    expect((failure as DiscographError).message).toContain('did you mean `public.invoice_line`?');
  });

  it('discoverSchemas with relations follows foreign keys only, with belongsTo relations', async () => {
    const schemas = await discoverSchemas(handle.discovery, 'album', { relations: true });
    expect(Object.keys(schemas)).toEqual(['public.album', 'public.artist']);
    expect(schemas['public.album']?.options?.relations).toEqual({
      artist: {
        type: 'belongsTo',
        model: 'Artist',
        foreignKey: 'artistId',
        discograph: { constraint: 'album_artist_id_fkey' },
      },
    });
    expect(schemas['public.artist']?.options?.relations).toBeUndefined();
  });

  it('discoverSchemas without relations gives the one table keyed owner.table', async () => {
    const schemas = await discoverSchemas(handle.discovery, 'track', {});
    expect(Object.keys(schemas)).toEqual(['public.track']);
    expect(schemas['public.track']?.options?.relations).toBeUndefined();
  });

  describe('with associations', () => {
    let schemas: Record<string, ModelDefinition>;
    const relationsOf = (table: string) => schemas[`public.${table}`]?.options?.relations ?? {};

    beforeAll(async () => {
      schemas = await discoverSchemas(handle.discovery, 'invoice_line', { associations: true });
    });

    it('reaches every Chinook table from invoice_line', () => {
      expect(Object.keys(schemas)).toEqual(CHINOOK_TABLES.map((name) => `public.${name}`));
    });

    it('gives artist.albums and album.artist', () => {
      expect(relationsOf('artist').albums).toEqual({
        type: 'hasMany',
        model: 'Album',
        foreignKey: 'artistId',
      });
      expect(relationsOf('album').artist).toEqual({
        type: 'belongsTo',
        model: 'Artist',
        foreignKey: 'artistId',
        discograph: { constraint: 'album_artist_id_fkey' },
      });
    });

    it('gives track.album, track.genre and track.mediaType', () => {
      const relations = relationsOf('track');
      const enforcedBy = (constraint: string) => ({ discograph: { constraint } });
      expect(relations.album).toEqual({
        type: 'belongsTo',
        model: 'Album',
        foreignKey: 'albumId',
        ...enforcedBy('track_album_id_fkey'),
      });
      expect(relations.genre).toEqual({
        type: 'belongsTo',
        model: 'Genre',
        foreignKey: 'genreId',
        ...enforcedBy('track_genre_id_fkey'),
      });
      expect(relations.mediaType).toEqual({
        type: 'belongsTo',
        model: 'MediaType',
        foreignKey: 'mediaTypeId',
        ...enforcedBy('track_media_type_id_fkey'),
      });
    });

    it('gives invoiceLine.track', () => {
      expect(relationsOf('invoice_line').track).toEqual({
        type: 'belongsTo',
        model: 'Track',
        foreignKey: 'trackId',
        discograph: { constraint: 'invoice_line_track_id_fkey' },
      });
    });

    it('gives customer.supportRep and employee.customers', () => {
      expect(relationsOf('customer').supportRep).toEqual({
        type: 'belongsTo',
        model: 'Employee',
        foreignKey: 'supportRepId',
        discograph: { constraint: 'customer_support_rep_id_fkey' },
      });
      expect(relationsOf('employee').customers).toEqual({
        type: 'hasMany',
        model: 'Customer',
        foreignKey: 'supportRepId',
      });
    });

    it('names the employee self-reference reportsToEmployee (the property reportsTo keeps its name) and employees', () => {
      const employee = schemas['public.employee'];
      expect(employee?.properties.reportsTo).toMatchObject({ type: 'Number' });
      expect(relationsOf('employee').reportsToEmployee).toEqual({
        type: 'belongsTo',
        model: 'Employee',
        foreignKey: 'reportsTo',
        discograph: { constraint: 'employee_reports_to_fkey' },
      });
      expect(relationsOf('employee').employees).toEqual({
        type: 'hasMany',
        model: 'Employee',
        foreignKey: 'reportsTo',
      });
    });

    it('gives playlist.tracks and track.playlists through PlaylistTrack', () => {
      expect(relationsOf('playlist').tracks).toEqual({
        type: 'hasManyThrough',
        model: 'Track',
        through: 'PlaylistTrack',
        foreignKey: 'playlistId',
        keyThrough: 'trackId',
      });
      expect(relationsOf('track').playlists).toEqual({
        type: 'hasManyThrough',
        model: 'Playlist',
        through: 'PlaylistTrack',
        foreignKey: 'trackId',
        keyThrough: 'playlistId',
      });
    });

    it('lists relations sorted by name', () => {
      expect(Object.keys(relationsOf('track'))).toEqual([
        'album',
        'genre',
        'invoiceLines',
        'mediaType',
        'playlistTracks',
        'playlists',
      ]);
    });
  });

  it('reads the whole schema in four statements', async () => {
    const before = handle.statements.length;
    const snapshot = await handle.discovery.discoverCatalog({});
    expect(handle.statements.length - before).toBe(4);
    expect(snapshot.statementCount).toBe(4);
    expect(snapshot).toMatchObject({
      connector: 'postgresql',
      database: 'chinook',
      owners: ['public'],
      defaultOwner: 'public',
    });
    expect(snapshot.tables.map((table) => table.name)).toEqual(CHINOOK_TABLES);
  });
});

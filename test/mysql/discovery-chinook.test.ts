import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDiscovery, type MysqlRun } from '../../src/connectors/mysql/mysql-discovery.js';
import { CHINOOK_MYSQL_URL, mysqlUrl } from '../support/databases.js';

let pool: mysql.Pool;
const statements: string[] = [];

/** A `run` on a mysql2 pool that records every statement it sends. */
function poolRun(target: mysql.Pool): MysqlRun {
  return async (sql, params) => {
    statements.push(sql);
    const [rows] = await target.query(sql, [...params]);
    return rows as Record<string, unknown>[];
  };
}

beforeAll(() => {
  pool = mysql.createPool({ uri: CHINOOK_MYSQL_URL, connectionLimit: 4 });
});

afterAll(async () => {
  await pool.end();
});

const CHINOOK_TABLES = [
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
];

describe('MySQL discovery on Chinook', () => {
  it('uses the connection database as the default owner', async () => {
    const discovery = createMysqlDiscovery(poolRun(pool));
    expect(await discovery.defaultOwner()).toBe('Chinook');
    expect((await discovery.serverInfo()).flavour).toBe('mariadb');
  });

  it('lists every table of the database with discoverModelDefinitions', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverModelDefinitions({});
    expect(rows.map((row) => row.name)).toEqual(CHINOOK_TABLES);
    expect(rows[0]).toEqual({
      type: 'table',
      name: 'Album',
      owner: 'Chinook',
      kind: 'table',
      description: null,
    });
  });

  it('pages discoverModelDefinitions({views: true, limit: 20}) and offset as the spec shows', async () => {
    const discovery = createMysqlDiscovery(poolRun(pool));
    expect(await discovery.discoverModelDefinitions({ views: true, limit: 20 })).toHaveLength(11);
    const page = await discovery.discoverModelDefinitions({ limit: 3, offset: 2 });
    expect(page.map((row) => row.name)).toEqual(['Customer', 'Employee', 'Genre']);
  });

  it('rejects a negative limit with an INVALID_ARGUMENT error', async () => {
    const discovery = createMysqlDiscovery(poolRun(pool));
    await expect(discovery.discoverModelDefinitions({ limit: -1 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('reads an owner named in the options even when the connection uses another database', async () => {
    const other = mysql.createPool({ uri: mysqlUrl('information_schema'), connectionLimit: 1 });
    try {
      const discovery = createMysqlDiscovery(poolRun(other));
      const rows = await discovery.discoverModelProperties('Genre', { owner: 'Chinook' });
      expect(rows.map((row) => row.columnName)).toEqual(['GenreId', 'Name']);
      const viaSchema = await discovery.discoverPrimaryKeys('Genre', { schema: 'Chinook' });
      expect(viaSchema).toEqual([
        { owner: 'Chinook', tableName: 'Genre', columnName: 'GenreId', keySeq: 1, pkName: 'PRIMARY' },
      ]);
    } finally {
      await other.end();
    }
  });

  it('describes the InvoiceLine columns with exactly the spec fields', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverModelProperties('InvoiceLine', {});
    const specFields = rows.map(
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
    const base = { owner: 'Chinook', tableName: 'InvoiceLine', dataLength: null, nullable: false };
    expect(specFields).toEqual([
      { ...base, columnName: 'InvoiceLineId', dataType: 'int', dataPrecision: 10, dataScale: 0 },
      { ...base, columnName: 'InvoiceId', dataType: 'int', dataPrecision: 10, dataScale: 0 },
      { ...base, columnName: 'TrackId', dataType: 'int', dataPrecision: 10, dataScale: 0 },
      { ...base, columnName: 'UnitPrice', dataType: 'decimal', dataPrecision: 10, dataScale: 2 },
      { ...base, columnName: 'Quantity', dataType: 'int', dataPrecision: 10, dataScale: 0 },
    ]);
    expect(rows[3]).toMatchObject({
      position: 4,
      columnDefault: null,
      generated: null,
      udtName: 'decimal(10,2)',
      enumValues: null,
      checks: [],
      updatable: true,
    });
  });

  it('describes varchar columns with their length and nullability (discoverModelProperties("Track"))', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverModelProperties('Track', {});
    expect(rows.find((row) => row.columnName === 'Composer')).toMatchObject({
      dataType: 'varchar',
      dataLength: 220,
      nullable: true,
      columnDefault: null,
    });
  });

  it('returns no properties for a table name that differs only in case', async () => {
    const discovery = createMysqlDiscovery(poolRun(pool));
    expect(await discovery.discoverModelProperties('invoiceline', {})).toEqual([]);
  });

  it('maps the Chinook column types to model types', async () => {
    const discovery = createMysqlDiscovery(poolRun(pool));
    const rows = await discovery.discoverModelProperties('Employee', {});
    const types = Object.fromEntries(rows.map((row) => [row.columnName, discovery.mapPropertyType(row)]));
    expect(types.EmployeeId).toEqual({ type: 'Number', integer: { bits: 32, signed: true } });
    expect(types.LastName).toEqual({ type: 'String', length: 20 });
    expect(types.BirthDate).toEqual({ type: 'LocalDateTime' });
  });

  it('finds the composite primary key of PlaylistTrack in key order', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverPrimaryKeys('PlaylistTrack', {});
    expect(rows).toEqual([
      {
        owner: 'Chinook',
        tableName: 'PlaylistTrack',
        columnName: 'PlaylistId',
        keySeq: 1,
        pkName: 'PRIMARY',
      },
      { owner: 'Chinook', tableName: 'PlaylistTrack', columnName: 'TrackId', keySeq: 2, pkName: 'PRIMARY' },
    ]);
  });

  it('finds the foreign keys of Track with the spec fields', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverForeignKeys('Track', {});
    const fk = (fkName: string, fkColumnName: string, pkTableName: string) => ({
      fkOwner: 'Chinook',
      fkName,
      fkTableName: 'Track',
      fkColumnName,
      keySeq: 1,
      pkOwner: 'Chinook',
      pkName: 'PRIMARY',
      pkTableName,
      pkColumnName: fkColumnName,
    });
    expect(rows).toEqual([
      fk('FK_TrackAlbumId', 'AlbumId', 'Album'),
      fk('FK_TrackGenreId', 'GenreId', 'Genre'),
      fk('FK_TrackMediaTypeId', 'MediaTypeId', 'MediaType'),
    ]);
  });

  it('finds the self-reference of Employee among its foreign keys', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverForeignKeys('Employee', {});
    expect(rows).toEqual([
      {
        fkOwner: 'Chinook',
        fkName: 'FK_EmployeeReportsTo',
        fkTableName: 'Employee',
        fkColumnName: 'ReportsTo',
        keySeq: 1,
        pkOwner: 'Chinook',
        pkName: 'PRIMARY',
        pkTableName: 'Employee',
        pkColumnName: 'EmployeeId',
      },
    ]);
  });

  it('finds the foreign keys exported by Track, ordered by referencing table', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverExportedForeignKeys('Track', {});
    expect(rows.map((row) => [row.fkTableName, row.fkName, row.fkColumnName, row.pkColumnName])).toEqual([
      ['InvoiceLine', 'FK_InvoiceLineTrackId', 'TrackId', 'TrackId'],
      ['PlaylistTrack', 'FK_PlaylistTrackTrackId', 'TrackId', 'TrackId'],
    ]);
    expect(rows[0]?.pkName).toBe('PRIMARY');
  });

  it('finds the foreign keys exported by Employee: customers and subordinates', async () => {
    const rows = await createMysqlDiscovery(poolRun(pool)).discoverExportedForeignKeys('Employee', {});
    expect(rows.map((row) => `${row.fkTableName}.${row.fkColumnName}`)).toEqual([
      'Customer.SupportRepId',
      'Employee.ReportsTo',
    ]);
  });

  it('reads the whole Chinook catalog in at most five statements', async () => {
    statements.length = 0;
    const snapshot = await createMysqlDiscovery(poolRun(pool)).discoverCatalog({});
    expect(snapshot.statementCount).toBe(statements.length);
    expect(snapshot.statementCount).toBeLessThanOrEqual(5);
    expect(snapshot).toMatchObject({
      connector: 'mysql',
      database: 'Chinook',
      owners: ['Chinook'],
      defaultOwner: 'Chinook',
    });
    expect(snapshot.tables.map((table) => table.name)).toEqual(CHINOOK_TABLES);
    const foreignKeys = snapshot.tables.flatMap((table) =>
      table.foreignKeys.map((fk) => `${fk.fkTableName}.${fk.fkColumnName}->${fk.pkTableName}`),
    );
    expect(foreignKeys).toEqual([
      'Album.ArtistId->Artist',
      'Customer.SupportRepId->Employee',
      'Employee.ReportsTo->Employee',
      'Invoice.CustomerId->Customer',
      'InvoiceLine.InvoiceId->Invoice',
      'InvoiceLine.TrackId->Track',
      'PlaylistTrack.PlaylistId->Playlist',
      'PlaylistTrack.TrackId->Track',
      'Track.AlbumId->Album',
      'Track.GenreId->Genre',
      'Track.MediaTypeId->MediaType',
    ]);
    const invoiceLine = snapshot.tables.find((table) => table.name === 'InvoiceLine');
    expect(invoiceLine?.primaryKey.map((pk) => pk.columnName)).toEqual(['InvoiceLineId']);
    expect(invoiceLine?.columns.map((column) => column.columnName)).toEqual([
      'InvoiceLineId',
      'InvoiceId',
      'TrackId',
      'UnitPrice',
      'Quantity',
    ]);
  });

  it('needs only the four catalog statements once the server was probed', async () => {
    const discovery = createMysqlDiscovery(poolRun(pool));
    const first = await discovery.discoverCatalog({});
    const second = await discovery.discoverCatalog({});
    expect([first.statementCount, second.statementCount]).toEqual([5, 4]);
    expect(second.tables).toEqual(first.tables);
  });

  it('reads the same catalog through prepared statements (pool.execute) as through pool.query', async () => {
    const viaQuery = await createMysqlDiscovery(poolRun(pool)).discoverCatalog({});
    const viaExecute = await createMysqlDiscovery(async (sql, params) => {
      const [rows] = await pool.execute(sql, [...params] as (string | number)[]);
      return rows as Record<string, unknown>[];
    }).discoverCatalog({});
    expect(viaExecute.tables).toEqual(viaQuery.tables);
  });

  it('restricts a catalog read to the named tables', async () => {
    const snapshot = await createMysqlDiscovery(poolRun(pool)).discoverCatalog({
      tables: ['Track', 'Genre'],
    });
    expect(snapshot.tables.map((table) => table.name)).toEqual(['Genre', 'Track']);
    expect(snapshot.tables[1]?.foreignKeys).toHaveLength(3);
  });
});

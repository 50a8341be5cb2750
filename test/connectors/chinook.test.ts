import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorModel } from '../../src/juggler/connector/connector-model.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { byProperty, DIALECTS, type TestConnector } from '../support/dialects.js';
import { observedConnector } from '../support/observed-connector.js';

function column(model: ConnectorModel, property: string): string {
  return model.propertyByName.get(property)!.column;
}

describe.each(DIALECTS)('reads on the Chinook database on $name', (dialect) => {
  const { track: Track, album: Album, playlistTrack: PlaylistTrack } = dialect.chinook;
  const q = dialect.quote;
  /** `"unit_price"` / `` `UnitPrice` ``: a property's quoted column for the reference SQL. */
  const c = (model: ConnectorModel, property: string) => q(column(model, property));
  const allColumns = (model: ConnectorModel) =>
    model.properties.map((property) => q(property.column)).join(', ');
  const db = observedConnector(() => dialect.open(dialect.chinook.url));
  const { statements } = db;

  it('finds tracks with unitPrice > 0.99 ordered by name, the same rows as plain SQL', async () => {
    const rows = await db.connector.find(Track, {
      where: { kind: 'compare', property: 'unitPrice', op: 'gt', value: '0.99' },
      order: [
        { property: 'name', direction: 'ASC' },
        { property: 'trackId', direction: 'ASC' },
      ],
      limit: 20,
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]?.rowCount).toBe(20);
    const plain = await db.connector.execute(
      `select ${allColumns(Track)} from ${q(Track.table)} where ${c(Track, 'unitPrice')} > 0.99
        order by ${c(Track, 'name')}, ${c(Track, 'trackId')} limit 20`,
    );
    expect(rows).toHaveLength(20);
    expect(rows).toEqual(byProperty(Track, plain));
    expect(rows[0]?.unitPrice).toBe('1.99');
  });

  it('counts all tracks, and tracks by a case-insensitive pattern as plain SQL does', async () => {
    expect(await db.connector.count(Track, undefined)).toBe(3503);
    const [plain] = await db.connector.execute(
      `select count(*) as n from ${q(Track.table)} where lower(${c(Track, 'composer')}) like '%bach%'`,
    );
    const where: WhereNode = { kind: 'compare', property: 'composer', op: 'ilike', value: '%BACH%' };
    expect(await db.connector.count(Track, where)).toBe(Number(plain?.n));
    expect(Number(plain?.n)).toBeGreaterThan(0);
  });

  it('finds a thousand ids in one statement', async () => {
    const ids = Array.from({ length: 1000 }, (_, index) => index + 1);
    const rows = await db.connector.find(Track, {
      where: { kind: 'compare', property: 'trackId', op: 'inq', value: ids },
      fields: ['trackId'],
      order: [{ property: 'trackId', direction: 'ASC' }],
    });
    expect(rows.map((row) => row.trackId)).toEqual(ids);
    expect(statements).toHaveLength(1);
  });

  it('reads the first three tracks of many albums in one statement, as a window query in plain SQL', async () => {
    const albums = await db.connector.find(Album, {
      order: [{ property: 'albumId', direction: 'ASC' }],
      limit: 20,
    });
    statements.length = 0;
    const rows = await db.connector.findGrouped(Track, {
      partitionBy: ['albumId'],
      keys: albums.map((album) => [album.albumId]),
      filter: {
        order: [
          { property: 'name', direction: 'ASC' },
          { property: 'trackId', direction: 'ASC' },
        ],
        limit: 3,
        fields: ['trackId', 'name'],
      },
    });
    expect(statements).toHaveLength(1);
    const plain = await db.connector.execute(
      `select ${c(Track, 'trackId')}, ${c(Track, 'name')}, ${c(Track, 'albumId')} from (
         select t.*, row_number() over (partition by ${c(Track, 'albumId')} order by ${c(Track, 'name')}, ${c(Track, 'trackId')}) as rn
         from ${q(Track.table)} t where ${c(Track, 'albumId')} <= 20) ranked
       where rn <= 3 order by ${c(Track, 'albumId')}, rn`,
    );
    expect(rows).toEqual(byProperty(Track, plain));
    expect(rows).toHaveLength(plain.length);
  });

  it('finds a row by its composite id', async () => {
    const where: WhereNode = {
      kind: 'and',
      nodes: [
        { kind: 'compare', property: 'playlistId', op: 'eq', value: 1 },
        { kind: 'compare', property: 'trackId', op: 'eq', value: 3402 },
      ],
    };
    expect(await db.connector.find(PlaylistTrack, { where })).toEqual([{ playlistId: 1, trackId: 3402 }]);
  });

  it('answers discovery through the connector, with its statements observed', async () => {
    const tables = await db.connector.discoverModelDefinitions({});
    expect(tables.map((table) => table.name)).toContain(Track.table);
    const properties = await db.connector.discoverModelProperties(Track.table, {});
    expect(properties.find((property) => property.columnName === column(Track, 'unitPrice'))).toMatchObject({
      dataPrecision: 10,
      dataScale: 2,
    });
    const keys = await db.connector.discoverPrimaryKeys(PlaylistTrack.table, {});
    expect(keys.map((key) => key.columnName)).toEqual([
      column(PlaylistTrack, 'playlistId'),
      column(PlaylistTrack, 'trackId'),
    ]);
    const foreignKeys = await db.connector.discoverForeignKeys(Track.table, {});
    expect(foreignKeys.map((key) => key.pkTableName).sort()).toEqual(
      dialect.name === 'mysql' ? ['Album', 'Genre', 'MediaType'] : ['album', 'genre', 'media_type'],
    );
    expect(await db.connector.defaultOwner()).toBe(dialect.name === 'mysql' ? 'Chinook' : 'public');
    expect(statements.length).toBeGreaterThanOrEqual(4);
  });
});

describe.each(DIALECTS)('writes on a copy of Chinook on $name', (dialect) => {
  const database = 'conn_chinook_copy';
  const { track: Track, album: Album } = dialect.chinook;
  let connector: TestConnector;

  beforeAll(async () => {
    connector = dialect.open(await dialect.createDatabase(database, { chinook: true }));
  });

  afterAll(async () => {
    await connector.disconnect();
    await dialect.dropDatabase(database);
  });

  it('creates, updates and deletes rows of the copy, which keeps its foreign keys', async () => {
    expect(await connector.create(Album, { albumId: 1000, title: 'New Album', artistId: 1 })).toEqual({
      albumId: 1000,
      title: 'New Album',
      artistId: 1,
    });
    const created = await connector.create(Track, {
      trackId: 5000,
      name: 'New Track',
      albumId: 1000,
      mediaTypeId: 1,
      milliseconds: 1000,
      unitPrice: '1.49',
    });
    expect(created).toMatchObject({ trackId: 5000, albumId: 1000, unitPrice: '1.49', composer: null });
    const album1: WhereNode = { kind: 'compare', property: 'albumId', op: 'eq', value: 1 };
    expect(await connector.updateAll(Track, album1, { unitPrice: '2.99' })).toEqual({ count: 10 });
    expect(
      (await connector.find(Track, { where: album1, fields: ['unitPrice'] })).map((row) => row.unitPrice),
    ).toEqual(Array(10).fill('2.99'));
    await expect(
      connector.destroyAll(Album, { kind: 'compare', property: 'albumId', op: 'eq', value: 1000 }),
    ).rejects.toMatchObject({ code: 'FOREIGN_KEY_VIOLATION' });
    expect(
      await connector.destroyAll(Track, { kind: 'compare', property: 'albumId', op: 'eq', value: 1000 }),
    ).toEqual({
      count: 1,
    });
    expect(
      await connector.destroyAll(Album, { kind: 'compare', property: 'albumId', op: 'eq', value: 1000 }),
    ).toEqual({
      count: 1,
    });
    expect(await connector.count(Track, undefined)).toBe(3503);
  });
});

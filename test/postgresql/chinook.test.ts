import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/connectors/connector.js';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { ChinookAlbum, ChinookPlaylistTrack, ChinookTrack } from '../support/connector-models.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

describe('reads on the Chinook database', () => {
  let connector: PostgresConnector;
  let statements: StatementEvent[];

  beforeAll(async () => {
    connector = new PostgresConnector({ url: CHINOOK_PG_URL });
    await connector.connect();
    connector.observeStatements((event) => statements.push(event));
  });

  beforeEach(() => {
    statements = [];
  });

  afterAll(async () => {
    await connector.disconnect();
  });

  it('finds tracks with unitPrice > 0.99 ordered by name, the same rows as plain SQL', async () => {
    const rows = await connector.find(ChinookTrack, {
      where: { kind: 'compare', property: 'unitPrice', op: 'gt', value: '0.99' },
      order: [
        { property: 'name', direction: 'ASC' },
        { property: 'trackId', direction: 'ASC' },
      ],
      limit: 20,
    });
    const plain = await connector.execute(
      `select track_id, name, album_id, media_type_id, genre_id, composer, milliseconds, bytes, unit_price
         from track where unit_price > 0.99 order by name, track_id limit 20`,
    );
    expect(rows).toHaveLength(20);
    expect(rows).toEqual(
      plain.map((row) => ({
        trackId: row.track_id,
        name: row.name,
        albumId: row.album_id,
        mediaTypeId: row.media_type_id,
        genreId: row.genre_id,
        composer: row.composer,
        milliseconds: row.milliseconds,
        bytes: row.bytes,
        unitPrice: row.unit_price,
      })),
    );
    expect(rows[0]?.unitPrice).toBe('1.99');
    expect(statements.map((event) => event.sql)[0]).toBe(
      'SELECT "track_id" AS "trackId", "name", "album_id" AS "albumId", "media_type_id" AS "mediaTypeId", "genre_id" AS "genreId", "composer", "milliseconds", "bytes", "unit_price" AS "unitPrice" FROM "track" WHERE "unit_price" > $1 ORDER BY "name" ASC, "track_id" ASC LIMIT $2',
    );
    expect(statements[0]?.rowCount).toBe(20);
  });

  it('counts all tracks and filtered tracks', async () => {
    expect(await connector.count(ChinookTrack, undefined)).toBe(3503);
    const [plain] = await connector.execute<{ n: number }>(
      "select count(*)::int as n from track where composer ilike '%bach%'",
    );
    expect(
      await connector.count(ChinookTrack, {
        kind: 'compare',
        property: 'composer',
        op: 'ilike',
        value: '%bach%',
      }),
    ).toBe(plain?.n);
  });

  it('sends a thousand ids as one array parameter', async () => {
    const ids = Array.from({ length: 1000 }, (_, index) => index + 1);
    const rows = await connector.find(ChinookTrack, {
      where: { kind: 'compare', property: 'trackId', op: 'inq', value: ids },
      fields: ['trackId'],
    });
    expect(rows).toHaveLength(1000);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.params).toEqual([ids]);
  });

  it('reads the first three tracks of many albums in one statement, as a window query in plain SQL', async () => {
    const albums = await connector.find(ChinookAlbum, {
      order: [{ property: 'albumId', direction: 'ASC' }],
      limit: 20,
    });
    statements = [];
    const rows = await connector.findGrouped(ChinookTrack, {
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
    const plain = await connector.execute(
      `select track_id, name, album_id from (
         select *, row_number() over (partition by album_id order by name, track_id) as rn from track where album_id <= 20) t
       where rn <= 3 order by album_id, rn`,
    );
    expect(rows).toEqual(
      plain.map((row) => ({ trackId: row.track_id, name: row.name, albumId: row.album_id })),
    );
  });

  it('finds a row by its composite id', async () => {
    const where: WhereNode = {
      kind: 'and',
      nodes: [
        { kind: 'compare', property: 'playlistId', op: 'eq', value: 1 },
        { kind: 'compare', property: 'trackId', op: 'eq', value: 3402 },
      ],
    };
    expect(await connector.find(ChinookPlaylistTrack, { where })).toEqual([{ playlistId: 1, trackId: 3402 }]);
  });

  it('answers discovery through the connector, with its statements observed', async () => {
    const tables = await connector.discoverModelDefinitions({});
    expect(tables.map((table) => table.name)).toContain('invoice_line');
    const properties = await connector.discoverModelProperties('track', {});
    expect(properties.find((property) => property.columnName === 'unit_price')).toMatchObject({
      dataType: expect.stringMatching(/numeric/),
      dataPrecision: 10,
      dataScale: 2,
    });
    const keys = await connector.discoverPrimaryKeys('playlist_track', {});
    expect(keys.map((key) => key.columnName)).toEqual(['playlist_id', 'track_id']);
    const foreignKeys = await connector.discoverForeignKeys('track', {});
    expect(foreignKeys.map((key) => key.pkTableName).sort()).toEqual(['album', 'genre', 'media_type']);
    expect(await connector.defaultOwner()).toBe('public');
    expect(statements.length).toBeGreaterThanOrEqual(4);
  });
});

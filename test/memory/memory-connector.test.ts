import { describe, expect, it } from 'vitest';
import { MemoryConnector } from '../../src/connectors/memory/index.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { DatabaseError } from '../../src/juggler/errors.js';
import { normalizeFilter, normalizeWhere } from '../../src/juggler/filter/index.js';
import { countRows, readRows } from '../support/connector-reads.js';
import { connectorModel } from './connector-models.js';

const Album = connectorModel('Album', {
  albumId: { type: 'Number', id: 1, generated: true },
  title: { type: 'String', nullable: false },
  artistId: 'Number',
  price: 'Decimal',
  releasedAt: 'Date',
});

const PlaylistTrack = connectorModel('PlaylistTrack', {
  playlistId: { type: 'Number', id: 1 },
  trackId: { type: 'Number', id: 2 },
});

async function seededAlbums(): Promise<MemoryConnector> {
  const connector = new MemoryConnector();
  const albums: [string, number, string][] = [
    ['For Those About To Rock', 1, '9.99'],
    ['Balls to the Wall', 2, '8.99'],
    ['Restless and Wild', 2, '10.99'],
    ['Let There Be Rock', 1, '7.99'],
    ['Big Ones', 3, '9.99'],
  ];
  for (const [title, artistId, price] of albums) await connector.create(Album, { title, artistId, price });
  return connector;
}

describe('the memory connector', () => {
  it('creates rows with generated numeric ids and returns the stored row', async () => {
    const connector = new MemoryConnector();
    const first = await connector.create(Album, { title: 'A', artistId: 1 });
    const second = await connector.create(Album, { title: 'B' });
    expect(first).toEqual({ albumId: 1, title: 'A', artistId: 1, price: null, releasedAt: null });
    expect(second.albumId).toBe(2);
    const explicit = await connector.create(Album, { albumId: 10, title: 'C' });
    expect(explicit.albumId).toBe(10);
    expect((await connector.create(Album, { title: 'D' })).albumId).toBe(11);
  });

  it('rejects a duplicate id with UNIQUE_VIOLATION and a null NOT NULL property with NOT_NULL_VIOLATION', async () => {
    const connector = new MemoryConnector();
    await connector.create(Album, { albumId: 1, title: 'A' });
    await expect(connector.create(Album, { albumId: 1, title: 'B' })).rejects.toMatchObject({
      code: 'UNIQUE_VIOLATION',
    });
    const error = await connector.create(Album, { artistId: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('NOT_NULL_VIOLATION');
  });

  it('never shares mutable values with callers', async () => {
    const connector = new MemoryConnector();
    const releasedAt = new Date('2020-01-01T00:00:00Z');
    const created = await connector.create(Album, { title: 'A', releasedAt });
    releasedAt.setFullYear(1999);
    (created.releasedAt as Date).setFullYear(1998);
    const [row] = await readRows(connector, Album, {});
    expect((row as { releasedAt: Date }).releasedAt.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });

  it('finds with where, order, skip, limit and fields', async () => {
    const connector = await seededAlbums();
    const filter = normalizeFilter(Album, {
      where: { price: { gte: '8.99' } },
      order: ['price DESC', 'title'],
      skip: 1,
      limit: 2,
      fields: ['title'],
    });
    expect(await readRows(connector, Album, filter)).toEqual([
      { albumId: 5, title: 'Big Ones' },
      { albumId: 1, title: 'For Those About To Rock' },
    ]);
  });

  it('applies order, skip and limit per partition in a partitioned read', async () => {
    const connector = await seededAlbums();
    const rows = await readRows(
      connector,
      Album,
      normalizeFilter(Album, { order: 'title DESC', limit: 1, fields: ['title'] }),
      { partition: { by: ['artistId'], keys: [[1], [2], [4]] } },
    );
    expect(rows).toEqual([
      { albumId: 4, title: 'Let There Be Rock', artistId: 1 },
      { albumId: 3, title: 'Restless and Wild', artistId: 2 },
    ]);
  });

  it('counts, updates and destroys matching rows', async () => {
    const connector = await seededAlbums();
    expect(await countRows(connector, Album, normalizeWhere(Album, { artistId: 2 }))).toBe(2);
    expect(await countRows(connector, Album, undefined)).toBe(5);
    expect(
      await connector.updateAll(Album, normalizeWhere(Album, { artistId: 2 }), { price: '1.00' }),
    ).toEqual({
      count: 2,
    });
    expect(await countRows(connector, Album, normalizeWhere(Album, { price: '1' }))).toBe(2);
    expect(await connector.destroyAll(Album, normalizeWhere(Album, { artistId: { inq: [1, 3] } }))).toEqual({
      count: 3,
    });
    expect(await countRows(connector, Album, undefined)).toBe(2);
  });

  it('upserts: updates the given properties of an existing row, inserts otherwise', async () => {
    const connector = await seededAlbums();
    const updated = await connector.upsert(Album, { albumId: 2, price: '5.00' });
    expect(updated).toMatchObject({ albumId: 2, title: 'Balls to the Wall', price: '5.00' });
    const inserted = await connector.upsert(Album, { title: 'New' });
    expect(inserted.albumId).toBe(6);
    expect(await countRows(connector, Album, undefined)).toBe(6);
  });

  it('keys composite ids by the whole tuple', async () => {
    const connector = new MemoryConnector();
    await connector.create(PlaylistTrack, { playlistId: 1, trackId: 1 });
    await connector.create(PlaylistTrack, { playlistId: 1, trackId: 2 });
    await expect(connector.create(PlaylistTrack, { playlistId: 1, trackId: 2 })).rejects.toMatchObject({
      code: 'UNIQUE_VIOLATION',
    });
    expect(await countRows(connector, PlaylistTrack, undefined)).toBe(2);
  });

  it('emits one pseudo statement per operation to observers until unsubscribed', async () => {
    const connector = await seededAlbums();
    const events: StatementEvent[] = [];
    const stop = connector.observeStatements((event) => events.push(event));
    await readRows(connector, Album, {});
    await countRows(connector, Album, undefined);
    stop();
    await readRows(connector, Album, {});
    expect(events.map((event) => event.sql)).toEqual(['find Album', 'count Album']);
    expect(events[0]?.rowCount).toBe(5);
    expect(events[0]?.connector).toBe('memory');
  });

  it('empties tables on automigrate and reports itself actual', async () => {
    const connector = await seededAlbums();
    await connector.automigrate([Album]);
    expect(await countRows(connector, Album, undefined)).toBe(0);
    expect(await connector.isActual([Album])).toBe(true);
    expect(connector.capabilities.groupedFind).toBe(true);
  });
});

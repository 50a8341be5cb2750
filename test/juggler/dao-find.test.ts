import { describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { FilterError } from '../../src/juggler/errors.js';

async function chinookish() {
  const ds = new DataSource('memory');
  const Track = ds.define(
    'Track',
    {
      trackId: { type: Number, id: true, generated: true },
      name: { type: String, required: true },
      albumId: Number,
      unitPrice: { type: 'Decimal', precision: 10, scale: 2 },
      bytes: 'BigInt',
    },
    { idInjection: false },
  );
  const PlaylistTrack = ds.define(
    'PlaylistTrack',
    { playlistId: { type: Number, id: 1 }, trackId: { type: Number, id: 2 } },
    { idInjection: false },
  );
  await Track.create([
    { name: 'For Those About To Rock', albumId: 1, unitPrice: '0.99', bytes: '11170334' },
    { name: 'Balls to the Wall', albumId: 2, unitPrice: '0.99', bytes: '5510424' },
    { name: 'Fast As a Shark', albumId: 3, unitPrice: '1.99', bytes: '3990994' },
    {
      name: 'Restless and Wild',
      albumId: 3,
      unitPrice: '12345678901234567890.12',
      bytes: '9007199254740993',
    },
    { name: 'Princess of the Dawn', albumId: 3, unitPrice: '0.99', bytes: null },
  ]);
  await PlaylistTrack.create([
    { playlistId: 1, trackId: 1 },
    { playlistId: 1, trackId: 2 },
    { playlistId: 2, trackId: 1 },
  ]);
  const statements: StatementEvent[] = [];
  ds.connector?.observeStatements((event) => statements.push(event));
  return { ds, Track, PlaylistTrack, statements };
}

describe('DAO reads', () => {
  it('find with where/order/limit/skip returns persisted instances', async () => {
    const { Track } = await chinookish();
    const tracks = await Track.find({ where: { unitPrice: { gt: 0.99 } }, order: 'name DESC' });
    expect(tracks.map((track: { name: string }) => track.name)).toEqual([
      'Restless and Wild',
      'Fast As a Shark',
    ]);
    expect(tracks[0]).toBeInstanceOf(Track);
    expect(tracks[0].__persisted).toBe(true);
    expect(tracks[0].unitPrice).toBe('12345678901234567890.12');
    expect(tracks[0].bytes).toBe('9007199254740993');
    const page = await Track.find({ order: 'trackId', skip: 1, limit: 2 });
    expect(page.map((track: { trackId: number }) => track.trackId)).toEqual([2, 3]);
  });

  it('find with {raw: true} returns the connector rows as plain objects', async () => {
    const { Track } = await chinookish();
    const rows = await Track.find(
      { where: { albumId: 3 }, fields: ['name'], order: 'trackId' },
      { raw: true },
    );
    expect(rows).toEqual([
      { trackId: 3, name: 'Fast As a Shark' },
      { trackId: 4, name: 'Restless and Wild' },
      { trackId: 5, name: 'Princess of the Dawn' },
    ]);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });

  it('rejects an invalid filter before any query runs', async () => {
    const { Track, statements } = await chinookish();
    const error = await Track.find({ where: { unitPrise: 1 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FilterError);
    expect((error as FilterError).message).toContain('did you mean `unitPrice`?');
    await expect(Track.find({ where: { albumId: 'abc' } })).rejects.toMatchObject({
      code: 'INVALID_FILTER',
      details: { property: 'albumId', expected: 'a Number' },
    });
    await expect(Track.count({ name: { gtt: 1 } })).rejects.toBeInstanceOf(FilterError);
    await expect(Track.find({ include: 'nope' })).rejects.toMatchObject({ code: 'UNKNOWN_RELATION' });
    expect(statements).toHaveLength(0);
  });

  it('findOne returns the first match or null', async () => {
    const { Track } = await chinookish();
    expect((await Track.findOne({ where: { albumId: 3 }, order: 'name' })).name).toBe('Fast As a Shark');
    expect(await Track.findOne({ where: { albumId: 99 } })).toBeNull();
  });

  it('findById finds by a single id, by a composite id as an array or an object, and with a filter', async () => {
    const { Track, PlaylistTrack } = await chinookish();
    expect((await Track.findById(2)).name).toBe('Balls to the Wall');
    expect((await Track.findById('2')).trackId).toBe(2);
    expect(await Track.findById(42)).toBeNull();
    expect(await PlaylistTrack.findById([1, 2])).toMatchObject({ playlistId: 1, trackId: 2 });
    expect(await PlaylistTrack.findById({ playlistId: 2, trackId: 1 })).toMatchObject({ playlistId: 2 });
    expect(await PlaylistTrack.findById({ playlistId: 2, trackId: 2 })).toBeNull();
    const partial = await Track.findById(3, { fields: ['name'] });
    expect(partial.toObject()).toEqual({ trackId: 3, name: 'Fast As a Shark' });
    await expect(PlaylistTrack.findById(1)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('exists and count', async () => {
    const { Track } = await chinookish();
    expect(await Track.exists(1)).toBe(true);
    expect(await Track.exists(100)).toBe(false);
    expect(await Track.count()).toBe(5);
    expect(await Track.count({ albumId: 3 })).toBe(3);
  });

  it('find, findById, exists and count answer callbacks too', async () => {
    const { Track } = await chinookish();
    const viaCallback = <T>(call: (cb: (err: unknown, value: T) => void) => void) =>
      new Promise<T>((resolve, reject) => call((err, value) => (err ? reject(err) : resolve(value))));
    expect(await viaCallback<unknown[]>((cb) => Track.find(cb))).toHaveLength(5);
    expect(await viaCallback<unknown[]>((cb) => Track.find({ where: { albumId: 3 } }, cb))).toHaveLength(3);
    expect((await viaCallback<{ name: string }>((cb) => Track.findById(1, cb))).name).toBe(
      'For Those About To Rock',
    );
    expect(await viaCallback<boolean>((cb) => Track.exists(1, cb))).toBe(true);
    expect(await viaCallback<number>((cb) => Track.count({ albumId: 1 }, cb))).toBe(1);
    const error = await new Promise((resolve) =>
      Track.find({ where: { x: 1 } }, (err: unknown) => resolve(err)),
    );
    expect(error).toBeInstanceOf(FilterError);
  });

  it('findGrouped applies order and limit per partition in one connector call', async () => {
    const { Track, statements } = await chinookish();
    const rows = await Track.findGrouped(
      { partitionBy: ['albumId'], keys: [[1], ['3']], filter: { order: 'name', limit: 2, fields: ['name'] } },
      { raw: true },
    );
    expect(rows).toEqual([
      { trackId: 1, name: 'For Those About To Rock', albumId: 1 },
      { trackId: 3, name: 'Fast As a Shark', albumId: 3 },
      { trackId: 5, name: 'Princess of the Dawn', albumId: 3 },
    ]);
    expect(statements).toHaveLength(1);
    await expect(Track.findGrouped({ partitionBy: ['albumid'], keys: [[1]] })).rejects.toMatchObject({
      code: 'INVALID_FILTER',
    });
  });
});

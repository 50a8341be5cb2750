import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { DIALECTS } from '../support/dialects.js';

/** The name of Chinook's track table in each dialect's load. */
const TRACK_TABLE: Record<string, string> = { postgresql: 'track', mysql: 'Track' };

describe.each(DIALECTS)('writes on a copy of Chinook on $name', (dialect) => {
  const base = 'sql_chinook_copy';
  let dataSource: DataSource;
  let models: Record<string, ModelClass>;

  beforeAll(async () => {
    dataSource = new DataSource(dialect.name, { url: await dialect.createDatabase(base, { chinook: true }) });
    models = await dataSource.discoverAndBuildModels(TRACK_TABLE[dialect.name], { relations: true });
  });

  afterAll(async () => {
    await dataSource.disconnect();
    await dialect.dropDatabase(base);
  });

  it('creates, updates and deletes rows of the copy, which keeps its foreign keys', async () => {
    const { Album, Track } = models as Record<'Album' | 'Track', ModelClass>;
    await Album.create({ albumId: 1000, title: 'New Album', artistId: 1 });
    const created = await Track.create({
      trackId: 5000,
      name: 'New Track',
      albumId: 1000,
      mediaTypeId: 1,
      milliseconds: 1000,
      unitPrice: '1.49',
    });
    expect(created.toObject()).toMatchObject({
      trackId: 5000,
      albumId: 1000,
      unitPrice: '1.49',
      composer: null,
    });
    expect(await Track.updateAll({ albumId: 1 }, { unitPrice: '2.99' })).toEqual({ count: 10 });
    const prices = await Track.find({ where: { albumId: 1 }, fields: ['unitPrice'] }, { raw: true });
    expect(prices.map((row: { unitPrice: string }) => row.unitPrice)).toEqual(Array(10).fill('2.99'));
    await expect(Album.destroyById(1000)).rejects.toMatchObject({ code: 'FOREIGN_KEY_VIOLATION' });
    expect(await Track.destroyAll({ albumId: 1000 })).toEqual({ count: 1 });
    expect(await Album.destroyById(1000)).toEqual({ count: 1 });
    expect(await Track.count()).toBe(3503);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { ValidationError } from '../../src/juggler/errors.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';

const DATABASE = 'juggler_dao_postgresql';
let ds: DataSource;
let models: Record<string, ModelClass>;

beforeAll(async () => {
  const url = await createPgDatabase(DATABASE, { template: 'chinook' });
  ds = new DataSource('postgresql', { url });
  models = await ds.discoverAndBuildModels('artist', { associations: true });
});

afterAll(async () => {
  await ds?.disconnect();
  await dropPgDatabase(DATABASE);
});

describe('the DAO on a writable PostgreSQL copy of Chinook', () => {
  it('creates, updates, reloads and destroys through the connector', async () => {
    const Artist = models.Artist!;
    // Chinook's keys are plain integer primary keys (no identity): ids are given explicitly.
    const artist = await Artist.create({ artistId: 10_001, name: 'Discograph Test Band' });
    expect(artist.__persisted).toBe(true);
    const album = await artist.albums.create({ albumId: 10_001, title: 'First Light' });
    expect(album.artistId).toBe(artist.artistId);
    await album.updateAttributes({ title: 'First Light (Remastered)' });
    expect((await models.Album!.findById(album.albumId)).title).toBe('First Light (Remastered)');
    expect(await artist.albums.count()).toBe(1);
    await album.destroy();
    expect(await models.Album!.exists(album.albumId)).toBe(false);
    const [found, created] = await Artist.findOrCreate({ where: { name: 'Discograph Test Band' } });
    expect([found.artistId, created]).toEqual([artist.artistId, false]);
    expect(await Artist.updateAll({ artistId: artist.artistId }, { name: 'Renamed' })).toEqual({ count: 1 });
    expect((await artist.reload()).name).toBe('Renamed');
    expect(await Artist.destroyById(artist.artistId)).toEqual({ count: 1 });
  });

  it('writes nothing when validation fails (NOT NULL became a presence validation)', async () => {
    const statements: StatementEvent[] = [];
    const stop = ds.connector?.observeStatements((event) => statements.push(event));
    const error = await models.Album!.create({ artistId: 1 }).catch((caught: unknown) => caught);
    stop?.();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.codes.title).toContain('presence');
    expect(statements).toHaveLength(0);
  });

  it('loads a paginated hasMany for many parents in one grouped statement', async () => {
    const statements: StatementEvent[] = [];
    const stop = ds.connector?.observeStatements((event) => statements.push(event));
    const rows = await models.Artist!.find(
      {
        where: { artistId: { lte: 10 } },
        order: 'artistId',
        include: { relation: 'albums', scope: { order: 'title', limit: 1 } },
      },
      { raw: true },
    );
    stop?.();
    expect(statements).toHaveLength(2);
    const acdc = rows[0] as { name: string; albums: { title: string }[] };
    expect(acdc.name).toBe('AC/DC');
    expect(acdc.albums.map((album) => album.title)).toEqual(['For Those About To Rock We Salute You']);
  });
});

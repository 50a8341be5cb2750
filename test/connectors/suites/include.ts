/** `include` and relation accessors: related rows read in one batched call per relation and level. */
import { describe, expect, it } from 'vitest';
import { musicModels, musicRow, seedMusic } from '../fixtures/music.js';
import type { ConnectorHarness, Row } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the include and relation accessor suite on a connector. */
export function includeSuite(harness: ConnectorHarness): void {
  describe('include and relation accessors', () => {
    const ids = fixtureIds(harness);
    const { id, idList } = ids;
    const db = useDataSource(harness, 'suite_include', musicModels(ids), seedMusic(ids));

    it('includes a belongsTo target and a hasMany list, one read per relation', async () => {
      const albums = await db
        .model('Album')
        .find(
          { where: { albumId: { inq: idList([2, 5]) } }, order: 'albumId', include: ['artist', 'tracks'] },
          { raw: true },
        );
      expect(db.statements).toHaveLength(3);
      expect(albums[0]).toEqual({
        ...musicRow(ids, 'Album', 2),
        artist: musicRow(ids, 'Artist', 2),
        tracks: [musicRow(ids, 'Track', 5)],
      });
      expect(albums[1]).toMatchObject({ ...musicRow(ids, 'Album', 5), tracks: [] });
      expect(albums[1].artist ?? null).toBeNull();
    });

    it('includes nested relations, one read per level', async () => {
      const tracks = await db
        .model('Track')
        .find(
          { where: { trackId: { inq: idList([1, 6]) } }, order: 'trackId', include: { album: 'artist' } },
          { raw: true },
        );
      expect(db.statements).toHaveLength(3);
      expect(tracks.map((track: Row) => ((track.album as Row).artist as Row).name)).toEqual([
        'AC/DC',
        'Accept',
      ]);
    });

    it('pages a hasMany include per parent with its scope, in one grouped read', async () => {
      const artists = await db.model('Artist').find(
        {
          order: 'artistId',
          include: { relation: 'albums', scope: { order: 'title', limit: 1, fields: ['title'] } },
        },
        { raw: true },
      );
      expect(db.statements).toHaveLength(2);
      expect(artists.map((artist: Row) => (artist.albums as Row[]).map((album) => album.title))).toEqual([
        ['For Those About To Rock'],
        ['Balls to the Wall'],
        [],
      ]);
    });

    it('keeps the keys an include needs when fields are selected', async () => {
      const [track] = await db
        .model('Track')
        .find({ where: { trackId: id(5) }, fields: ['name'], include: 'album' }, { raw: true });
      expect(track).toMatchObject({ name: 'Balls to the Wall', album: { title: 'Balls to the Wall' } });
    });

    it('gives instances their related instances through the relation accessors', async () => {
      const album = await db.model('Album').findById(id(1));
      expect((await album.artist()).name).toBe('AC/DC');
      expect((await album.tracks({ order: 'trackId', limit: 2 })).map((track: Row) => track.name)).toEqual([
        'For Those About To Rock',
        'Put The Finger On You',
      ]);
      expect(await album.tracks.count()).toBe(4);
    });

    it('creates and destroys related instances through a hasMany accessor, the key set', async () => {
      const artist = await db.model('Artist').findById(id(3));
      const album = await artist.albums.create({ albumId: id(100), title: 'Toys in the Attic' });
      expect(album.artistId).toBe(id(3));
      expect(
        await db.model('Album').findById(id(100), { fields: ['artistId'] }, { raw: true }),
      ).toMatchObject({
        artistId: id(3),
      });
      expect(await artist.albums.destroyAll()).toMatchObject({ count: 1 });
      expect(await db.model('Album').exists(id(100))).toBe(false);
    });
  });
}

/** `find(filter, {raw: true, join})` with belongsTo relations: targets nested in each row, any depth. */
import { describe, expect, it } from 'vitest';
import { MUSIC, musicRow, seedMusic } from '../fixtures/music.js';
import type { ConnectorHarness, Row } from '../harness/connector-harness.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the belongsTo join suite on a connector. */
export function belongsToJoinsSuite(harness: ConnectorHarness): void {
  describe('belongsTo joins', () => {
    const db = useDataSource(harness, 'suite_joins', MUSIC, seedMusic);
    /** Statements of a read with joins `levels` deep: one when the connector joins, else one per level more. */
    const statementsFor = (levels: number) => (harness.joins ? 1 : 1 + levels);

    it('nests album → artist under each track (the JoinSpec example)', async () => {
      const rows = await db.model('Track').find(
        { limit: 2, fields: ['name'], order: 'trackId' },
        {
          raw: true,
          join: [{ relation: 'album', fields: ['title'], join: [{ relation: 'artist', fields: ['name'] }] }],
        },
      );
      expect(db.statements).toHaveLength(statementsFor(2));
      const album = {
        albumId: 1,
        title: 'For Those About To Rock',
        artistId: 1,
        artist: { artistId: 1, name: 'AC/DC' },
      };
      expect(rows).toEqual([
        { trackId: 1, name: 'For Those About To Rock', albumId: 1, album },
        { trackId: 2, name: 'Put The Finger On You', albumId: 1, album },
      ]);
    });

    it('nests null for a null key and for a key that matches no row', async () => {
      const Track = db.model('Track');
      await Track.create({ trackId: 99, name: 'Ghost', albumId: 42, genreId: 1 });
      try {
        const rows = await Track.find(
          { where: { trackId: { inq: [10, 11, 99] } }, order: 'trackId', fields: ['trackId'] },
          { raw: true, join: [{ relation: 'album', fields: ['title'] }, { relation: 'genre' }] },
        );
        expect(rows).toEqual([
          {
            trackId: 10,
            albumId: 4,
            genreId: null,
            album: { albumId: 4, title: 'Let There Be Rock' },
            genre: null,
          },
          { trackId: 11, albumId: null, genreId: 2, album: null, genre: { genreId: 2, name: 'Jazz' } },
          { trackId: 99, albumId: 42, genreId: 1, album: null, genre: { genreId: 1, name: 'Rock' } },
        ]);
      } finally {
        await Track.destroyById(99);
      }
    });

    it('joins a model to itself at every level, each level its own', async () => {
      const rows = await db.model('Employee').find(
        { order: 'employeeId', fields: ['firstName'] },
        {
          raw: true,
          join: [
            {
              relation: 'manager',
              fields: ['firstName', 'birthDate'],
              join: [{ relation: 'manager', fields: ['firstName'] }],
            },
          ],
        },
      );
      expect(db.statements).toHaveLength(statementsFor(2));
      const andrew = {
        employeeId: 1,
        firstName: 'Andrew',
        reportsTo: null,
        birthDate: musicRow('Employee', 1).birthDate,
      };
      const nancy = {
        employeeId: 2,
        firstName: 'Nancy',
        reportsTo: 1,
        birthDate: musicRow('Employee', 2).birthDate,
      };
      const michael = {
        employeeId: 4,
        firstName: 'Michael',
        reportsTo: 1,
        birthDate: musicRow('Employee', 4).birthDate,
      };
      const top = { employeeId: 1, firstName: 'Andrew' };
      expect(rows).toEqual([
        { employeeId: 1, firstName: 'Andrew', reportsTo: null, manager: null },
        { employeeId: 2, firstName: 'Nancy', reportsTo: 1, manager: { ...andrew, manager: null } },
        { employeeId: 3, firstName: 'Jane', reportsTo: 2, manager: { ...nancy, manager: top } },
        { employeeId: 4, firstName: 'Michael', reportsTo: 1, manager: { ...andrew, manager: null } },
        { employeeId: 5, firstName: 'Laura', reportsTo: 4, manager: { ...michael, manager: top } },
      ]);
      expect(rows[2].manager.birthDate).toBeInstanceOf(Date);
    });

    it('gives the rows that include gives, in one statement where the connector joins', async () => {
      const filter = {
        where: { unitPrice: { gt: 0.99 } },
        order: 'name',
        limit: 15,
        fields: ['trackId', 'name'],
      };
      const joined = await db.model('Track').find(filter, {
        raw: true,
        join: [{ relation: 'genre' }, { relation: 'album', join: [{ relation: 'artist' }] }],
      });
      expect(db.statements).toHaveLength(harness.joins ? 1 : 4);
      db.statements.length = 0;
      const included = await db
        .model('Track')
        .find({ ...filter, include: ['genre', { album: 'artist' }] }, { raw: true });
      expect(db.statements).toHaveLength(4);
      expect(joined).toEqual(included);
      expect(joined.map((row: Row) => row.trackId)).toEqual([10, 8]);
    });

    it('filters and orders by the parent’s properties when joined models have properties of the same name', async () => {
      const rows = await db.model('Track').find(
        {
          fields: ['name'],
          where: { name: { like: '%o%' } },
          order: ['name DESC', 'trackId ASC'],
          limit: 3,
          skip: 1,
        },
        { raw: true, join: [{ relation: 'genre', fields: ['name'] }] },
      );
      expect(rows.map((row: Row) => [row.name, (row.genre as Row | null)?.name ?? null])).toEqual([
        ['Put The Finger On You', 'Rock'],
        ['Princess of the Dawn', 'Metal'],
        ['Loose Track', 'Jazz'],
      ]);
    });

    it('keeps exact decimals and dates in joined objects', async () => {
      const rows = await db.model('InvoiceLine').find(
        { where: { invoiceId: 2 }, order: 'invoiceLineId' },
        {
          raw: true,
          join: [{ relation: 'invoice' }, { relation: 'track', fields: ['name', 'unitPrice'] }],
        },
      );
      expect(rows).toEqual([
        {
          ...musicRow('InvoiceLine', 3),
          invoice: musicRow('Invoice', 2),
          track: { trackId: 6, name: 'Fast As a Shark', unitPrice: '0.99' },
        },
        {
          ...musicRow('InvoiceLine', 4),
          invoice: musicRow('Invoice', 2),
          track: { trackId: 8, name: 'Princess of the Dawn', unitPrice: '1.99' },
        },
      ]);
      expect((rows[0].invoice as Row).invoiceDate).toBeInstanceOf(Date);
    });

    it('follows join specs changed between reads, and reads frozen specs the same every time', async () => {
      const Track = db.model('Track');
      const specs = [{ relation: 'genre', fields: ['name'] }];
      const filter = { where: { trackId: 1 }, fields: ['name'] };
      const first = await Track.find(filter, { raw: true, join: specs });
      specs[0] = { relation: 'album', fields: ['title'] };
      const second = await Track.find(filter, { raw: true, join: specs });
      expect(first[0]).toMatchObject({ genre: { name: 'Rock' } });
      expect(second[0]).toMatchObject({ album: { title: 'For Those About To Rock' } });
      expect(second[0]).not.toHaveProperty('genre');
      const frozen = Object.freeze([Object.freeze({ relation: 'genre', fields: Object.freeze(['name']) })]);
      const again = [
        await Track.find(filter, { raw: true, join: frozen }),
        await Track.find(filter, { raw: true, join: frozen }),
      ];
      expect(again[0]).toEqual(again[1]);
      expect(again[0]?.[0]).toMatchObject({ genre: { name: 'Rock' } });
    });

    it('refuses joins it cannot express before any statement, naming the problem', async () => {
      const Track = db.model('Track');
      await expect(
        Track.find({}, { raw: true, join: [{ relation: 'genre', filter: { limit: 1 } }] }),
      ).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/hasMany lists only/),
      });
      await expect(
        Track.find({}, { raw: true, join: [{ relation: 'lines', filter: { order: 'quantty' } }] }),
      ).rejects.toMatchObject({
        code: 'INVALID_FILTER',
        message: expect.stringMatching(/did you mean `quantity`/),
      });
      await expect(Track.find({}, { join: [{ relation: 'genre' }] })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/raw: true/),
      });
      await expect(Track.find({}, { raw: true, join: [{ relation: 'genra' }] })).rejects.toMatchObject({
        code: 'UNKNOWN_RELATION',
        message: expect.stringMatching(/did you mean `genre`/i),
      });
      await expect(
        Track.find({}, { raw: true, join: [{ relation: 'genre', fields: ['nam'] }] }),
      ).rejects.toMatchObject({
        code: 'INVALID_FILTER',
      });
      // A target is never nested over a property: a relation cannot be named like one.
      expect(() =>
        db.dataSource.createModel(
          'Clash',
          { clashId: { type: 'Number', id: true }, albumId: { type: 'Number' }, album: { type: 'String' } },
          {
            idInjection: false,
            relations: { album: { type: 'belongsTo', model: 'Album', foreignKey: 'albumId' } },
          },
        ),
      ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
      expect(db.statements).toHaveLength(0);
    });
  });
}

/** `find(filter, {raw: true, join})` with belongsTo relations: targets nested in each row, any depth. */
import { describe, expect, it } from 'vitest';
import { musicModels, musicRow, seedMusic } from '../fixtures/music.js';
import type { ConnectorHarness, Row } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the belongsTo join suite on a connector. */
export function belongsToJoinsSuite(harness: ConnectorHarness): void {
  describe('belongsTo joins', () => {
    const ids = fixtureIds(harness);
    const { id, idList } = ids;
    const db = useDataSource(harness, 'suite_joins', musicModels(ids), seedMusic(ids));
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
        albumId: id(1),
        title: 'For Those About To Rock',
        artistId: id(1),
        artist: { artistId: id(1), name: 'AC/DC' },
      };
      expect(rows).toEqual([
        { trackId: id(1), name: 'For Those About To Rock', albumId: id(1), album },
        { trackId: id(2), name: 'Put The Finger On You', albumId: id(1), album },
      ]);
    });

    it('nests null for a null key and for a key that matches no row', async () => {
      const Track = db.model('Track');
      await Track.create({ trackId: id(99), name: 'Ghost', albumId: id(42), genreId: id(1) });
      try {
        const rows = await Track.find(
          { where: { trackId: { inq: idList([10, 11, 99]) } }, order: 'trackId', fields: ['trackId'] },
          { raw: true, join: [{ relation: 'album', fields: ['title'] }, { relation: 'genre' }] },
        );
        expect(rows).toEqual([
          {
            trackId: id(10),
            albumId: id(4),
            genreId: null,
            album: { albumId: id(4), title: 'Let There Be Rock' },
            genre: null,
          },
          {
            trackId: id(11),
            albumId: null,
            genreId: id(2),
            album: null,
            genre: { genreId: id(2), name: 'Jazz' },
          },
          {
            trackId: id(99),
            albumId: id(42),
            genreId: id(1),
            album: null,
            genre: { genreId: id(1), name: 'Rock' },
          },
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
        employeeId: id(1),
        firstName: 'Andrew',
        reportsTo: null,
        birthDate: musicRow(ids, 'Employee', 1).birthDate,
      };
      const nancy = {
        employeeId: id(2),
        firstName: 'Nancy',
        reportsTo: id(1),
        birthDate: musicRow(ids, 'Employee', 2).birthDate,
      };
      const michael = {
        employeeId: id(4),
        firstName: 'Michael',
        reportsTo: id(1),
        birthDate: musicRow(ids, 'Employee', 4).birthDate,
      };
      const top = { employeeId: id(1), firstName: 'Andrew' };
      expect(rows).toEqual([
        { employeeId: id(1), firstName: 'Andrew', reportsTo: null, manager: null },
        { employeeId: id(2), firstName: 'Nancy', reportsTo: id(1), manager: { ...andrew, manager: null } },
        { employeeId: id(3), firstName: 'Jane', reportsTo: id(2), manager: { ...nancy, manager: top } },
        { employeeId: id(4), firstName: 'Michael', reportsTo: id(1), manager: { ...andrew, manager: null } },
        { employeeId: id(5), firstName: 'Laura', reportsTo: id(4), manager: { ...michael, manager: top } },
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
      expect(joined.map((row: Row) => row.trackId)).toEqual(idList([10, 8]));
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
        { where: { invoiceId: id(2) }, order: 'invoiceLineId' },
        {
          raw: true,
          join: [{ relation: 'invoice' }, { relation: 'track', fields: ['name', 'unitPrice'] }],
        },
      );
      expect(rows).toEqual([
        {
          ...musicRow(ids, 'InvoiceLine', 3),
          invoice: musicRow(ids, 'Invoice', 2),
          track: { trackId: id(6), name: 'Fast As a Shark', unitPrice: '0.99' },
        },
        {
          ...musicRow(ids, 'InvoiceLine', 4),
          invoice: musicRow(ids, 'Invoice', 2),
          track: { trackId: id(8), name: 'Princess of the Dawn', unitPrice: '1.99' },
        },
      ]);
      expect((rows[0].invoice as Row).invoiceDate).toBeInstanceOf(Date);
    });

    it('follows join specs changed between reads, and reads frozen specs the same every time', async () => {
      const Track = db.model('Track');
      const specs = [{ relation: 'genre', fields: ['name'] }];
      const filter = { where: { trackId: id(1) }, fields: ['name'] };
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

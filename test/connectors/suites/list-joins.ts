/** `find(filter, {raw: true, join})` with hasMany relations: each parent's list, filtered and paged on its own. */
import { describe, expect, it } from 'vitest';
import { musicModels, musicRow, musicRows, seedMusic } from '../fixtures/music.js';
import type { ConnectorHarness, Row } from '../harness/connector-harness.js';
import { type FixtureId, fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the hasMany list join suite on a connector. */
export function listJoinsSuite(harness: ConnectorHarness): void {
  describe('hasMany list joins', () => {
    const ids = fixtureIds(harness);
    const { id, idList } = ids;
    const db = useDataSource(harness, 'suite_lists', musicModels(ids), seedMusic(ids));
    /**
     * Statements of a read whose joins are `levels` deep, `lists` of them hasMany levels: one when
     * the connector nests lists in the parents' statement, one more per list level when it joins
     * belongsTo targets only, one per level when it does not join.
     */
    const statementsFor = (levels: number, lists: number) =>
      harness.joins ? (harness.capabilities.nestedLists ? 1 : 1 + lists) : 1 + levels;
    const tracksOf = (albumId: number, fields: string[]) =>
      musicRows(ids, 'Track')
        .filter((track) => track.albumId === id(albumId))
        .map((track) => Object.fromEntries(fields.map((field) => [field, track[field]])));

    it('nests each album’s tracks, each with its genre, in id order', async () => {
      const albums = await db.model('Album').find(
        { fields: ['title'], order: 'albumId', limit: 3 },
        {
          raw: true,
          join: [
            {
              relation: 'tracks',
              fields: ['name'],
              filter: { order: 'trackId' },
              join: [{ relation: 'genre' }],
            },
          ],
        },
      );
      expect(db.statements).toHaveLength(statementsFor(2, 1));
      const withGenre = (track: Record<string, unknown>) => ({
        ...track,
        genre: track.genreId === null ? null : musicRow(ids, 'Genre', track.genreId as FixtureId),
      });
      expect(albums).toEqual(
        [1, 2, 3].map((albumId) => ({
          albumId: id(albumId),
          title: musicRow(ids, 'Album', albumId).title,
          tracks: tracksOf(albumId, ['trackId', 'name', 'albumId', 'genreId']).map(withGenre),
        })),
      );
    });

    it('filters, orders and pages each parent’s list on its own, as findGrouped reads it', async () => {
      const list = { where: { milliseconds: { gt: 210000 } }, order: 'name DESC', limit: 2, skip: 1 };
      const albums = await db
        .model('Album')
        .find(
          { where: { albumId: { inq: idList([1, 2, 3, 4]) } }, fields: ['title'], order: 'albumId' },
          { raw: true, join: [{ relation: 'tracks', fields: ['name'], filter: list }] },
        );
      expect(db.statements).toHaveLength(statementsFor(1, 1));
      const grouped = await db.model('Track').findGrouped(
        {
          partitionBy: ['albumId'],
          keys: idList([1, 2, 3, 4]).map((key) => [key]),
          filter: { ...list, fields: ['name', 'albumId'] },
        },
        { raw: true },
      );
      expect(albums.map((album: Row) => [album.albumId, album.tracks])).toEqual(
        idList([1, 2, 3, 4]).map((albumId) => [
          albumId,
          grouped.filter((track: Row) => track.albumId === albumId),
        ]),
      );
      expect(albums.map((album: Row) => (album.tracks as Row[]).map((track) => track.name))).toEqual([
        ['Evil Walks'],
        [],
        ['Princess of the Dawn', 'Fast As a Shark'],
        ['Dog Eat Dog'],
      ]);
    });

    it('nests lists inside lists with exact decimals: an invoice’s lines, their tracks, albums and first track', async () => {
      const [invoice] = await db.model('Invoice').find(
        { where: { invoiceId: id(1) }, fields: ['invoiceId'] },
        {
          raw: true,
          join: [
            {
              relation: 'lines',
              fields: ['unitPrice', 'quantity'],
              filter: { order: 'invoiceLineId' },
              join: [
                {
                  relation: 'track',
                  fields: ['name'],
                  join: [
                    {
                      relation: 'album',
                      fields: ['title'],
                      join: [
                        { relation: 'tracks', fields: ['name'], filter: { order: 'trackId', limit: 1 } },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      );
      expect(db.statements).toHaveLength(statementsFor(4, 2));
      const album = {
        albumId: id(1),
        title: 'For Those About To Rock',
        tracks: [{ trackId: id(1), name: 'For Those About To Rock', albumId: id(1) }],
      };
      expect(invoice).toEqual({
        invoiceId: id(1),
        lines: [
          {
            invoiceLineId: id(1),
            invoiceId: id(1),
            trackId: id(2),
            unitPrice: '0.99',
            quantity: 1,
            track: { trackId: id(2), name: 'Put The Finger On You', albumId: id(1), album },
          },
          {
            invoiceLineId: id(2),
            invoiceId: id(1),
            trackId: id(4),
            unitPrice: '0.99',
            quantity: 1,
            track: { trackId: id(4), name: 'Evil Walks', albumId: id(1), album },
          },
        ],
      });
    });

    it('reads dates and decimals in lists as a plain read gives them', async () => {
      const [line] = await db.model('InvoiceLine').find(
        { where: { invoiceLineId: id(3) } },
        {
          raw: true,
          join: [{ relation: 'track', join: [{ relation: 'lines', filter: { order: 'invoiceLineId' } }] }],
        },
      );
      const plain = await db
        .model('InvoiceLine')
        .find({ where: { trackId: id(6) }, order: 'invoiceLineId' }, { raw: true });
      expect((line.track as Row).lines).toEqual(plain);
      const [invoice] = await db
        .model('Invoice')
        .find({ where: { invoiceId: id(2) } }, { raw: true, join: [{ relation: 'lines' }] });
      expect(invoice).toMatchObject({ invoiceDate: musicRow(ids, 'Invoice', 2).invoiceDate, total: '2.98' });
      expect((invoice.lines as Row[]).map((row) => row.unitPrice).sort()).toEqual(['0.99', '1.99']);
    });

    it('gives an empty list to parents without children', async () => {
      const employees = await db.model('Employee').find(
        { fields: ['employeeId'], order: 'employeeId' },
        {
          raw: true,
          join: [{ relation: 'reportees', fields: ['employeeId'], filter: { order: 'employeeId' } }],
        },
      );
      expect(
        employees.map((employee: Row) => [
          employee.employeeId,
          (employee.reportees as Row[]).map((row) => row.employeeId),
        ]),
      ).toEqual([
        [id(1), idList([2, 4])],
        [id(2), [id(3)]],
        [id(3), []],
        [id(4), [id(5)]],
        [id(5), []],
      ]);
      expect(
        await db
          .model('Employee')
          .find({ where: { employeeId: id(999) } }, { raw: true, join: [{ relation: 'reportees' }] }),
      ).toEqual([]);
    });
  });
}

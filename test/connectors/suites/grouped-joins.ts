/** `findGrouped(args, {raw: true, join})`: each parent's page of rows, with their belongsTo targets nested. */
import { describe, expect, it } from 'vitest';
import { musicModels, seedMusic } from '../fixtures/music.js';
import type { ConnectorHarness, Row } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the grouped join suite on a connector. */
export function groupedJoinsSuite(harness: ConnectorHarness): void {
  describe('belongsTo joins under grouped reads', () => {
    const ids = fixtureIds(harness);
    const { id } = ids;
    const db = useDataSource(harness, 'suite_grouped_joins', musicModels(ids), seedMusic(ids));
    /** One statement when the connector joins, else one more per joined level. */
    const statementsFor = (levels: number) => (harness.joins ? 1 : 1 + levels);

    it('joins targets under a paged grouped read, as include does', async () => {
      const args = {
        partitionBy: ['albumId'],
        keys: [[id(1)], [id(4)]],
        filter: { order: 'name', limit: 2, fields: ['name'] },
      };
      const joined = await db
        .model('Track')
        .findGrouped(args, { raw: true, join: [{ relation: 'genre', fields: ['name'] }] });
      expect(db.statements).toHaveLength(statementsFor(1));
      expect(joined).toEqual([
        {
          trackId: id(4),
          name: 'Evil Walks',
          albumId: id(1),
          genreId: id(1),
          genre: { genreId: id(1), name: 'Rock' },
        },
        {
          trackId: id(1),
          name: 'For Those About To Rock',
          albumId: id(1),
          genreId: id(1),
          genre: { genreId: id(1), name: 'Rock' },
        },
        { trackId: id(10), name: 'Dog Eat Dog', albumId: id(4), genreId: null, genre: null },
        {
          trackId: id(9),
          name: 'Go Down',
          albumId: id(4),
          genreId: id(1),
          genre: { genreId: id(1), name: 'Rock' },
        },
      ]);
      const included = await db
        .model('Track')
        .findGrouped(
          { ...args, filter: { ...args.filter, fields: ['name', 'genreId'], include: 'genre' } },
          { raw: true },
        );
      expect(included.map((row: Row) => (row.genre as Row | undefined)?.name ?? null)).toEqual(
        joined.map((row: Row) => (row.genre as Row | null)?.name ?? null),
      );
    });

    it('joins targets under an unpaged grouped read', async () => {
      const rows = await db
        .model('Track')
        .findGrouped(
          { partitionBy: ['albumId'], keys: [[id(2)], [id(3)]], filter: { fields: ['name'], order: 'name' } },
          { raw: true, join: [{ relation: 'genre' }] },
        );
      expect(db.statements).toHaveLength(statementsFor(1));
      expect(rows.map((row: Row) => [row.trackId, row.albumId, (row.genre as Row).name])).toEqual([
        [id(5), id(2), 'Rock'],
        [id(6), id(3), 'Metal'],
        [id(8), id(3), 'Metal'],
        [id(7), id(3), 'Metal'],
      ]);
    });
  });
}

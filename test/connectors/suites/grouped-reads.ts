/** findGrouped: the rows of many parents at once, filtered, ordered and paged per parent. */
import { describe, expect, it } from 'vitest';
import { POST, POST_ROWS } from '../fixtures/people.js';
import type { ConnectorHarness, Row } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** Runs the grouped-read suite on a connector. */
export function groupedReadsSuite(harness: ConnectorHarness): void {
  describe('grouped reads', () => {
    const { id, model, numbered } = fixtureIds(harness);
    const db = useDataSource(harness, 'suite_grouped', [model(POST)], async ({ Post }) => {
      await Post?.create(numbered(POST_ROWS));
    });
    const grouped = (args: Record<string, unknown>): Promise<Row[]> =>
      db.model('Post').findGrouped(args, { raw: true });

    it('returns the first rows of each parent, in one statement', async () => {
      const rows = await grouped({
        partitionBy: ['personId'],
        keys: [[1], [2], [4]],
        filter: { order: 'title ASC', limit: 2, fields: ['title'] },
      });
      expect(rows).toEqual([
        { id: id(2), title: 'a', personId: 1 },
        { id: id(3), title: 'b', personId: 1 },
        { id: id(6), title: 'y', personId: 2 },
        { id: id(5), title: 'z', personId: 2 },
      ]);
      // A connector that groups reads every parent in one statement (a window function in SQL).
      if (harness.capabilities.groupedFind) expect(db.statements).toHaveLength(1);
    });

    it('applies skip per parent and the where to every parent', async () => {
      const rows = await grouped({
        partitionBy: ['personId'],
        keys: [[1], [2], [3]],
        filter: { where: { title: { neq: 'c' } }, order: 'title DESC', skip: 1, limit: 1 },
      });
      expect(rows.map((row) => [row.personId, row.title])).toEqual([
        [1, 'b'],
        [2, 'y'],
      ]);
    });

    it('orders by id inside each parent when the filter has no order', async () => {
      const rows = await grouped({ partitionBy: ['personId'], keys: [[1]], filter: { limit: 3 } });
      expect(rows.map((row) => row.title)).toEqual(['c', 'a', 'b']);
    });

    it('reads every row of each parent when there is no limit or skip, parents in any order', async () => {
      const rows = await grouped({ partitionBy: ['personId'], keys: [[3], [2]], filter: { order: 'title' } });
      const byParent = (parent: number) =>
        rows.filter((row) => row.personId === parent).map((row) => row.title);
      expect([byParent(2), byParent(3)]).toEqual([['y', 'z'], ['only']]);
      expect(rows).toHaveLength(3);
    });

    it('partitions by a composite key', async () => {
      const rows = await grouped({
        partitionBy: ['personId', 'groupId'],
        keys: [
          [1, 1],
          [1, 2],
          [2, 1],
        ],
        filter: { order: 'title', limit: 1 },
      });
      expect(rows.map((row) => [row.personId, row.groupId, row.title])).toEqual([
        [1, 1, 'a'],
        [1, 2, 'b'],
        [2, 1, 'y'],
      ]);
    });

    it('coerces keys to the property types, as a where does', async () => {
      const rows = await grouped({ partitionBy: ['personId'], keys: [['3']], filter: {} });
      expect(rows.map((row) => row.title)).toEqual(['only']);
    });

    it('returns model instances unless raw rows are asked for', async () => {
      const [post] = await db.model('Post').findGrouped({ partitionBy: ['personId'], keys: [[3]] });
      expect(post).toBeInstanceOf(db.model('Post'));
      expect(post.title).toBe('only');
    });

    it('sends no statement when no key can match', async () => {
      expect(await grouped({ partitionBy: ['personId'], keys: [], filter: {} })).toEqual([]);
      expect(await grouped({ partitionBy: ['personId'], keys: [[null]], filter: {} })).toEqual([]);
      expect(db.statements).toEqual([]);
    });

    it('rejects an unknown partition property or keys of the wrong width before any statement', async () => {
      await expect(grouped({ partitionBy: ['persnId'], keys: [[1]] })).rejects.toMatchObject({
        code: 'INVALID_FILTER',
        message: expect.stringMatching(/did you mean `personId`/),
      });
      await expect(grouped({ partitionBy: ['personId', 'groupId'], keys: [[1]] })).rejects.toMatchObject({
        code: 'INVALID_FILTER',
      });
      expect(db.statements).toEqual([]);
    });
  });
}

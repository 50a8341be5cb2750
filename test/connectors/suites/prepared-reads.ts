/**
 * Prepared reads (`prepareRead`, `prepareCount`), the same on every connector: a read prepared
 * once answers each run as the same read with the run's values written in would. The one suite
 * that talks to the connector itself: this is the contract the juggler reads through. What SQL
 * connectors send is in test/sql/prepared-reads.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/juggler/connector/connector.js';
import type { ConnectorModel } from '../../../src/juggler/connector/connector-model.js';
import { ReadParameter } from '../../../src/juggler/connector/prepared-read.js';
import { resolveConnectorModel } from '../../../src/juggler/connector/resolve-connector-model.js';
import type { OrderClause, WhereNode } from '../../../src/juggler/filter/filter-types.js';
import { normalizeWhere } from '../../../src/juggler/filter/index.js';
import { readRows } from '../../support/connector-reads.js';
import { ITEM, itemRows } from '../fixtures/items.js';
import { MEMBERSHIP, MEMBERSHIP_KEYS, POST, POST_ROWS } from '../fixtures/people.js';
import type { ConnectorHarness, Row } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';
import { operatorCases } from './filter-operators.js';

const p = (index: number) => new ReadParameter(index, `$${index}`);
const asc = (property: string): OrderClause => ({ property, direction: 'ASC' });
const ids = (rows: readonly Row[]) => rows.map((row) => row.id);
const memberKeys = (rows: readonly Row[]) => rows.map((row) => [row.groupId, row.personId]);
const keys = (properties: string[], value: unknown): WhereNode => ({ kind: 'keys', properties, value });

/** The where tree with every compared value a parameter, the values pushed to `bindings` in order. */
function parameterized(node: WhereNode, bindings: unknown[]): WhereNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, nodes: node.nodes.map((child) => parameterized(child, bindings)) };
    case 'compare':
      bindings.push(node.value);
      return { ...node, value: new ReadParameter(bindings.length - 1, `$${node.property}`) };
    default:
      return node;
  }
}

/** Runs the prepared-read suite on a connector. */
export function preparedReadsSuite(harness: ConnectorHarness): void {
  describe('prepared reads', () => {
    const fixture = fixtureIds(harness);
    const { id, idList } = fixture;
    const definitions = [fixture.model(ITEM), MEMBERSHIP, fixture.model(POST)];
    const db = useDataSource(harness, 'suite_prepared', definitions, async (models) => {
      await models.Item?.create(itemRows(fixture));
      await models.Membership?.create(MEMBERSHIP_KEYS.map(([groupId, personId]) => ({ groupId, personId })));
      await models.Post?.create(fixture.numbered(POST_ROWS));
    });
    const connector = () => db.dataSource.connector as Connector;
    const model = (name: string): ConnectorModel =>
      resolveConnectorModel(db.model(name).definition, connector());
    const itemIds = { fields: ['id'], order: [asc('id')] };

    for (const [name, where, expected] of operatorCases(fixture)) {
      it(`${name}, with the values as parameters`, async () => {
        const Item = model('Item');
        const bindings: unknown[] = [];
        const node = parameterized(normalizeWhere(Item, where) as WhereNode, bindings);
        const read = connector().prepareRead({ model: Item, filter: { ...itemIds, where: node } });
        expect(ids(await read.run(bindings))).toEqual(expected);
        expect(await connector().prepareCount(Item, node).run(bindings)).toBe(expected.length);
      });
    }

    it('reads with the values of each run, a null compared with eq meaning IS NULL', async () => {
      const read = connector().prepareRead({
        model: model('Item'),
        filter: { ...itemIds, where: { kind: 'compare', property: 'note', op: 'eq', value: p(0) } },
      });
      expect(ids(await read.run(['fresh']))).toEqual(idList([1]));
      expect(ids(await read.run([null]))).toEqual(idList([2, 5]));
      expect(ids(await read.run(['Sweet']))).toEqual(idList([3]));
    });

    it('reads limit and skip parameters: null is none, a skip of 0 skips nothing, numbers page', async () => {
      const read = connector().prepareRead({
        model: model('Item'),
        filter: { ...itemIds, limit: p(0), skip: p(1) },
      });
      expect(ids(await read.run([null, null]))).toEqual(idList([1, 2, 3, 4, 5]));
      expect(ids(await read.run([2, 0]))).toEqual(idList([1, 2]));
      expect(ids(await read.run([2, 3]))).toEqual(idList([4, 5]));
      expect(ids(await read.run([null, 4]))).toEqual(idList([5]));
      expect(ids(await read.run([0, null]))).toEqual([]);
    });

    it('reads keys nodes of one property, as literals and as parameters', async () => {
      const Item = model('Item');
      const read = connector().prepareRead({
        model: Item,
        filter: { ...itemIds, where: keys(['id'], p(0)) },
      });
      for (const [tuples, expected] of [
        [[], []],
        [[[3]], [3]],
        [
          [[5], [1], [9]],
          [1, 5],
        ],
      ] as [number[][], number[]][]) {
        const idTuples = tuples.map(idList);
        expect(ids(await read.run([idTuples]))).toEqual(idList(expected));
        expect(ids(await readRows(connector(), Item, { ...itemIds, where: keys(['id'], idTuples) }))).toEqual(
          idList(expected),
        );
      }
    });

    it('reads keys nodes of several properties, as literals and as parameters', async () => {
      const Membership = model('Membership');
      const order = [asc('groupId'), asc('personId')];
      const read = connector().prepareRead({
        model: Membership,
        filter: { where: keys(['groupId', 'personId'], p(0)), order },
      });
      const cases: [number[][], number[][]][] = [
        [[], []],
        [[[1, 2]], [[1, 2]]],
        [
          [
            [2, 3],
            [1, 1],
            [9, 9],
          ],
          [
            [1, 1],
            [2, 3],
          ],
        ],
      ];
      for (const [tuples, expected] of cases) {
        expect(memberKeys(await read.run([tuples]))).toEqual(expected);
        const literal = await readRows(connector(), Membership, {
          where: keys(['groupId', 'personId'], tuples),
          order,
        });
        expect(memberKeys(literal)).toEqual(expected);
      }
    });

    it('pages each parent of a partition read whose keys and limit are parameters, as the read with them as literals does', async () => {
      const Post = model('Post');
      const filter = { order: [asc('title')], fields: ['id', 'title'] };
      const read = connector().prepareRead({
        model: Post,
        filter: { ...filter, limit: p(1) },
        partition: { by: ['personId'], keys: p(0) },
      });
      const parents = [[1], [2], [3]];
      const rows = await read.run([parents, 2]);
      expect(ids(rows)).toEqual(idList([2, 3, 6, 5, 7]));
      expect(rows).toEqual(
        await readRows(
          connector(),
          Post,
          { ...filter, limit: 2 },
          { partition: { by: ['personId'], keys: parents } },
        ),
      );
      expect(ids(await read.run([[[2]], 1]))).toEqual([id(6)]);
      expect(ids(await read.run([[[3], [null]], null]))).toEqual([id(7)]);
      expect(await read.run([[], 2])).toEqual([]);
    });

    it('pages a partition read by composite keys given as a parameter', async () => {
      const read = connector().prepareRead({
        model: model('Post'),
        filter: { order: [asc('title')], fields: ['id'], limit: 1, skip: p(1) },
        partition: { by: ['personId', 'groupId'], keys: p(0) },
      });
      const parents = [
        [1, 2],
        [2, 1],
        [3, 9],
      ];
      expect(ids(await read.run([parents, 0]))).toEqual(idList([3, 6]));
      expect(ids(await read.run([parents, 1]))).toEqual(idList([4, 5]));
    });

    it('counts with a parameter', async () => {
      const count = connector().prepareCount(model('Item'), {
        kind: 'compare',
        property: 'qty',
        op: 'gt',
        value: p(0),
      });
      expect(await count.run([4])).toBe(2);
      expect(await count.run([100])).toBe(0);
      expect(await count.run([-1])).toBe(4);
    });
  });
}

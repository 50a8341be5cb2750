/** Every where operator with LoopBack's semantics, the same on every connector. */
import { describe, expect, it } from 'vitest';
import type { Where } from '../../../src/juggler/filter/filter-types.js';
import { ITEM, ITEM_ROWS, itemRows } from '../fixtures/items.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { type FixtureId, type FixtureIds, fixtureIds } from '../harness/fixture-ids.js';
import { useDataSource } from '../harness/suite-data-source.js';

/** [what the case shows, where, ids of the matching items], with the ids of a harness. */
export function operatorCases({ id, idList }: FixtureIds): [string, Where, FixtureId[]][] {
  return OPERATOR_CASES.map(([name, where, ids]) => [
    name,
    typeof where.id === 'object' && where.id !== null
      ? {
          id: Object.fromEntries(
            Object.entries(where.id).map(([op, list]) => [op, idList(list as number[])]),
          ),
        }
      : where,
    ids.map(id),
  ]);
}

/** [what the case shows, where, numbers of the matching items] (a where on `id` is `{id: {op: numbers}}`). */
const OPERATOR_CASES: readonly [string, Where, number[]][] = [
  ['eq compares exactly', { name: 'Apple' }, [1]],
  ['eq null matches null values', { note: null }, [2, 5]],
  ['neq also matches null values, as in LoopBack', { note: { neq: 'fresh' } }, [2, 3, 4, 5]],
  ['neq null matches values that are not null', { note: { neq: null } }, [1, 3, 4]],
  ['gt compares exact decimals', { price: { gt: '0.99' } }, [1, 3, 5]],
  ['gte', { qty: { gte: 5 } }, [1, 3]],
  ['lt', { qty: { lt: 2 } }, [2]],
  ['lte', { price: { lte: '1.50' } }, [1, 2]],
  ['between is inclusive', { qty: { between: [1, 5] } }, [3, 5]],
  ['inq', { id: { inq: [1, 3, 99] } }, [1, 3]],
  ['an empty inq matches nothing', { id: { inq: [] } }, []],
  ['nin', { id: { nin: [1, 2] } }, [3, 4, 5]],
  ['an empty nin matches everything', { id: { nin: [] } }, [1, 2, 3, 4, 5]],
  ['a null inside inq also matches null values', { note: { inq: ['fresh', null] } }, [1, 2, 5]],
  ['nin also matches null values, as neq does', { note: { nin: ['fresh'] } }, [2, 3, 4, 5]],
  ['nin of one value agrees with neq of that value', { qty: { nin: [0] } }, [1, 3, 4, 5]],
  ['nin of several values keeps null values', { price: { nin: ['1.50', '0.99'] } }, [3, 4, 5]],
  ['a null inside nin also excludes null values', { note: { nin: ['fresh', null] } }, [3, 4]],
  ['like is case-sensitive', { name: { like: '%e%' } }, [1, 3, 4]],
  ['like with an upper-case prefix', { name: { like: 'C%' } }, [3]],
  ['like with a lower-case prefix does not match upper case', { name: { like: 'c%' } }, []],
  ['like is accent-sensitive', { name: { like: 'E%' } }, []],
  ['like _ matches one character, also a non-ASCII one', { name: { like: '_clair' } }, [5]],
  ['like honours backslash escapes', { note: { like: 'x\\_y\\%' } }, [4]],
  ['nlike', { name: { nlike: 'C%' } }, [1, 2, 4, 5]],
  ['nlike also matches null values, as neq does', { note: { nlike: 'f%' } }, [2, 3, 4, 5]],
  ['nilike also matches null values, as neq does', { note: { nilike: 'S%' } }, [1, 2, 4, 5]],
  ['ilike ignores case', { name: { ilike: 'APPLE' } }, [1]],
  ['ilike ignores the case of non-ASCII letters', { name: { ilike: 'é%' } }, [5]],
  ['ilike does not ignore accents', { name: { ilike: 'e%' } }, []],
  ['nilike', { name: { nilike: 'a%' } }, [2, 3, 4, 5]],
  ['regexp with the i flag ignores case', { name: { regexp: /^c/i } }, [3]],
  ['regexp without flags is case-sensitive', { name: { regexp: /^c/ } }, []],
  ['regexp quantifiers and anchors', { name: { regexp: /an+a$/ } }, [2]],
  ['regexp given as a string is case-sensitive', { name: { regexp: '^[AB]' } }, [1]],
  ['regexp character classes', { note: { regexp: /^[a-z]+$/ } }, [1]],
  ['an empty and matches everything', { and: [] }, [1, 2, 3, 4, 5]],
  ['an empty or matches nothing', { or: [] }, []],
  [
    'and/or nest',
    { or: [{ qty: { gt: 4 } }, { and: [{ name: { like: '%a%' } }, { price: { lt: '1.00' } }] }] },
    [1, 2, 3],
  ],
  ["the spec's find example: { key: val, key2: {gt: 'val2'}}", { name: 'Cherry pie', qty: { gt: 3 } }, [3]],
  ['a DateString compares as a date', { createdOn: { gte: '2024-02-29' } }, [3, 5]],
];

/** Values that would break out of a quoted literal if they were ever spliced into SQL text. */
const HOSTILE_VALUES = [
  "x'; DROP TABLE item; --",
  "\\'; DROP TABLE item; --",
  'x" OR "1"="1',
  "' OR '1'='1",
  '\\',
  '`; DROP TABLE item; --',
  '$1',
  '?',
];

/** Runs the filter-operator suite on a connector. */
export function filterOperatorsSuite(harness: ConnectorHarness): void {
  describe('filter operators', () => {
    const ids = fixtureIds(harness);
    const db = useDataSource(harness, 'suite_filters', [ids.model(ITEM)], async ({ Item }) => {
      await Item?.create(itemRows(ids));
    });
    const Item = () => db.model('Item');

    for (const [name, where, expected] of operatorCases(ids)) {
      it(`${name}`, async () => {
        const rows = await Item().find({ where, fields: ['id'], order: 'id' }, { raw: true });
        expect(rows.map((row: { id: FixtureId }) => row.id)).toEqual(expected);
        expect(await Item().count(where)).toBe(expected.length);
      });
    }

    it('reads every value of an item back as it was written', async () => {
      const rows = await Item().find({ order: 'id' }, { raw: true });
      expect(rows).toEqual(itemRows(ids));
    });

    it('rejects an unknown property in where, order or fields before any statement, suggesting a name', async () => {
      await expect(Item().find({ where: { nmae: 'Apple' } })).rejects.toMatchObject({
        code: 'INVALID_FILTER',
        details: { model: 'Item', property: 'nmae' },
        message: expect.stringMatching(/did you mean `/),
      });
      await expect(Item().find({ order: 'nmae' })).rejects.toMatchObject({
        code: 'INVALID_FILTER',
        message: expect.stringMatching(/did you mean `name`/),
      });
      await expect(Item().find({ fields: ['nmae'] })).rejects.toMatchObject({ code: 'INVALID_FILTER' });
      await expect(Item().count({ colour: 'red' })).rejects.toMatchObject({ code: 'INVALID_FILTER' });
      expect(db.statements).toEqual([]);
    });

    it('rejects malformed operator values before any statement', async () => {
      for (const where of [
        { qty: { between: [1] } },
        { qty: { inq: 3 } },
        { name: { like: 3 } },
        { qty: { gt: 'many' } },
        { name: { nosuch: 1 } },
        { name: { like: 'ends in a lone escape\\' } },
      ]) {
        await expect(Item().find({ where })).rejects.toMatchObject({ code: 'INVALID_FILTER' });
      }
      expect(db.statements).toEqual([]);
    });

    it('keeps hostile values inert in every operator, and writes and reads them back unchanged', async () => {
      for (const value of HOSTILE_VALUES) {
        for (const op of ['eq', 'neq', 'gt', 'like', 'ilike', 'nlike'] as const) {
          const found = Item().find({ where: { name: { [op]: value } }, fields: ['id'] });
          if (op.endsWith('like') && value.endsWith('\\')) {
            await expect(found).rejects.toMatchObject({ code: 'INVALID_FILTER' });
          } else {
            await found;
          }
        }
        expect(
          await Item().find({ where: { name: { inq: [value, 'Apple'] } }, fields: ['id'] }, { raw: true }),
        ).toEqual([{ id: ids.id(1) }]);
        expect(await Item().count({ name: value })).toBe(0);
      }
      expect(await Item().count()).toBe(ITEM_ROWS.length);
      for (const [index, value] of HOSTILE_VALUES.entries()) {
        const id = ids.id(100 + index);
        await Item().create({ id, name: value, note: value });
        expect(await Item().find({ where: { name: value }, fields: ['id', 'note'] }, { raw: true })).toEqual([
          { id, note: value },
        ]);
      }
      expect(await Item().destroyAll({ id: { gte: ids.id(100) } })).toEqual({ count: HOSTILE_VALUES.length });
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { sqlModel } from '../support/connector-models.js';
import { DIALECTS, type TestConnector } from '../support/dialects.js';

const Item = sqlModel('Item', {
  id: { type: 'Number', id: 1 },
  name: 'String',
  price: { type: 'Decimal', precision: 10, scale: 2 },
  qty: 'Number',
  note: 'String',
  createdOn: 'DateString',
  meta: 'JSON',
});

function cmp(property: string, op: Extract<WhereNode, { kind: 'compare' }>['op'], value: unknown): WhereNode {
  return { kind: 'compare', property, op, value };
}

/** [name, where, ids of the matching rows]: LoopBack's semantics, the same on every dialect. */
const CASES: [string, WhereNode, number[]][] = [
  ['eq compares exactly', cmp('name', 'eq', 'Apple'), [1]],
  ['eq null is IS NULL', cmp('note', 'eq', null), [2, 5]],
  ['neq also matches NULL rows, as LoopBack', cmp('note', 'neq', 'fresh'), [2, 3, 4, 5]],
  ['neq null is IS NOT NULL', cmp('note', 'neq', null), [1, 3, 4]],
  ['gt on an exact decimal', cmp('price', 'gt', '0.99'), [1, 3, 5]],
  ['gte', cmp('qty', 'gte', 5), [1, 3]],
  ['lt', cmp('qty', 'lt', 2), [2]],
  ['lte', cmp('price', 'lte', '1.50'), [1, 2]],
  ['between is inclusive', cmp('qty', 'between', [1, 5]), [3, 5]],
  ['inq', cmp('id', 'inq', [1, 3, 99]), [1, 3]],
  ['empty inq matches nothing', cmp('id', 'inq', []), []],
  ['nin', cmp('id', 'nin', [1, 2]), [3, 4, 5]],
  ['empty nin matches everything', cmp('id', 'nin', []), [1, 2, 3, 4, 5]],
  ['a null inside inq also matches NULL rows', cmp('note', 'inq', ['fresh', null]), [1, 2, 5]],
  ['a null inside nin also excludes NULL rows', cmp('note', 'nin', ['fresh', null]), [3, 4]],
  ['like is case-sensitive', cmp('name', 'like', '%e%'), [1, 3, 4]],
  ['like with an upper-case prefix', cmp('name', 'like', 'C%'), [3]],
  ['like with a lower-case prefix does not match upper case', cmp('name', 'like', 'c%'), []],
  ['like is accent-sensitive', cmp('name', 'like', 'E%'), []],
  ['like _ matches one character, also a non-ASCII one', cmp('name', 'like', '_clair'), [5]],
  ['like honours backslash escapes', cmp('note', 'like', 'x\\_y\\%'), [4]],
  ['nlike', cmp('name', 'nlike', 'C%'), [1, 2, 4, 5]],
  ['ilike ignores case', cmp('name', 'ilike', 'APPLE'), [1]],
  ['ilike ignores the case of non-ASCII letters', cmp('name', 'ilike', 'é%'), [5]],
  ['ilike does not ignore accents', cmp('name', 'ilike', 'e%'), []],
  ['nilike', cmp('name', 'nilike', 'a%'), [2, 3, 4, 5]],
  ['regexp with the i flag ignores case', cmp('name', 'regexp', /^c/i), [3]],
  ['regexp without flags is case-sensitive', cmp('name', 'regexp', /^c/), []],
  ['regexp quantifiers and anchors', cmp('name', 'regexp', /an+a$/), [2]],
  ['regexp given as a string is case-sensitive', cmp('name', 'regexp', '^[AB]'), [1]],
  ['regexp character classes', cmp('note', 'regexp', /^[a-z]+$/), [1]],
  ['a constant false', { kind: 'constant', value: false }, []],
  ['an empty and is true', { kind: 'and', nodes: [] }, [1, 2, 3, 4, 5]],
  ['an empty or is false', { kind: 'or', nodes: [] }, []],
  [
    'and/or nest',
    {
      kind: 'or',
      nodes: [
        cmp('qty', 'gt', 4),
        { kind: 'and', nodes: [cmp('name', 'like', '%a%'), cmp('price', 'lt', '1.00')] },
      ],
    },
    [1, 2, 3],
  ],
  [
    "the spec's find example: { key: val, key2: {gt: 'val2'}}",
    { kind: 'and', nodes: [cmp('name', 'eq', 'Cherry pie'), cmp('qty', 'gt', 3)] },
    [3],
  ],
  ['a DateString compares as a date', cmp('createdOn', 'gte', '2024-02-29'), [3, 5]],
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

describe.each(DIALECTS)('filter operators on $name', (dialect) => {
  const database = 'conn_filters';
  let connector: TestConnector;

  beforeAll(async () => {
    connector = dialect.open(await dialect.createDatabase(database));
    await dialect.createTables(connector, ['item']);
    await connector.execute(`insert into item (id, name, price, qty, note, created_on, meta) values
      (1, 'Apple', 1.50, 10, 'fresh', '2024-01-15', '{"color": "red"}'),
      (2, 'banana', 0.99, 0, null, '2023-12-31', null),
      (3, 'Cherry pie', 12.00, 5, 'Sweet', '2024-02-29', '{"color": "dark"}'),
      (4, 'date', null, null, 'x_y%', null, '[]'),
      (5, 'Éclair', 3.25, 2, null, '2024-03-01', '{}')`);
  });

  afterAll(async () => {
    await connector.disconnect();
    await dialect.dropDatabase(database);
  });

  for (const [name, node, ids] of CASES) {
    it(`${name}`, async () => {
      const rows = await connector.find(Item, {
        where: node,
        fields: ['id'],
        order: [{ property: 'id', direction: 'ASC' }],
      });
      expect(rows.map((row) => row.id)).toEqual(ids);
      expect(await connector.count(Item, node)).toBe(ids.length);
    });
  }

  it('selects fields, orders, limits and skips', async () => {
    const rows = await connector.find(Item, {
      where: cmp('price', 'gt', '0'),
      fields: ['id', 'createdOn'],
      order: [{ property: 'price', direction: 'DESC' }],
      limit: 2,
      skip: 1,
    });
    expect(rows).toEqual([
      { id: 5, createdOn: '2024-03-01' },
      { id: 1, createdOn: '2024-01-15' },
    ]);
  });

  it('orders by several properties in the given directions, nulls included', async () => {
    const rows = await connector.find(Item, {
      where: cmp('qty', 'neq', null),
      order: [
        { property: 'qty', direction: 'DESC' },
        { property: 'createdOn', direction: 'ASC' },
      ],
      fields: ['id'],
    });
    expect(rows.map((row) => row.id)).toEqual([1, 3, 5, 2]);
  });

  it('reads every column type of the table in the model representation', async () => {
    const [row] = await connector.find(Item, { where: cmp('id', 'eq', 3) });
    expect(row).toEqual({
      id: 3,
      name: 'Cherry pie',
      price: '12.00',
      qty: 5,
      note: 'Sweet',
      createdOn: '2024-02-29',
      meta: { color: 'dark' },
    });
  });

  it('rejects an unknown property with UNKNOWN_PROPERTY before any statement', async () => {
    const statements: string[] = [];
    const stop = connector.observeStatements((event) => statements.push(event.sql));
    await expect(connector.find(Item, { where: cmp('colour', 'eq', 'red') })).rejects.toMatchObject({
      code: 'UNKNOWN_PROPERTY',
      details: { model: 'Item', property: 'colour' },
    });
    await expect(
      connector.find(Item, { order: [{ property: 'colour', direction: 'ASC' }] }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_PROPERTY',
    });
    stop();
    expect(statements).toEqual([]);
  });

  it('rejects malformed operator values with INVALID_FILTER', async () => {
    await expect(connector.find(Item, { where: cmp('qty', 'between', [1]) })).rejects.toMatchObject({
      code: 'INVALID_FILTER',
    });
    await expect(connector.find(Item, { where: cmp('qty', 'inq', 3) })).rejects.toMatchObject({
      code: 'INVALID_FILTER',
    });
    await expect(connector.find(Item, { where: cmp('name', 'like', 3) })).rejects.toMatchObject({
      code: 'INVALID_FILTER',
    });
  });

  it('keeps hostile values inert in every operator, and writes and reads them back unchanged', async () => {
    for (const value of HOSTILE_VALUES) {
      for (const op of ['eq', 'neq', 'gt', 'like', 'ilike', 'nlike'] as const) {
        const found = connector.find(Item, { where: cmp('name', op, value), fields: ['id'] });
        if (op.endsWith('like') && value.endsWith('\\')) {
          await expect(found).rejects.toMatchObject({ code: 'INVALID_FILTER' });
        } else {
          await found;
        }
      }
      expect(
        await connector.find(Item, { where: cmp('name', 'inq', [value, 'Apple']), fields: ['id'] }),
      ).toEqual([{ id: 1 }]);
      expect(await connector.count(Item, cmp('name', 'eq', value))).toBe(0);
    }
    expect(await connector.count(Item, undefined)).toBe(5);
    for (const [index, value] of HOSTILE_VALUES.entries()) {
      const id = 100 + index;
      await connector.create(Item, { id, name: value, note: value });
      expect(await connector.find(Item, { where: cmp('name', 'eq', value), fields: ['id', 'note'] })).toEqual(
        [{ id, note: value }],
      );
    }
    expect(await connector.destroyAll(Item, cmp('id', 'gte', 100))).toEqual({ count: HOSTILE_VALUES.length });
  });

  it('quotes hostile table and column names, so that they are only names', async () => {
    const Hostile = sqlModel(
      'Hostile',
      {
        id: { type: 'Number', id: 1, generated: true, column: 'id?"`; DROP TABLE item; --' },
        label: { type: 'String', length: 40, column: 'la\'bel`"?$1' },
      },
      { table: 'weird"`table?' },
    );
    await connector.automigrate([Hostile]);
    const label = '`) VALUES (1); DROP TABLE item; --';
    expect(await connector.create(Hostile, { label })).toEqual({ id: 1, label });
    expect(await connector.find(Hostile, { where: cmp('label', 'eq', label) })).toEqual([{ id: 1, label }]);
    expect(await connector.updateAll(Hostile, cmp('id', 'eq', 1), { label: '?' })).toEqual({ count: 1 });
    expect(await connector.find(Hostile, { where: cmp('label', 'like', '?%') })).toEqual([
      { id: 1, label: '?' },
    ]);
    expect(await connector.count(Item, undefined)).toBe(5);
  });
});

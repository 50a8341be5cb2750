import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { sqlModel } from '../support/connector-models.js';
import { DIALECTS, type TestConnector } from '../support/dialects.js';

const Person = sqlModel('Person', {
  id: { type: 'Number', id: 1, generated: true },
  name: { type: 'String', nullable: false },
  email: 'String',
  score: { type: 'Decimal', precision: 6, scale: 2 },
  active: { type: 'Boolean', nullable: false },
  createdAt: { type: 'Date', nullable: false },
  nameLength: { type: 'Number', readOnly: true },
});

const Membership = sqlModel('Membership', {
  groupId: { type: 'Number', id: 1 },
  personId: { type: 'Number', id: 2 },
  role: 'String',
});

const Setting = sqlModel('Setting', { id: { type: 'Number', id: 1, generated: true }, label: 'String' });

const Post = sqlModel('Post', {
  id: { type: 'Number', id: 1, generated: true },
  personId: 'Number',
  groupId: 'Number',
  title: 'String',
});

const eq = (property: string, value: unknown): WhereNode => ({ kind: 'compare', property, op: 'eq', value });

describe.each(DIALECTS)('data access on $name', (dialect) => {
  const database = 'conn_crud';
  let connector: TestConnector;
  let statements: StatementEvent[];
  /** Statements a create takes: one with RETURNING, insert then re-read without. */
  let createStatements: number;

  beforeAll(async () => {
    connector = dialect.open(await dialect.createDatabase(database));
    await dialect.createTables(connector, ['person', 'membership', 'setting']);
    createStatements = connector.capabilities.returning ? 1 : 2;
    connector.observeStatements((event) => statements.push(event));
  });

  beforeEach(() => {
    statements = [];
  });

  afterAll(async () => {
    await connector.disconnect();
    await dialect.dropDatabase(database);
  });

  it('creates a row and returns its generated key and defaults', async () => {
    const before = Date.now();
    const row = await connector.create(Person, { name: 'Ada', email: 'ada@example.com', ignored: 'x' });
    expect(row).toMatchObject({ id: 1, name: 'Ada', email: 'ada@example.com', score: '0.00', active: true });
    expect(row.nameLength).toBe(3);
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(Math.abs((row.createdAt as Date).getTime() - before)).toBeLessThan(60_000);
    expect(statements).toHaveLength(createStatements);
    expect(statements[0]!.params).toEqual(['Ada', 'ada@example.com']);
    expect(statements[0]!.rowCount).toBe(1);
    expect(statements[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('creates a row from defaults alone', async () => {
    expect(await connector.create(Setting, {})).toEqual({ id: 1, label: 'untitled' });
    expect(await connector.create(Setting, { label: 'second' })).toEqual({ id: 2, label: 'second' });
  });

  it('accepts an explicit value for a generated id', async () => {
    const row = await connector.create(Person, { id: 100, name: 'Explicit' });
    expect(row).toMatchObject({ id: 100, name: 'Explicit', active: true });
    await connector.destroyAll(Person, eq('id', 100));
  });

  it('upserts: inserts without an id, updates only the given properties with one', async () => {
    const created = await connector.upsert(Person, { name: 'Grace', score: '9.50' });
    expect(created).toMatchObject({ name: 'Grace', score: '9.50', active: true });
    statements = [];
    const updated = await connector.upsert(Person, { id: created.id, name: 'Grace Hopper' });
    expect(updated).toMatchObject({ id: created.id, name: 'Grace Hopper', score: '9.50', nameLength: 12 });
    expect(statements).toHaveLength(createStatements);
    const inserted = await connector.upsert(Person, { id: 50, name: 'Fifty' });
    expect(inserted).toMatchObject({ id: 50, name: 'Fifty', score: '0.00' });
    expect(await connector.count(Person, undefined)).toBe(3);
  });

  it('upserts on a composite primary key, also when only the key is given', async () => {
    expect(await connector.upsert(Membership, { groupId: 1, personId: 1, role: 'owner' })).toEqual({
      groupId: 1,
      personId: 1,
      role: 'owner',
    });
    expect(await connector.upsert(Membership, { groupId: 1, personId: 1, role: 'admin' })).toEqual({
      groupId: 1,
      personId: 1,
      role: 'admin',
    });
    expect(await connector.upsert(Membership, { groupId: 1, personId: 1 })).toEqual({
      groupId: 1,
      personId: 1,
      role: 'admin',
    });
    expect(await connector.upsert(Membership, { groupId: 2, personId: 1 })).toEqual({
      groupId: 2,
      personId: 1,
      role: 'member',
    });
    const where: WhereNode = { kind: 'and', nodes: [eq('groupId', 1), eq('personId', 1)] };
    expect(await connector.count(Membership, where)).toBe(1);
    expect(await connector.find(Membership, { where })).toEqual([{ groupId: 1, personId: 1, role: 'admin' }]);
  });

  it('finds with where, order, limit, skip and fields', async () => {
    const rows = await connector.find(Person, {
      where: { kind: 'compare', property: 'name', op: 'neq', value: 'Ada' },
      order: [{ property: 'name', direction: 'DESC' }],
      fields: ['id', 'name'],
      limit: 1,
      skip: 1,
    });
    expect(rows).toEqual([{ id: 50, name: 'Fifty' }]);
  });

  it('skips without a limit', async () => {
    const order = [{ property: 'id', direction: 'ASC' as const }];
    const all = await connector.find(Person, { order, fields: ['id'] });
    expect(all).toHaveLength(3);
    expect(await connector.find(Person, { order, skip: 1, fields: ['id'] })).toEqual(all.slice(1));
  });

  it('counts with and without a where', async () => {
    expect(await connector.count(Person, undefined)).toBe(3);
    expect(await connector.count(Person, eq('active', true))).toBe(3);
    expect(await connector.count(Person, eq('email', null))).toBe(2);
  });

  it('updates matching rows, skipping read-only properties, and resolves to the count', async () => {
    expect(await connector.updateAll(Person, eq('email', null), { active: false, nameLength: 99 })).toEqual({
      count: 2,
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]!.params).toEqual([false]);
    expect(await connector.count(Person, eq('active', false))).toBe(2);
    expect(await connector.updateAll(Person, eq('id', -1), { active: true })).toEqual({ count: 0 });
  });

  it('counts rows that match even when the update changes nothing in them', async () => {
    expect(await connector.updateAll(Person, eq('active', false), { active: false })).toEqual({ count: 2 });
  });

  it('counts instead of updating when the data sets no column', async () => {
    expect(await connector.updateAll(Person, eq('active', false), { unknown: 1 })).toEqual({ count: 2 });
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toMatch(/^SELECT count\(\*\)/);
  });

  it('deletes matching rows and resolves to the count', async () => {
    const temp = await connector.create(Person, { name: 'Temporary' });
    expect(await connector.destroyAll(Person, eq('id', temp.id))).toEqual({ count: 1 });
    expect(await connector.destroyAll(Person, eq('id', temp.id))).toEqual({ count: 0 });
  });

  it('refuses writes to a read-only model before any statement', async () => {
    const View = sqlModel(
      'PersonView',
      { id: { type: 'Number', id: 1 } },
      { table: 'person', readOnly: true },
    );
    await expect(connector.create(View, { id: 1 })).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
    await expect(connector.upsert(View, { id: 1 })).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
    await expect(connector.updateAll(View, undefined, { id: 1 })).rejects.toMatchObject({
      code: 'READ_ONLY_MODEL',
    });
    await expect(connector.destroyAll(View, undefined)).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
    expect(statements).toEqual([]);
  });

  it('runs writes inside a transaction that can be rolled back or committed', async () => {
    const transaction = await dialect.begin(connector);
    const ghost = await connector.create(Person, { name: 'Ghost' }, { transaction });
    expect(ghost).toMatchObject({ name: 'Ghost' });
    expect(await connector.count(Person, eq('name', 'Ghost'), { transaction })).toBe(1);
    expect(await connector.count(Person, eq('name', 'Ghost'))).toBe(0);
    await transaction.rollback();
    expect(await connector.count(Person, eq('name', 'Ghost'))).toBe(0);
    await connector.transaction(async (tx) => {
      await connector.create(Person, { name: 'Kept' }, { transaction: tx });
    });
    expect(await connector.count(Person, eq('name', 'Kept'))).toBe(1);
    const sqls = statements.map((event) => event.sql);
    expect(sqls).toContain('ROLLBACK');
    expect(sqls).toContain('COMMIT');
  });

  it('refuses to use a transaction after it ended', async () => {
    const transaction = await dialect.begin(connector);
    await transaction.commit();
    await expect(connector.count(Person, undefined, { transaction })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe.each(DIALECTS)('findGrouped on $name', (dialect) => {
  const database = 'conn_grouped';
  let connector: TestConnector;
  let statements: StatementEvent[];

  beforeAll(async () => {
    connector = dialect.open(await dialect.createDatabase(database));
    await dialect.createTables(connector, ['post']);
    await connector.execute(`insert into post (person_id, group_id, title) values
      (1, 1, 'c'), (1, 1, 'a'), (1, 2, 'b'), (1, 2, 'd'),
      (2, 1, 'z'), (2, 1, 'y'),
      (3, 1, 'only'),
      (null, 1, 'orphan')`);
    connector.observeStatements((event) => statements.push(event));
  });

  beforeEach(() => {
    statements = [];
  });

  afterAll(async () => {
    await connector.disconnect();
    await dialect.dropDatabase(database);
  });

  it('returns the first rows of each parent in one statement with a window function', async () => {
    const rows = await connector.findGrouped(Post, {
      partitionBy: ['personId'],
      keys: [[1], [2], [4]],
      filter: { order: [{ property: 'title', direction: 'ASC' }], limit: 2, fields: ['title'] },
    });
    expect(rows).toEqual([
      { title: 'a', personId: 1 },
      { title: 'b', personId: 1 },
      { title: 'y', personId: 2 },
      { title: 'z', personId: 2 },
    ]);
    expect(statements).toHaveLength(1);
    expect(statements[0]!.sql).toContain('row_number() OVER (PARTITION BY');
  });

  it('applies skip per parent and the where to every parent', async () => {
    const rows = await connector.findGrouped(Post, {
      partitionBy: ['personId'],
      keys: [[1], [2], [3]],
      filter: {
        where: { kind: 'compare', property: 'title', op: 'neq', value: 'c' },
        order: [{ property: 'title', direction: 'DESC' }],
        skip: 1,
        limit: 1,
      },
    });
    expect(rows.map((row) => [row.personId, row.title])).toEqual([
      [1, 'b'],
      [2, 'y'],
    ]);
  });

  it('orders by id inside each parent when the filter has no order', async () => {
    const rows = await connector.findGrouped(Post, {
      partitionBy: ['personId'],
      keys: [[1]],
      filter: { limit: 3 },
    });
    expect(rows.map((row) => row.title)).toEqual(['c', 'a', 'b']);
  });

  it('uses a plain IN select when there is no limit or skip', async () => {
    const rows = await connector.findGrouped(Post, {
      partitionBy: ['personId'],
      keys: [[3], [2]],
      filter: { order: [{ property: 'title', direction: 'ASC' }] },
    });
    expect(rows.map((row) => [row.personId, row.title])).toEqual([
      [2, 'y'],
      [2, 'z'],
      [3, 'only'],
    ]);
    expect(statements[0]!.sql).not.toContain('row_number');
  });

  it('partitions by a composite key', async () => {
    const rows = await connector.findGrouped(Post, {
      partitionBy: ['personId', 'groupId'],
      keys: [
        [1, 1],
        [1, 2],
        [2, 1],
      ],
      filter: { order: [{ property: 'title', direction: 'ASC' }], limit: 1 },
    });
    expect(rows.map((row) => [row.personId, row.groupId, row.title])).toEqual([
      [1, 1, 'a'],
      [1, 2, 'b'],
      [2, 1, 'y'],
    ]);
    expect(statements[0]!.params.slice(0, 6)).toEqual([1, 1, 1, 2, 2, 1]);
  });

  it('sends no statement when no key can match', async () => {
    expect(await connector.findGrouped(Post, { partitionBy: ['personId'], keys: [], filter: {} })).toEqual(
      [],
    );
    expect(
      await connector.findGrouped(Post, { partitionBy: ['personId'], keys: [[null]], filter: {} }),
    ).toEqual([]);
    expect(statements).toEqual([]);
  });
});

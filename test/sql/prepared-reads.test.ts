// What the SQL connectors send for prepared reads: one statement per shape of the bindings,
// compiled once and run with new values, the same text as the literal read of that shape; joins
// compiled with the read. What prepared reads answer on every connector is in
// test/connectors/suites/prepared-reads.ts.
import { describe, expect, it } from 'vitest';
import { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import type { ConnectorModel } from '../../src/juggler/connector/connector-model.js';
import type { JoinRequest } from '../../src/juggler/connector/join-request.js';
import { JoinNotNestableError, ReadParameter } from '../../src/juggler/connector/prepared-read.js';
import { resolveConnectorModel } from '../../src/juggler/connector/resolve-connector-model.js';
import type { OrderClause, WhereNode } from '../../src/juggler/filter/filter-types.js';
import { ITEM, ITEM_ROWS } from '../connectors/fixtures/items.js';
import { musicModels, seedMusic } from '../connectors/fixtures/music.js';
import { MEMBERSHIP, MEMBERSHIP_KEYS, POST, POST_ROWS } from '../connectors/fixtures/people.js';
import type { Row } from '../connectors/harness/connector-harness.js';
import { fixtureIds } from '../connectors/harness/fixture-ids.js';
import { SQL_HARNESSES } from '../connectors/harness/sql-harnesses.js';
import { type StatementEvent, useDataSource } from '../connectors/harness/suite-data-source.js';
import { sqlModel } from '../support/connector-models.js';
import { readRows } from '../support/connector-reads.js';

const p = (index: number) => new ReadParameter(index, `$${index}`);
const asc = (property: string): OrderClause => ({ property, direction: 'ASC' });
const cmp = (
  property: string,
  op: Extract<WhereNode, { kind: 'compare' }>['op'],
  value: unknown,
): WhereNode => ({
  kind: 'compare',
  property,
  op,
  value,
});
const keys = (properties: string[], value: unknown): WhereNode => ({ kind: 'keys', properties, value });
const ids = (rows: readonly Row[]) => rows.map((row) => row.id);
const memberKeys = (rows: readonly Row[]) => rows.map((row) => [row.groupId, row.personId]);
/** Item ids in id order, filtered as given. */
const itemIds = <F extends object>(filter: F) => ({ fields: ['id'], order: [asc('id')], ...filter });

type SqlConnector = PostgresConnector | MysqlConnector;

describe.each(SQL_HARNESSES)('the statements of prepared reads on $name', (harness) => {
  const db = useDataSource(harness, 'sql_prepared_reads', [ITEM, MEMBERSHIP, POST], async (models) => {
    await models.Item?.create(ITEM_ROWS);
    await models.Membership?.create(MEMBERSHIP_KEYS.map(([groupId, personId]) => ({ groupId, personId })));
    await models.Post?.create(POST_ROWS);
  });
  const connector = () => db.dataSource.connector as unknown as SqlConnector;
  const model = (name: string): ConnectorModel =>
    resolveConnectorModel(db.model(name).definition, connector());
  /** The statements sent by `work`. */
  async function sent(work: () => Promise<unknown>): Promise<StatementEvent[]> {
    db.statements.length = 0;
    await work();
    return [...db.statements];
  }

  it('compiles a read once and runs it with other values of the same shape, observed with each run’s values', async () => {
    const read = connector().prepareRead({
      model: model('Item'),
      filter: itemIds({ where: cmp('qty', 'gt', p(0)), limit: p(1) }),
    });
    const runs = await sent(async () => {
      expect(ids(await read.run([4, 10]))).toEqual([1, 3]);
      expect(ids(await read.run([1, 1]))).toEqual([1]);
      expect(ids(await read.run([-1, 10]))).toEqual([1, 2, 3, 5]);
    });
    expect(read.explain()).toEqual([runs[0]?.sql]);
    expect(new Set(runs.map((event) => event.sql)).size).toBe(1);
    expect(runs.map((event) => event.params)).toEqual([
      [4, 10],
      [1, 1],
      [-1, 10],
    ]);
    const [literal] = await sent(() =>
      readRows(connector(), model('Item'), itemIds({ where: cmp('qty', 'gt', 4), limit: 10 })),
    );
    expect(literal?.sql).toBe(runs[0]?.sql);
  });

  it('compiles one statement per shape: eq and neq with null are IS NULL and IS NOT NULL', async () => {
    const eq = connector().prepareRead({
      model: model('Item'),
      filter: itemIds({ where: cmp('note', 'eq', p(0)) }),
    });
    expect(ids(await eq.run([null]))).toEqual([2, 5]);
    expect(ids(await eq.run(['fresh']))).toEqual([1]);
    expect(ids(await eq.run([undefined]))).toEqual([2, 5]);
    expect(ids(await eq.run(['Sweet']))).toEqual([3]);
    expect(eq.explain()).toHaveLength(2);
    expect(eq.explain()[0]).toContain('IS NULL');
    const neq = connector().prepareRead({
      model: model('Item'),
      filter: itemIds({ where: cmp('note', 'neq', p(0)) }),
    });
    expect(ids(await neq.run([null]))).toEqual([1, 3, 4]);
    expect(ids(await neq.run(['fresh']))).toEqual([2, 3, 4, 5]);
    expect(neq.explain()).toHaveLength(2);
  });

  it('compiles a statement per IN-list length only where the text differs (PostgreSQL: none, one, many)', async () => {
    const read = connector().prepareRead({
      model: model('Item'),
      filter: itemIds({ where: cmp('id', 'inq', p(0)) }),
    });
    expect(ids(await read.run([[1, 2]]))).toEqual([1, 2]);
    expect(ids(await read.run([[2, 3, 4, 5, 99]]))).toEqual([2, 3, 4, 5]);
    expect(ids(await read.run([[3]]))).toEqual([3]);
    expect(ids(await read.run([[]]))).toEqual([]);
    expect(ids(await read.run([[5, 1]]))).toEqual([1, 5]);
    const texts = read.explain();
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a like pattern ending in a lone backslash at every run, sending nothing, and keeps answering others', async () => {
    const read = connector().prepareRead({
      model: model('Item'),
      filter: itemIds({ where: cmp('name', 'like', p(0)) }),
    });
    const runs = await sent(async () => {
      await expect(read.run(['Ap\\'])).rejects.toMatchObject({ code: 'INVALID_FILTER' });
      await expect(read.run(['Ap\\'])).rejects.toMatchObject({ code: 'INVALID_FILTER' });
      expect(ids(await read.run(['A%']))).toEqual([1]);
      expect(ids(await read.run(['%\\%']))).toEqual([]);
    });
    expect(runs).toHaveLength(2);
    await expect(read.run([3])).rejects.toMatchObject({ code: 'INVALID_FILTER' });
  });

  it('matches a regexp parameter with and without the i flag, and a string pattern', async () => {
    const read = connector().prepareRead({
      model: model('Item'),
      filter: itemIds({ where: cmp('name', 'regexp', p(0)) }),
    });
    expect(ids(await read.run([/^c/i]))).toEqual([3]);
    expect(ids(await read.run([/^c/]))).toEqual([]);
    expect(ids(await read.run(['^[AB]']))).toEqual([1]);
    expect(ids(await read.run([/^[a-c]/i]))).toEqual([1, 2, 3]);
  });

  it('sends for limit and skip parameters the statements of the same literal reads: no OFFSET for a skip of 0', async () => {
    const Item = model('Item');
    const read = connector().prepareRead({ model: Item, filter: itemIds({ limit: p(0), skip: p(1) }) });
    const runs = await sent(async () => {
      expect(ids(await read.run([null, null]))).toEqual([1, 2, 3, 4, 5]);
      expect(ids(await read.run([2, 0]))).toEqual([1, 2]);
      expect(ids(await read.run([2, 3]))).toEqual([4, 5]);
      expect(ids(await read.run([null, 4]))).toEqual([5]);
      expect(ids(await read.run([0, null]))).toEqual([]);
    });
    const literals = await sent(async () => {
      await readRows(connector(), Item, itemIds({}));
      await readRows(connector(), Item, itemIds({ limit: 2, skip: 0 }));
      await readRows(connector(), Item, itemIds({ limit: 2, skip: 3 }));
      await readRows(connector(), Item, itemIds({ skip: 4 }));
      await readRows(connector(), Item, itemIds({ limit: 0 }));
    });
    expect(runs.map((event) => event.sql)).toEqual(literals.map((event) => event.sql));
    expect(runs.map((event) => event.params)).toEqual(literals.map((event) => event.params));
    expect(runs[1]?.sql).not.toContain('OFFSET');
    expect(read.explain()).toHaveLength(4);
  });

  it('sends for keys nodes of one property and of several the statements of the same literal reads', async () => {
    const single = connector().prepareRead({
      model: model('Item'),
      filter: itemIds({ where: keys(['id'], p(0)) }),
    });
    for (const tuples of [[], [[3]], [[1], [4], [5]], [[5], [2]]]) {
      const [literal] = await sent(() =>
        readRows(connector(), model('Item'), itemIds({ where: keys(['id'], tuples) })),
      );
      const [bound] = await sent(async () => {
        expect(ids(await single.run([tuples]))).toEqual(tuples.map(([id]) => id).sort());
      });
      expect(bound?.sql).toBe(literal?.sql);
      expect(bound?.params).toEqual(literal?.params);
    }
    const order = [asc('groupId'), asc('personId')];
    const composite = connector().prepareRead({
      model: model('Membership'),
      filter: { where: keys(['groupId', 'personId'], p(0)), order },
    });
    for (const tuples of [
      [],
      [[1, 2]],
      [
        [2, 3],
        [1, 1],
        [9, 9],
      ],
    ]) {
      const [literal] = await sent(() =>
        readRows(connector(), model('Membership'), { where: keys(['groupId', 'personId'], tuples), order }),
      );
      const [bound] = await sent(async () => {
        const expected = MEMBERSHIP_KEYS.filter(([g, m]) => tuples.some(([tg, tm]) => tg === g && tm === m));
        expect(memberKeys(await composite.run([tuples]))).toEqual(expected);
      });
      expect(bound?.sql).toBe(literal?.sql);
      expect(bound?.params).toEqual(literal?.params);
    }
  });

  it('sends for a partition read with parameters the statement of the same literal read, and none when no key can match', async () => {
    const filter = { order: [asc('title')], fields: ['id', 'title'] };
    const read = connector().prepareRead({
      model: model('Post'),
      filter: { ...filter, limit: p(1) },
      partition: { by: ['personId'], keys: p(0) },
    });
    const parents = [[1], [2], [3]];
    const [literal] = await sent(() =>
      readRows(
        connector(),
        model('Post'),
        { ...filter, limit: 2 },
        { partition: { by: ['personId'], keys: parents } },
      ),
    );
    const [bound] = await sent(() => read.run([parents, 2]));
    expect(bound?.sql).toBe(literal?.sql);
    expect(bound?.params).toEqual(literal?.params);
    const nothing = await sent(async () => {
      expect(await read.run([[], 2])).toEqual([]);
      expect(await read.run([[[null]], 2])).toEqual([]);
    });
    expect(nothing).toEqual([]);
  });

  it('counts with a parameter, one statement for every value', async () => {
    const count = connector().prepareCount(model('Item'), cmp('qty', 'gt', p(0)));
    expect(await count.run([4])).toBe(2);
    expect(await count.run([100])).toBe(0);
    expect(count.explain()).toHaveLength(1);
  });

  it('explains its usual shape before any run, sending nothing, and runs that shape with the statement explained', async () => {
    const read = connector().prepareRead({
      model: model('Item'),
      filter: itemIds({ where: cmp('id', 'inq', p(0)), limit: p(1) }),
    });
    const explained = await sent(async () => {
      expect(read.explain()).toHaveLength(1);
    });
    expect(explained).toEqual([]);
    const [text] = read.explain();
    expect(text).toContain(harness.sql.quote('id'));
    const [run] = await sent(async () => {
      expect(ids(await read.run([[1, 2], 1]))).toEqual([1]);
    });
    expect(run?.sql).toBe(text);
    expect(read.explain()).toEqual([text]);
  });

  it('keeps 32 statements and answers right past 32 shapes', async () => {
    const read = connector().prepareRead({
      model: model('Membership'),
      filter: { where: keys(['groupId', 'personId'], p(0)), order: [asc('groupId'), asc('personId')] },
    });
    for (let count = 1; count <= 40; count++) {
      const tuples = Array.from(
        { length: count },
        (_, index) => MEMBERSHIP_KEYS[index] ?? [100 + index, index],
      );
      expect(memberKeys(await read.run([tuples]))).toEqual(MEMBERSHIP_KEYS.slice(0, count));
    }
    expect(read.explain()).toHaveLength(32);
    expect(memberKeys(await read.run([[[3, 2]]]))).toEqual([[3, 2]]);
  });

  it('prepares a read before the connector connects and compiles it once connected', async () => {
    const { url } = db.dataSource.settings as { url: string };
    const fresh =
      harness.name === 'postgresql' ? new PostgresConnector({ url }) : new MysqlConnector({ url });
    try {
      const read = fresh.prepareRead({
        model: model('Item'),
        filter: itemIds({ where: cmp('name', 'regexp', p(0)) }),
      });
      expect(read.explain()).toHaveLength(1);
      expect(ids(await read.run([/^C/]))).toEqual([3]);
      expect(ids(await read.run([/^c/i]))).toEqual([3]);
    } finally {
      await fresh.disconnect();
    }
  });
});

describe.each(SQL_HARNESSES)('prepared reads with joins on $name', (harness) => {
  const ids = fixtureIds(harness);
  const db = useDataSource(harness, 'sql_prepared_joins', musicModels(ids), seedMusic(ids));
  const connector = () => db.dataSource.connector as unknown as SqlConnector;
  const model = (name: string): ConnectorModel =>
    resolveConnectorModel(db.model(name).definition, connector());
  const genre = (): JoinRequest => ({
    as: 'genre',
    model: model('Genre'),
    from: ['genreId'],
    to: ['genreId'],
    fields: ['name'],
  });
  const tracks = (): JoinRequest => ({
    as: 'tracks',
    model: model('Track'),
    from: ['albumId'],
    to: ['albumId'],
    fields: ['trackId', 'name'],
    list: { order: [asc('trackId')], limit: 2 },
  });

  it('reads belongsTo targets in the statement of a read with parameters, compiled once', async () => {
    const filter = { fields: ['trackId', 'genreId'], order: [asc('trackId')], limit: 2 };
    const read = connector().prepareRead({
      model: model('Track'),
      filter: { ...filter, where: cmp('albumId', 'eq', p(0)) },
      joins: [genre()],
    });
    expect(await read.run([1])).toEqual([
      { trackId: 1, genreId: 1, genre: { genreId: 1, name: 'Rock' } },
      { trackId: 2, genreId: 1, genre: { genreId: 1, name: 'Rock' } },
    ]);
    expect(await read.run([3])).toEqual(
      await readRows(
        connector(),
        model('Track'),
        { ...filter, where: cmp('albumId', 'eq', 3) },
        { joins: [genre()] },
      ),
    );
    expect(read.explain()).toHaveLength(1);
    expect(db.statements).toHaveLength(3);
  });

  it('reads per-parent pages with their belongsTo targets, the keys a parameter', async () => {
    const read = connector().prepareRead({
      model: model('Track'),
      filter: { fields: ['trackId', 'genreId'], order: [asc('trackId')], limit: 1 },
      partition: { by: ['albumId'], keys: p(0) },
      joins: [genre()],
    });
    const rows = await read.run([[[1], [3]]]);
    expect(rows.map((row) => [row.albumId, row.trackId, (row.genre as Row).name])).toEqual([
      [1, 1, 'Rock'],
      [3, 6, 'Metal'],
    ]);
    expect(db.statements).toHaveLength(1);
  });

  if (harness.capabilities.nestedLists) {
    it('nests hasMany lists in the statement of a read whose keys are a parameter', async () => {
      const read = connector().prepareRead({
        model: model('Album'),
        filter: { where: keys(['albumId'], p(0)), fields: ['albumId'], order: [asc('albumId')] },
        joins: [tracks()],
      });
      const albums = await read.run([[[1], [3]]]);
      expect(db.statements).toHaveLength(1);
      const pages = await readRows(
        connector(),
        model('Track'),
        { order: [asc('trackId')], limit: 2, fields: ['trackId', 'name', 'albumId'] },
        { partition: { by: ['albumId'], keys: [[1], [3]] } },
      );
      expect(albums).toEqual(
        [1, 3].map((albumId) => ({ albumId, tracks: pages.filter((track) => track.albumId === albumId) })),
      );
      expect((await read.run([[[2]]]))[0]?.tracks).toHaveLength(1);
    });

    it('refuses to prepare a read whose list has a column JSON cannot carry exactly', () => {
      const TaggedTrack = sqlModel(
        'TaggedTrack',
        {
          trackId: { type: 'Number', id: 1, column: model('Track').propertyByName.get('trackId')?.column },
          albumId: { type: 'Number', column: model('Track').propertyByName.get('albumId')?.column },
          tags: { type: 'Array', itemType: 'String', dataType: 'ARRAY' },
        },
        { table: model('Track').table },
      );
      expect(() =>
        connector().prepareRead({
          model: model('Album'),
          filter: { fields: ['albumId'] },
          joins: [{ ...tracks(), model: TaggedTrack, fields: ['trackId', 'tags'] }],
        }),
      ).toThrow(JoinNotNestableError);
      expect(db.statements).toEqual([]);
    });
  } else {
    it('refuses to prepare a read whose hasMany lists it cannot nest, before any statement', () => {
      const prepare = () =>
        connector().prepareRead({
          model: model('Album'),
          filter: { where: keys(['albumId'], p(0)), fields: ['albumId'] },
          joins: [tracks()],
        });
      expect(prepare).toThrow(JoinNotNestableError);
      expect(prepare).toThrow(expect.objectContaining({ code: 'JOIN_NOT_NESTABLE' }));
      expect(db.statements).toEqual([]);
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { ConnectorModel } from '../../src/juggler/connector/connector-model.js';
import { type SqlPropertySpec, sqlModel } from '../support/connector-models.js';
import { DIALECTS, type TestConnector } from '../support/dialects.js';

/** One property of every model type (dialect-specific types are tested in test/<dialect>/). */
const everyType: Record<string, SqlPropertySpec> = {
  id: { type: 'Number', id: 1, generated: true },
  title: { type: 'String', length: 20, nullable: false },
  body: 'Text',
  plain: 'String',
  rating: 'Number',
  price: { type: 'Number', precision: 8, scale: 2 },
  views: 'BigInt',
  total: { type: 'Decimal', precision: 12, scale: 4 },
  published: 'Boolean',
  createdAt: 'Date',
  day: 'DateString',
  meta: 'JSON',
  extra: 'Object',
  blob: 'Buffer',
  location: 'GeoPoint',
  tags: { type: 'Array', itemType: 'String' },
  scores: { type: 'Array', itemType: 'Number' },
  things: { type: 'Array', itemType: 'Object' },
};

describe.each(DIALECTS)('migration on $name', (dialect) => {
  const database = 'conn_migration';
  let connector: TestConnector;

  async function columnNames(table: string): Promise<string[]> {
    return (await connector.discoverModelProperties(table, {})).map((row) => row.columnName);
  }

  beforeAll(async () => {
    connector = dialect.open(await dialect.createDatabase(database));
  });

  afterAll(async () => {
    await connector.disconnect();
    await dialect.dropDatabase(database);
  });

  it('automigrate creates a table with a column for every model type and its primary key', async () => {
    const Article = sqlModel('Article', everyType);
    await connector.automigrate([Article]);
    expect(await columnNames('article')).toEqual(Article.properties.map((property) => property.column));
    expect((await connector.discoverPrimaryKeys('article', {})).map((key) => key.columnName)).toEqual(['id']);
    expect(await connector.isActual([Article])).toBe(true);
  });

  it('writes and reads every type through the migrated table, with a generated id', async () => {
    const Article = sqlModel('Article', everyType);
    const data = {
      title: 'Hello',
      body: 'long text',
      plain: 'p',
      rating: 4.5,
      price: 19.99,
      views: '9007199254740993',
      total: '12345678.1234',
      published: true,
      createdAt: new Date('2024-02-29T10:00:00.250Z'),
      day: '2024-02-29',
      meta: { a: 1 },
      extra: { nested: [1, 2] },
      blob: Buffer.from('bytes'),
      location: { lat: -33.86, lng: 151.21 },
      tags: ['x', 'y'],
      scores: [1.5, 2],
      things: [{ a: 1 }, { b: [2] }],
    };
    expect(await connector.create(Article, data)).toEqual({ id: 1, ...data });
    expect(await connector.create(Article, { title: 'Second' })).toMatchObject({
      id: 2,
      title: 'Second',
      body: null,
    });
  });

  it('automigrate drops the old table and its rows', async () => {
    const Article = sqlModel('Article', everyType);
    await connector.automigrate([Article]);
    expect(await connector.count(Article, undefined)).toBe(0);
  });

  it('creates composite primary keys', async () => {
    const Membership = sqlModel('Membership', {
      groupId: { type: 'Number', id: 1 },
      personId: { type: 'Number', id: 2 },
      role: 'String',
    });
    await connector.automigrate([Membership]);
    const keys = await connector.discoverPrimaryKeys('membership', {});
    expect(keys.map((key) => key.columnName)).toEqual(['group_id', 'person_id']);
    expect(await connector.upsert(Membership, { groupId: 1, personId: 2, role: 'x' })).toEqual({
      groupId: 1,
      personId: 2,
      role: 'x',
    });
    expect(await connector.isActual([Membership])).toBe(true);
  });

  it('autoupdate adds missing columns and tables, keeping rows and unknown columns', async () => {
    const V1 = sqlModel('Book', { id: { type: 'Number', id: 1, generated: true }, title: 'String' });
    await connector.automigrate([V1]);
    await connector.create(V1, { title: 'Dune' });
    await connector.execute('alter table book add column legacy varchar(10)');
    const V2 = sqlModel('Book', {
      id: { type: 'Number', id: 1, generated: true },
      title: 'String',
      pages: 'Number',
      isbn: { type: 'String', length: 13 },
    });
    const Shelf = sqlModel('Shelf', { id: { type: 'Number', id: 1, generated: true }, label: 'String' });
    expect(await connector.isActual([V2, Shelf])).toBe(false);
    await connector.autoupdate([V2, Shelf]);
    expect(await connector.isActual([V2, Shelf])).toBe(true);
    expect(await columnNames('book')).toEqual(['id', 'title', 'legacy', 'pages', 'isbn']);
    expect(await connector.find(V2, {})).toEqual([{ id: 1, title: 'Dune', pages: null, isbn: null }]);
    expect(await connector.create(Shelf, { label: 'top' })).toEqual({ id: 1, label: 'top' });
  });

  it('autoupdate changes types and nullability, keeping the rows', async () => {
    const V3 = sqlModel('Book', {
      id: { type: 'Number', id: 1, generated: true },
      title: { type: 'String', length: 100, nullable: false },
      pages: 'BigInt',
      isbn: { type: 'String', length: 20 },
    });
    expect(await connector.isActual([V3])).toBe(false);
    await connector.autoupdate([V3]);
    expect(await connector.isActual([V3])).toBe(true);
    const properties = await connector.discoverModelProperties('book', {});
    expect(properties.find((row) => row.columnName === 'title')).toMatchObject({
      dataLength: 100,
      nullable: false,
    });
    expect(properties.find((row) => row.columnName === 'isbn')).toMatchObject({
      dataLength: 20,
      nullable: true,
    });
    expect(connector.mapPropertyType(properties.find((row) => row.columnName === 'pages')!).type).toBe(
      'BigInt',
    );
    expect(await connector.find(V3, { fields: ['title'] })).toEqual([{ title: 'Dune' }]);
  });

  it('autoupdate turns a generated id into one the database generates, continuing after the existing rows', async () => {
    await connector.execute('create table ticket (id int primary key, label varchar(10))');
    await connector.execute("insert into ticket (id, label) values (1, 'a'), (7, 'b')");
    const Ticket = sqlModel('Ticket', {
      id: { type: 'Number', id: 1, generated: true },
      label: { type: 'String', length: 10 },
    });
    expect(await connector.isActual([Ticket])).toBe(false);
    await connector.autoupdate([Ticket]);
    expect(await connector.isActual([Ticket])).toBe(true);
    expect(await connector.create(Ticket, { label: 'c' })).toEqual({ id: 8, label: 'c' });
  });

  it('isActual reads the catalog in one statement for all models', async () => {
    const events: StatementEvent[] = [];
    const stop = connector.observeStatements((event) => events.push(event));
    const models: ConnectorModel[] = [
      sqlModel('Book', { id: { type: 'Number', id: 1, generated: true } }),
      sqlModel('Shelf', { id: { type: 'Number', id: 1, generated: true } }),
      sqlModel('Ticket', { id: { type: 'Number', id: 1, generated: true } }),
    ];
    expect(await connector.isActual(models)).toBe(true);
    stop();
    expect(events).toHaveLength(1);
  });

  it('isActual is false for a table that does not exist', async () => {
    expect(await connector.isActual([sqlModel('Nowhere', { id: { type: 'Number', id: 1 } })])).toBe(false);
  });

  it('refuses to migrate a read-only model', async () => {
    const View = sqlModel('Book', { id: { type: 'Number', id: 1 } }, { readOnly: true });
    await expect(connector.automigrate([View])).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
    await expect(connector.autoupdate([View])).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorModel, StatementEvent } from '../../src/connectors/connector.js';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { type SqlPropertySpec, sqlModel } from '../support/connector-models.js';
import { createPgDatabase, dropPgDatabase } from '../support/databases.js';

const everyType: Record<string, SqlPropertySpec> = {
  id: { type: 'Number', id: 1, generated: true },
  title: { type: 'String', length: 20, nullable: false },
  body: 'Text',
  plain: 'String',
  rating: 'Number',
  price: { type: 'Number', precision: 8, scale: 2 },
  views: 'BigInt',
  total: { type: 'Decimal', precision: 12, scale: 4 },
  anyDecimal: 'Decimal',
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
  mood: { type: 'String', dataType: 'mood' },
};

interface ColumnInfo {
  column: string;
  type: string;
  notNull: boolean;
  identity: string;
}

describe('PostgreSQL migration', () => {
  const database = 'pg_migration';
  let connector: PostgresConnector;

  async function columns(table: string, schema = 'public'): Promise<ColumnInfo[]> {
    return connector.execute<ColumnInfo & Record<string, unknown>>(
      `select a.attname as "column", format_type(a.atttypid, a.atttypmod) as "type", a.attnotnull as "notNull",
         a.attidentity::text as "identity"
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relname = $2 and a.attnum > 0 and not a.attisdropped order by a.attnum`,
      [schema, table],
    );
  }

  async function primaryKey(table: string): Promise<string[]> {
    const rows = await connector.execute<{ column: string }>(
      `select a.attname as "column" from pg_index i
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey, a.attnum)`,
      [table],
    );
    return rows.map((row) => row.column);
  }

  beforeAll(async () => {
    const url = await createPgDatabase(database);
    connector = new PostgresConnector({ url });
    await connector.execute("create type mood as enum ('happy', 'sad')");
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropPgDatabase(database);
  });

  it('automigrate creates a table with a column type for every model type', async () => {
    const Article = sqlModel('Article', everyType);
    await connector.automigrate([Article]);
    expect(await columns('article')).toEqual([
      { column: 'id', type: 'integer', notNull: true, identity: 'd' },
      { column: 'title', type: 'character varying(20)', notNull: true, identity: '' },
      { column: 'body', type: 'text', notNull: false, identity: '' },
      { column: 'plain', type: 'text', notNull: false, identity: '' },
      { column: 'rating', type: 'double precision', notNull: false, identity: '' },
      { column: 'price', type: 'numeric(8,2)', notNull: false, identity: '' },
      { column: 'views', type: 'bigint', notNull: false, identity: '' },
      { column: 'total', type: 'numeric(12,4)', notNull: false, identity: '' },
      { column: 'any_decimal', type: 'numeric', notNull: false, identity: '' },
      { column: 'published', type: 'boolean', notNull: false, identity: '' },
      { column: 'created_at', type: 'timestamp with time zone', notNull: false, identity: '' },
      { column: 'day', type: 'date', notNull: false, identity: '' },
      { column: 'meta', type: 'jsonb', notNull: false, identity: '' },
      { column: 'extra', type: 'jsonb', notNull: false, identity: '' },
      { column: 'blob', type: 'bytea', notNull: false, identity: '' },
      { column: 'location', type: 'point', notNull: false, identity: '' },
      { column: 'tags', type: 'text[]', notNull: false, identity: '' },
      { column: 'scores', type: 'double precision[]', notNull: false, identity: '' },
      { column: 'things', type: 'jsonb', notNull: false, identity: '' },
      { column: 'mood', type: 'mood', notNull: false, identity: '' },
    ]);
    expect(await primaryKey('article')).toEqual(['id']);
    expect(await connector.isActual([Article])).toBe(true);
  });

  it('writes and reads every type through the migrated table', async () => {
    const Article = sqlModel('Article', everyType);
    const data = {
      title: 'Hello',
      body: 'long text',
      plain: 'p',
      rating: 4.5,
      price: '19.99',
      views: '9007199254740993',
      total: '12345678.1234',
      anyDecimal: '0.000001',
      published: true,
      createdAt: new Date('2024-02-29T10:00:00Z'),
      day: '2024-02-29',
      meta: { a: 1 },
      extra: { nested: [1, 2] },
      blob: Buffer.from('bytes'),
      location: { lat: -33.86, lng: 151.21 },
      tags: ['x', 'y'],
      scores: [1.5, 2],
      things: [{ a: 1 }, { b: [2] }],
      mood: 'happy',
    };
    const created = await connector.create(Article, data);
    expect(created).toEqual({ id: 1, ...data, price: 19.99 });
  });

  it('automigrate drops the old table and its rows', async () => {
    const Article = sqlModel('Article', everyType);
    await connector.automigrate([Article]);
    expect(await connector.count(Article, undefined)).toBe(0);
  });

  it('creates composite primary keys and tables in another schema', async () => {
    const Membership = sqlModel(
      'Membership',
      { groupId: { type: 'Number', id: 1 }, personId: { type: 'Number', id: 2 }, role: 'String' },
      { schema: 'app' },
    );
    await connector.automigrate([Membership]);
    expect(await primaryKey('app.membership')).toEqual(['group_id', 'person_id']);
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
    await connector.execute('alter table book add column legacy text');
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
    expect((await columns('book')).map((column) => column.column)).toEqual([
      'id',
      'title',
      'legacy',
      'pages',
      'isbn',
    ]);
    expect(await connector.find(V2, {})).toEqual([{ id: 1, title: 'Dune', pages: null, isbn: null }]);
    expect(await connector.create(Shelf, { label: 'top' })).toEqual({ id: 1, label: 'top' });
  });

  it('autoupdate alters changed types and nullability', async () => {
    const V3 = sqlModel('Book', {
      id: { type: 'Number', id: 1, generated: true },
      title: { type: 'String', length: 100, nullable: false },
      pages: 'BigInt',
      isbn: { type: 'String', length: 20 },
    });
    expect(await connector.isActual([V3])).toBe(false);
    await connector.autoupdate([V3]);
    expect(await connector.isActual([V3])).toBe(true);
    const info = await columns('book');
    expect(info.find((column) => column.column === 'title')).toMatchObject({
      type: 'character varying(100)',
      notNull: true,
    });
    expect(info.find((column) => column.column === 'pages')?.type).toBe('bigint');
    expect(info.find((column) => column.column === 'isbn')?.type).toBe('character varying(20)');
    expect(await connector.find(V3, { fields: ['title'] })).toEqual([{ title: 'Dune' }]);
  });

  it('autoupdate turns a generated id into an identity that continues after the existing rows', async () => {
    await connector.execute('create table ticket (id int primary key, label text)');
    await connector.execute("insert into ticket values (1, 'a'), (7, 'b')");
    const Ticket = sqlModel('Ticket', { id: { type: 'Number', id: 1, generated: true }, label: 'String' });
    expect(await connector.isActual([Ticket])).toBe(false);
    await connector.autoupdate([Ticket]);
    expect(await connector.isActual([Ticket])).toBe(true);
    expect(await connector.create(Ticket, { label: 'c' })).toEqual({ id: 8, label: 'c' });
  });

  it('a failing autoupdate changes nothing', async () => {
    const Broken = sqlModel('Book', {
      id: { type: 'Number', id: 1, generated: true },
      title: { type: 'String', length: 100, nullable: false },
      pages: 'BigInt',
      isbn: { type: 'String', length: 20 },
      added: 'String',
      required: { type: 'String', nullable: false },
    });
    await expect(connector.autoupdate([Broken])).rejects.toMatchObject({ code: 'NOT_NULL_VIOLATION' });
    expect((await columns('book')).map((column) => column.column)).not.toContain('added');
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

  it('refuses to migrate a read-only model', async () => {
    const View = sqlModel('Book', { id: { type: 'Number', id: 1 } }, { readOnly: true });
    await expect(connector.automigrate([View])).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
    await expect(connector.autoupdate([View])).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
  });

  it('uses prepared statements that follow the new table shape after a migration', async () => {
    const Note = sqlModel('Note', { id: { type: 'Number', id: 1, generated: true }, text: 'String' });
    await connector.automigrate([Note]);
    await connector.create(Note, { text: 'first' });
    expect(await connector.find(Note, {})).toEqual([{ id: 1, text: 'first' }]);
    const Wider = sqlModel('Note', {
      id: { type: 'Number', id: 1, generated: true },
      text: { type: 'String', length: 50 },
    });
    await connector.autoupdate([Wider]);
    expect(await connector.find(Wider, {})).toEqual([{ id: 1, text: 'first' }]);
  });
});

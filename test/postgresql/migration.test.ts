// PostgreSQL-specific migration: exact column types, enums, schemas, transactional DDL. What
// every dialect shares is tested in test/connectors/migration.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { type SqlPropertySpec, sqlModel } from '../support/connector-models.js';
import { readRows } from '../support/connector-reads.js';
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

  it('stores a Decimal without precision exactly, Arrays of scalars as typed arrays, and enums', async () => {
    const Article = sqlModel('Article', everyType);
    const data = {
      title: 'Hello',
      anyDecimal: '0.000001',
      tags: ['x', 'y'],
      scores: [1.5, 2],
      mood: 'happy',
    };
    expect(await connector.create(Article, data)).toMatchObject(data);
  });

  it('creates tables in another schema', async () => {
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

  it('a failing autoupdate changes nothing (PostgreSQL DDL is transactional)', async () => {
    const V1 = sqlModel('Book', { id: { type: 'Number', id: 1, generated: true }, title: 'String' });
    await connector.automigrate([V1]);
    await connector.create(V1, { title: 'Dune' });
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

  it('uses prepared statements that follow the new table shape after a migration', async () => {
    const Note = sqlModel('Note', { id: { type: 'Number', id: 1, generated: true }, text: 'String' });
    await connector.automigrate([Note]);
    await connector.create(Note, { text: 'first' });
    expect(await readRows(connector, Note, {})).toEqual([{ id: 1, text: 'first' }]);
    const Wider = sqlModel('Note', {
      id: { type: 'Number', id: 1, generated: true },
      text: { type: 'String', length: 50 },
    });
    await connector.autoupdate([Wider]);
    expect(await readRows(connector, Wider, {})).toEqual([{ id: 1, text: 'first' }]);
  });
});

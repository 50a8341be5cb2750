/**
 * A gateway on a small schema of this project's own with the shapes unseen schemas (Pagila, Sakila)
 * showed trouble with: columns of non-text types served as `String` (tsvector, uuid, interval,
 * money, inet, xml, bit), an unpopulated materialized view, a NOT NULL column a BEFORE INSERT
 * trigger fills, CHECK/length/precision/enum constraints, one enum type used by two tables, integer
 * arrays and unsigned integers, NOT NULL and unique foreign keys, an enum column in a view
 * (`album_list`), plural table names next to a
 * view named like a list (`staff` / `staff_list`), foreign keys that guarantee no readable row
 * (PostgreSQL: `NOT VALID`, row-level security), enum values that collide once transliterated,
 * a view's computed text column and a utf8mb3 column (MariaDB). One database per dialect and test
 * file (`<base>_pg`, `<base>_my`).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { runMysqlSql, runPgSql } from './databases.js';
import type { DialectFixture } from './dialects.js';

/** The schema of each dialect, statement by statement. */
export const ODD_SCHEMA_DDL: Record<'postgresql' | 'mysql', string[]> = {
  postgresql: [
    "create type mood as enum ('happy', 'sad')",
    `create table artist (
       artist_id serial primary key,
       name varchar(20) not null,
       rating numeric(4, 2) constraint artist_rating_positive check (rating >= 0),
       mood mood,
       scores integer[],
       plays smallint)`,
    `create table album (
       album_id serial primary key,
       artist_id int not null constraint album_artist_fk references artist (artist_id),
       title text,
       mood mood)`,
    `create table artist_detail (
       artist_detail_id serial primary key,
       artist_id int constraint artist_detail_artist_unique unique references artist (artist_id),
       note text)`,
    'create view album_list as select album_id, title, mood from album',
    'create table sem_types (id serial primary key, label text)',
    'create table staff (staff_id serial primary key, name text)',
    'create view staff_list as select staff_id, name from staff',
    // Foreign keys that do not guarantee a readable row: to a table with row-level security, and
    // one added NOT VALID (rows before it may reference nothing).
    `create table shift (
       shift_id serial primary key,
       staff_id int not null constraint shift_staff_fk references staff (staff_id),
       artist_id int not null)`,
    'alter table shift add constraint shift_artist_fk foreign key (artist_id) references artist (artist_id) not valid',
    'alter table staff enable row level security',
    `create table oddity (
       id serial primary key,
       doc tsvector, uid uuid, span interval, price money, addr inet, body xml, flags bit(3))`,
    `insert into oddity (doc, uid, span, price, addr, body, flags) values
       ('fat cat', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '1 day', 12.5, '10.0.0.1', '<a>x</a>', B'101'),
       ('lazy dog', 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', '2 hours', 3, '192.168.1.7', '<b>y</b>', B'010')`,
    'create materialized view unready as select id from oddity with no data',
    `create table film (
       film_id serial primary key,
       title text not null,
       fulltext tsvector not null,
       uid uuid)`,
    `create function film_fulltext() returns trigger language plpgsql as $$
       begin new.fulltext := to_tsvector('simple', new.title); return new; end $$`,
    'create trigger film_fulltext_trigger before insert or update on film for each row execute function film_fulltext()',
    "insert into artist (name, rating, mood, scores) values ('Ann', 1.5, 'happy', '{1,2}')",
    "insert into album (artist_id, title, mood) values (1, 'First', 'sad')",
    "insert into artist_detail (artist_id, note) values (1, 'solo')",
    "insert into staff (name) values ('Mike')",
  ],
  mysql: [
    `create table artist (
       artist_id int unsigned auto_increment primary key,
       name varchar(20) not null,
       rating decimal(4, 2),
       mood enum('happy', 'sad'),
       letter enum('Ä', 'a') character set utf8mb4 collate utf8mb4_bin,
       plays smallint unsigned,
       listens bigint unsigned,
       constraint artist_rating_positive check (rating >= 0))`,
    `create table album (
       album_id int auto_increment primary key,
       artist_id int unsigned not null,
       title text,
       mood enum('happy', 'sad'),
       constraint album_artist_fk foreign key (artist_id) references artist (artist_id))`,
    `create table artist_detail (
       artist_detail_id int auto_increment primary key,
       artist_id int unsigned,
       note text,
       constraint artist_detail_artist_unique unique (artist_id),
       constraint artist_detail_artist_fk foreign key (artist_id) references artist (artist_id))`,
    'create view album_list as select album_id, title, mood from album',
    'create table sem_types (id int auto_increment primary key, label text)',
    'create table staff (staff_id int auto_increment primary key, name text)',
    'create view staff_list as select staff_id, name from staff',
    'create table narrow (id int primary key, label varchar(20) character set utf8mb3)',
    "insert into narrow values (1, 'plain')",
    "insert into artist (name, rating, mood, letter, listens) values ('Ann', 1.5, 'happy', 'a', 18446744073709551615)",
    "insert into album (artist_id, title, mood) values (1, 'First', 'sad')",
    "insert into artist_detail (artist_id, note) values (1, 'solo')",
    "insert into staff (name) values ('Mike')",
  ],
};

/**
 * MariaDB: a view whose computed column takes the collation of the session that created it, as
 * Sakila's `customer_list.notes` does (loaded by the `mysql` client: the server's default
 * collation of utf8mb4). Created from a session set to that default.
 */
const MYSQL_VIEW_SQL = `create view artist_list as
  select artist_id, if(rating > 1, 'active', '') as notes, concat(name, ' (artist)') as label, letter from artist`;

/** A running gateway on the odd schema, a client, and plain SQL on its database. */
export interface OddSchemaGateway {
  gateway: RunningGateway;
  url: string;
  post(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  }>;
  sql(text: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/** Creates `<base>_<pg|my>` with the odd schema and starts a gateway on it. */
export async function startOddSchemaGateway(
  dialect: DialectFixture,
  base: string,
  overrides: Partial<GatewayConfig> = {},
): Promise<OddSchemaGateway> {
  const url = await dialect.createDatabase(base);
  const sql = async (text: string): Promise<Record<string, unknown>[]> =>
    dialect.name === 'postgresql'
      ? (await runPgSql(url, text)).rows
      : ((await runMysqlSql(url, text)) as Record<string, unknown>[]);
  for (const statement of ODD_SCHEMA_DDL[dialect.name]) await sql(statement);
  if (dialect.name === 'mysql') {
    const [row] = await sql(
      "select DEFAULT_COLLATE_NAME as c from information_schema.CHARACTER_SETS where CHARACTER_SET_NAME = 'utf8mb4'",
    );
    await sql(`set names utf8mb4 collate ${String(row?.c)}; ${MYSQL_VIEW_SQL}`);
  }
  const gateway = await startGateway({
    ...DEFAULT_CONFIG,
    port: 0,
    databaseUrl: url,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), `discograph-${base}-`)),
    ...overrides,
  });
  return {
    gateway,
    url,
    async post(query, variables) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Awaited<ReturnType<OddSchemaGateway['post']>>;
    },
    sql,
    async stop() {
      await gateway.stop();
      await dialect.dropDatabase(base);
    },
  };
}

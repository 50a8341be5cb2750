/**
 * PostgreSQL per-table discovery with `all: true` when two schemas have a table of the same name:
 * each call answers one table, the one discoverSchema picks (the default schema's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverSchema } from '../../src/juggler/discovery/index.js';
import { openPgDiscovery, type PgDiscoveryHandle } from '../discovery/support/pg-discovery.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';

const DATABASE = 'pgdiscovery_same_named';
let handle: PgDiscoveryHandle;

beforeAll(async () => {
  const url = await createPgDatabase(DATABASE);
  await runPgSql(
    url,
    `CREATE TABLE public.person (id integer PRIMARY KEY, name text, team_id integer);
     CREATE TABLE public.team (id integer PRIMARY KEY);
     ALTER TABLE public.person ADD FOREIGN KEY (team_id) REFERENCES public.team (id);
     CREATE SCHEMA other;
     CREATE TABLE other.person (code text, born date, person_id integer PRIMARY KEY, extra text);
     CREATE TABLE other.club (id integer PRIMARY KEY);
     ALTER TABLE other.person ADD FOREIGN KEY (person_id) REFERENCES other.club (id);
     CREATE SCHEMA zeta;
     CREATE TABLE zeta.only_here (z integer PRIMARY KEY);
     CREATE SCHEMA alpha;
     CREATE TABLE alpha.only_here (a integer PRIMARY KEY, b integer);`,
  );
  handle = openPgDiscovery(url);
});

afterAll(async () => {
  await handle.close();
  await dropPgDatabase(DATABASE);
});

describe('per-table discovery calls with all: true over same-named tables of two schemas', () => {
  it('discoverModelProperties answers the default schema’s table only, in position order', async () => {
    const rows = await handle.discovery.discoverModelProperties('person', { all: true });
    expect(rows.map((row) => `${row.owner}.${row.columnName}`)).toEqual([
      'public.id',
      'public.name',
      'public.team_id',
    ]);
  });

  it('discoverPrimaryKeys answers one key with one keySeq 1', async () => {
    const rows = await handle.discovery.discoverPrimaryKeys('person', { all: true });
    expect(rows.map((row) => [row.owner, row.columnName, row.keySeq])).toEqual([['public', 'id', 1]]);
  });

  it('discoverForeignKeys and discoverExportedForeignKeys answer the same one table', async () => {
    const imported = await handle.discovery.discoverForeignKeys('person', { all: true });
    expect(imported.map((row) => `${row.fkOwner}.${row.fkColumnName}->${row.pkTableName}`)).toEqual([
      'public.team_id->team',
    ]);
  });

  it('answers the first schema by name when the default schema has no such table, as discoverSchema does', async () => {
    const rows = await handle.discovery.discoverModelProperties('only_here', { all: true });
    expect(rows.map((row) => `${row.owner}.${row.columnName}`)).toEqual(['alpha.a', 'alpha.b']);
    const keys = await handle.discovery.discoverPrimaryKeys('only_here', { all: true });
    expect(keys.map((row) => `${row.owner}.${row.columnName}`)).toEqual(['alpha.a']);
    const schema = await discoverSchema(handle.discovery, 'only_here', { all: true });
    expect(Object.keys(schema.properties)).toEqual(['a', 'b']);
  });

  it('agrees with discoverSchema on the same call', async () => {
    const schema = await discoverSchema(handle.discovery, 'person', { all: true });
    const rows = await handle.discovery.discoverModelProperties('person', { all: true });
    expect(Object.keys(schema.properties)).toEqual(
      rows.map((row) => row.columnName.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())),
    );
  });

  it('still answers the named schema’s table with an owner', async () => {
    const rows = await handle.discovery.discoverModelProperties('person', { owner: 'other' });
    expect(rows.map((row) => row.columnName)).toEqual(['code', 'born', 'person_id', 'extra']);
  });
});

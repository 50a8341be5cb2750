import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import type { PostgresTransaction } from '../../src/connectors/postgresql/postgresql-transaction.js';
import type { WhereNode } from '../../src/juggler/filter/filter-types.js';
import { ChinookTrack, sqlModel } from '../support/connector-models.js';
import { readRows } from '../support/connector-reads.js';
import { CHINOOK_PG_URL, createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';

const byAlbum = (albumId: number): WhereNode => ({
  kind: 'compare',
  property: 'albumId',
  op: 'eq',
  value: albumId,
});

async function preparedOn(connector: PostgresConnector, transaction: PostgresTransaction) {
  return connector.execute<{ name: string; statement: string }>(
    "select name, statement from pg_prepared_statements where name like 'dg%' order by statement",
    [],
    { transaction },
  );
}

describe('named prepared statements for generated SQL', () => {
  let connector: PostgresConnector;

  beforeAll(() => {
    connector = new PostgresConnector({ url: CHINOOK_PG_URL });
  });

  afterAll(async () => {
    await connector.disconnect();
  });

  it('prepares each generated statement text once per connection and reuses it for new values', async () => {
    await connector.transaction(async (transaction) => {
      for (const albumId of [1, 2, 3]) {
        const rows = await readRows(
          connector,
          ChinookTrack,
          { where: byAlbum(albumId), limit: 5 },
          { transaction },
        );
        expect(rows.every((row) => row.albumId === albumId)).toBe(true);
      }
      for (const ids of [[1], [1, 2, 3], [4, 5, 6, 7, 8]]) {
        await readRows(
          connector,
          ChinookTrack,
          { where: { kind: 'compare', property: 'trackId', op: 'inq', value: ids } },
          { transaction },
        );
      }
      const prepared = await preparedOn(connector, transaction);
      expect(prepared).toHaveLength(3);
      expect(prepared.map((row) => row.statement)).toEqual([
        expect.stringContaining('WHERE "album_id" = $1 LIMIT $2'),
        expect.stringContaining('WHERE "track_id" = $1'),
        expect.stringContaining('WHERE "track_id" = ANY($1)'),
      ]);
      expect(prepared[0]?.name).toMatch(/^dg\d+_[\w-]{20}$/);
    });
  });

  it('settles a one-key read on the generic plan, so repeated reads are not planned again', async () => {
    await connector.transaction(async (transaction) => {
      for (let trackId = 1; trackId <= 8; trackId++) {
        const rows = await readRows(
          connector,
          ChinookTrack,
          { where: { kind: 'compare', property: 'trackId', op: 'inq', value: [trackId] } },
          { transaction },
        );
        expect(rows.map((row) => row.trackId)).toEqual([trackId]);
      }
      const plans = await connector.execute<{ generic_plans: string; custom_plans: string }>(
        "select generic_plans, custom_plans from pg_prepared_statements where name like 'dg%' and statement like '%\"track_id\" = $1%'",
        [],
        { transaction },
      );
      expect(plans).toHaveLength(1);
      // PostgreSQL plans the first five executions for their values, then keeps the generic plan.
      expect(Number(plans[0]?.generic_plans)).toBeGreaterThan(0);
      expect(Number(plans[0]?.custom_plans)).toBeLessThanOrEqual(5);
    });
  });

  it('never prepares raw SQL', async () => {
    await connector.transaction(async (transaction) => {
      await connector.execute('select count(*) from track where album_id = $1', [1], { transaction });
      const prepared = await preparedOn(connector, transaction);
      expect(prepared.map((row) => row.statement)).not.toContain(
        'select count(*) from track where album_id = $1',
      );
    });
  });

  it('can be switched off', async () => {
    const unprepared = new PostgresConnector({ url: CHINOOK_PG_URL, preparedStatements: false, max: 1 });
    await unprepared.transaction(async (transaction) => {
      await readRows(unprepared, ChinookTrack, { where: byAlbum(1) }, { transaction });
      expect(await preparedOn(unprepared, transaction)).toEqual([]);
    });
    await unprepared.disconnect();
  });
});

describe('prepared statements and DDL from elsewhere', () => {
  const database = 'pg_prepared_external_ddl';
  let connector: PostgresConnector;
  let url: string;

  beforeAll(async () => {
    url = await createPgDatabase(database);
    connector = new PostgresConnector({ url, max: 1 });
    await connector.execute(
      "create table note (id int primary key, body varchar(10)); insert into note values (1, 'a')",
    );
  });

  afterAll(async () => {
    await connector.disconnect();
    await dropPgDatabase(database);
  });

  it('re-prepares a statement whose result type changed under it instead of failing', async () => {
    const Note = sqlModel('Note', { id: { type: 'Number', id: 1 }, body: 'String' });
    expect(await readRows(connector, Note, {})).toEqual([{ id: 1, body: 'a' }]);
    await runPgSql(url, 'alter table note alter column body type text');
    expect(await readRows(connector, Note, {})).toEqual([{ id: 1, body: 'a' }]);
    expect(await readRows(connector, Note, {})).toEqual([{ id: 1, body: 'a' }]);
  });
});

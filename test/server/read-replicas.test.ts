/**
 * DATABASE_READ_URLS with a real PostgreSQL streaming replica that the test builds: a primary
 * (`wal_level=replica`) and `pg_basebackup -R` into a second folder, each on its own port. What
 * reaches each server is read from its own `pg_stat_activity` (the gateway's connections, by
 * application name, and the last statement each sent).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultGateway, startFaultGateway } from '../support/own-database-gateway.js';
import { OwnPostgres } from '../support/own-postgres.js';

/** The last statements the gateway's connections sent to a server. */
async function gatewayStatements(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ query: string }>(
      "SELECT query FROM pg_stat_activity WHERE application_name = 'discograph' AND pid <> pg_backend_pid()",
    );
    return rows.map((row) => row.query);
  } finally {
    await client.end();
  }
}

const readsNotes = (statements: string[]) => statements.filter((text) => /^SELECT .*"note"/s.test(text));

describe('read replicas (DATABASE_READ_URLS) on a PostgreSQL streaming replica', () => {
  let primary: OwnPostgres;
  let replica: OwnPostgres;
  let client: FaultGateway;

  beforeAll(async () => {
    primary = await OwnPostgres.create({ replication: true });
    const admin = new pg.Client({ connectionString: primary.url() });
    await admin.connect();
    await admin.query('CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL)');
    await admin.query("INSERT INTO note (body) VALUES ('replicated')");
    await admin.end();
    replica = await primary.createReplica();
    client = await startFaultGateway(primary.url(), { databaseReadUrls: [replica.url()] });
  });

  afterAll(async () => {
    await client?.stop();
    await replica?.destroy();
    await primary?.destroy();
  });

  it('sends reads to the replica and writes to the primary', async () => {
    const inRecovery = await new pg.Client({ connectionString: replica.url() });
    await inRecovery.connect();
    expect((await inRecovery.query('SELECT pg_is_in_recovery() AS r')).rows[0]).toEqual({ r: true });
    await inRecovery.end();
    for (let i = 0; i < 3; i++) {
      expect((await client.post('{ notes { body } }')).data).toEqual({ notes: [{ body: 'replicated' }] });
    }
    expect(readsNotes(await gatewayStatements(replica.url())).length).toBeGreaterThan(0);
    expect(readsNotes(await gatewayStatements(primary.url()))).toEqual([]);
    const created = await client.post('mutation { createNote(data: { body: "written" }) { id body } }');
    expect(created.errors).toBeUndefined();
    expect((await gatewayStatements(primary.url())).some((text) => /^INSERT INTO .*"note"/s.test(text))).toBe(
      true,
    );
    expect((await gatewayStatements(replica.url())).some((text) => /^INSERT/.test(text))).toBe(false);
  });

  it('falls back to the primary while the replica is down', async () => {
    await replica.stop();
    try {
      const answer = await client.post('{ notes(order: [ID_ASC]) { body } }');
      console.log(`[faults] replica down: read answered by the primary in ${Math.round(answer.ms)} ms`);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ notes: [{ body: 'replicated' }, { body: 'written' }] });
      expect(answer.ms).toBeLessThan(1_000);
      expect(readsNotes(await gatewayStatements(primary.url())).length).toBeGreaterThan(0);
    } finally {
      await replica.start();
    }
  });
});

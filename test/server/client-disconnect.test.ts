/**
 * Cancellation on client disconnect: the statements of a request whose client hung up stop in the
 * database (PostgreSQL: a CancelRequest; MariaDB: KILL QUERY) instead of running to their end and
 * holding pooled connections, on both HTTP paths (the fast path and yoga). The connections go back
 * to the pool intact, the next request is not delayed, the request is logged as cancelled
 * (`CLIENT_CLOSED_REQUEST`, 499), and a mutation cut off by its client leaves nothing written.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuthConfig } from '../../src/server/config/auth-config.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import {
  createMysqlDatabase,
  createPgDatabase,
  dropMysqlDatabase,
  dropPgDatabase,
  MYSQL_ADMIN_URL,
  PG_ADMIN_URL,
} from '../support/databases.js';
import { expectHangUpsLoggedAndCounted, postAbandonable, until } from '../support/disconnecting-client.js';
import { memoryLogger } from '../support/memory-logger.js';

type Kind = 'postgresql' | 'mysql';

const SLOW_REQUESTS = 10;
/** How soon the hung-up requests' statements must have stopped, in milliseconds. */
const STOP_BOUND_MS = 2_000;
const CHEAP = '{ notes { body } }';
const SLOW = 'query SlowNotes { slowNotes { body } }';

/**
 * A database of the test's own: `note` (one row), `slow_note`, a view that sleeps 30 s when read,
 * and a trigger that makes an update of a note slow after it wrote an audit row (`note_audit`).
 * Sleeping statements stop as soon as they are cancelled, on a loaded machine too.
 */
async function slowDatabase(kind: Kind, name: string): Promise<string> {
  if (kind === 'postgresql') {
    const url = await createPgDatabase(name);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`
      CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL);
      INSERT INTO note (body) VALUES ('first');
      CREATE TABLE note_audit (note_id int NOT NULL);
      CREATE TABLE tag (id serial PRIMARY KEY, name text NOT NULL);
      CREATE VIEW slow_note AS SELECT note.id, note.body FROM note, pg_sleep(30);
      CREATE FUNCTION slow_note_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO note_audit (note_id) VALUES (NEW.id);
        PERFORM pg_sleep(30);
        RETURN NEW;
      END $$;
      CREATE TRIGGER slow_note_update BEFORE UPDATE ON note FOR EACH ROW EXECUTE FUNCTION slow_note_update();`);
    await client.end();
    return url;
  }
  const url = await createMysqlDatabase(name);
  const connection = await mysql.createConnection({ uri: url, multipleStatements: true });
  await connection.query(`
    CREATE TABLE note (id int AUTO_INCREMENT PRIMARY KEY, body varchar(200) NOT NULL);
    INSERT INTO note (body) VALUES ('first');
    CREATE TABLE note_audit (note_id int NOT NULL);
    CREATE TABLE tag (id int AUTO_INCREMENT PRIMARY KEY, name varchar(200) NOT NULL);
    CREATE VIEW slow_note AS SELECT id, body FROM note WHERE SLEEP(30) = 0;
    CREATE TRIGGER slow_note_update BEFORE UPDATE ON note FOR EACH ROW
    BEGIN
      INSERT INTO note_audit (note_id) VALUES (NEW.id);
      DO SLEEP(30);
    END;`);
  await connection.end();
  return url;
}

async function dropDatabase(kind: Kind, name: string): Promise<void> {
  if (kind === 'postgresql') await dropPgDatabase(name);
  else await dropMysqlDatabase(name);
}

/** Statements running in `database` now (other than the counting one), on a connection of the test's own. */
interface ActivityProbe {
  running(): Promise<number>;
  close(): Promise<void>;
}

async function activityProbe(kind: Kind, database: string): Promise<ActivityProbe> {
  if (kind === 'postgresql') {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    return {
      running: async () =>
        (
          await client.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()",
            [database],
          )
        ).rows[0]?.n ?? 0,
      close: () => client.end(),
    };
  }
  const connection = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
  return {
    running: async () => {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        // `Killed` too: a statement told to stop runs until it notices.
        "SELECT count(*) AS n FROM information_schema.processlist WHERE db = ? AND command <> 'Sleep' AND id <> connection_id()",
        [database],
      );
      return Number(rows[0]?.n ?? 0);
    },
    close: () => connection.end(),
  };
}

function configFor(kind: Kind, databaseUrl: string, overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    ...DEFAULT_CONFIG,
    databaseUrl,
    port: 0,
    poolSize: SLOW_REQUESTS,
    // Long enough that a statement still running after the test's second is one nobody stopped.
    database: { ...DEFAULT_CONFIG.database, statementTimeoutMs: 20_000 },
    cacheDir: mkdtempSync(path.join(os.tmpdir(), `discograph-${kind}-disconnect-`)),
    ...overrides,
  };
}

async function post(gateway: RunningGateway, query: string, variables?: Record<string, unknown>) {
  const started = performance.now();
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: { extensions?: Record<string, unknown> }[];
  };
  return { ...body, ms: performance.now() - started };
}

describe.each([
  { kind: 'postgresql' as const, httpPath: 'the fast path', httpFastPath: true },
  { kind: 'postgresql' as const, httpPath: 'yoga', httpFastPath: false },
  { kind: 'mysql' as const, httpPath: 'the fast path', httpFastPath: true },
  { kind: 'mysql' as const, httpPath: 'yoga', httpFastPath: false },
])('clients that hang up on $kind through $httpPath', ({ kind, httpFastPath }) => {
  const database = `cancel_reads_${httpFastPath ? 'fast' : 'yoga'}`;
  let gateway: RunningGateway;
  let probe: ActivityProbe;
  const lines: Record<string, unknown>[] = [];
  const slow = SLOW;

  beforeAll(async () => {
    const url = await slowDatabase(kind, database);
    gateway = await startGateway(configFor(kind, url, { httpFastPath }), {
      logger: await memoryLogger(lines),
    });
    probe = await activityProbe(kind, database);
    // Planned and compiled, and the pool opened, before anything is timed; graphql-jit and yoga
    // load 0.5 s after listen, not inside a timed request.
    expect((await post(gateway, CHEAP)).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  });

  afterAll(async () => {
    await probe?.close();
    await gateway?.stop();
    await dropDatabase(kind, database);
  });

  it('stops the slow statements of 10 requests within a second of their clients hanging up, returns their connections to the pool, and answers the next request at once', async () => {
    const requests = Array.from({ length: SLOW_REQUESTS }, () => postAbandonable(gateway.url, slow));
    const started = await until(
      () => probe.running(),
      (running) => running >= SLOW_REQUESTS,
      10_000,
    );
    expect(started.value, 'the slow statements never all started').toBe(SLOW_REQUESTS);
    const poolBefore = gateway.source.dataSource.connector?.poolStatistics?.();

    for (const request of requests) request.hangUp();
    const stopped = await until(
      () => probe.running(),
      (running) => running === 0,
      3_000,
    );
    console.log(
      `[cancel] ${kind}: ${SLOW_REQUESTS} statements stopped ${Math.round(stopped.ms)} ms after the hang-up`,
    );
    expect(stopped.value).toBe(0);
    // Uncancelled they would run 30 s; cancelled they stop in 50–300 ms on an idle machine (the
    // bound leaves room for a loaded CI machine running other test files at the same time).
    expect(stopped.ms).toBeLessThan(STOP_BOUND_MS);
    expect(await Promise.all(requests.map((request) => request.settled))).toEqual(
      requests.map(() => 'closed'),
    );

    const cheap = await post(gateway, CHEAP);
    console.log(`[cancel] ${kind}: the next request answered in ${Math.round(cheap.ms)} ms`);
    expect(cheap.errors).toBeUndefined();
    expect(cheap.data).toEqual({ notes: [{ body: 'first' }] });
    expect(cheap.ms).toBeLessThan(STOP_BOUND_MS / 2);

    // The cancelled statements' connections went back to the pool, none was closed.
    const poolAfter = await until(
      async () => gateway.source.dataSource.connector?.poolStatistics?.(),
      (statistics) => statistics?.idle === poolBefore?.total,
      1_000,
    );
    expect(poolBefore?.total).toBe(SLOW_REQUESTS);
    expect(poolAfter.value).toMatchObject({ total: SLOW_REQUESTS, idle: SLOW_REQUESTS, waiting: 0 });
  });

  it('logs and counts each request whose client hung up as cancelled with CLIENT_CLOSED_REQUEST (499), not as an internal error', async () => {
    await expectHangUpsLoggedAndCounted(lines, () => true, gateway.url, 'SlowNotes', SLOW_REQUESTS);
  });
});

describe.each([
  { kind: 'postgresql' as const, audit: 'SELECT count(*)::int AS n FROM note_audit' },
  { kind: 'mysql' as const, audit: 'SELECT count(*) AS n FROM note_audit' },
])('a client that hangs up during a mutation on $kind', ({ kind, audit }) => {
  const name = 'cancel_writes';
  let gateway: RunningGateway;
  let probe: ActivityProbe;
  let url: string;

  beforeAll(async () => {
    url = await slowDatabase(kind, name);
    gateway = await startGateway(configFor(kind, url), {});
    probe = await activityProbe(kind, name);
    expect((await post(gateway, CHEAP)).errors).toBeUndefined();
  });

  afterAll(async () => {
    await probe?.close();
    await gateway?.stop();
    await dropDatabase(kind, name);
  });

  async function auditRows(): Promise<number> {
    if (kind === 'postgresql') {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<{ n: number }>(audit)).rows[0]?.n ?? -1;
      } finally {
        await client.end();
      }
    }
    const connection = await mysql.createConnection({ uri: url });
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(audit);
      return Number(rows[0]?.n ?? -1);
    } finally {
      await connection.end();
    }
  }

  it('stops the write and leaves nothing of it written: neither the row nor what its trigger wrote', async () => {
    const mutation = 'mutation { updateNote(id: 1, data: { body: "half written" }) { body } }';
    const request = postAbandonable(gateway.url, mutation);
    const started = await until(
      () => probe.running(),
      (running) => running >= 1,
      5_000,
    );
    expect(started.value, 'the slow update never started').toBe(1);
    // The trigger wrote its audit row before it sleeps (not visible outside the transaction).
    await new Promise((resolve) => setTimeout(resolve, 200));
    request.hangUp();
    const stopped = await until(
      () => probe.running(),
      (running) => running === 0,
      3_000,
    );
    expect(stopped.value).toBe(0);
    // Uncancelled they would run 30 s; cancelled they stop in 50–300 ms on an idle machine (the
    // bound leaves room for a loaded CI machine running other test files at the same time).
    expect(stopped.ms).toBeLessThan(STOP_BOUND_MS);
    expect(await request.settled).toBe('closed');

    const notes = await post(gateway, CHEAP);
    expect(notes.data).toEqual({ notes: [{ body: 'first' }] });
    expect(await auditRows()).toBe(0);
  });
});

describe('a client that hangs up during a mutation run in one transaction (PostgreSQL database session)', () => {
  const name = 'cancel_session_writes';
  let gateway: RunningGateway;
  let probe: ActivityProbe;
  let url: string;

  beforeAll(async () => {
    url = await slowDatabase('postgresql', name);
    const auth = readAuthConfig({
      file: { jwt: { secret: 'a-test-secret-of-more-than-32-characters' }, databaseSession: true },
      env: {},
      cwd: mkdtempSync(path.join(os.tmpdir(), 'discograph-disconnect-auth-')),
    });
    gateway = await startGateway(configFor('postgresql', url, { auth }), {});
    probe = await activityProbe('postgresql', name);
    expect((await post(gateway, CHEAP)).errors).toBeUndefined();
  });

  afterAll(async () => {
    await probe?.close();
    await gateway?.stop();
    await dropDatabase('postgresql', name);
  });

  it("rolls back the request's transaction: the field written before the cut is not kept either", async () => {
    const mutation = `mutation {
      tag: createTag(data: { name: "written first" }) { id }
      note: updateNote(id: 1, data: { body: "half written" }) { body }
    }`;
    const request = postAbandonable(gateway.url, mutation);
    const started = await until(
      () => probe.running(),
      (running) => running >= 1,
      5_000,
    );
    expect(started.value, 'the slow update never started').toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    request.hangUp();
    const stopped = await until(
      () => probe.running(),
      (running) => running === 0,
      3_000,
    );
    expect(stopped.value).toBe(0);
    // Uncancelled they would run 30 s; cancelled they stop in 50–300 ms on an idle machine (the
    // bound leaves room for a loaded CI machine running other test files at the same time).
    expect(stopped.ms).toBeLessThan(STOP_BOUND_MS);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Nothing is committed: neither the tag, nor the note, nor the trigger's audit row.
      const written = await until(
        async () =>
          (
            await client.query<{ tags: number; audits: number; body: string; open: number }>(
              `SELECT (SELECT count(*)::int FROM tag) AS tags, (SELECT count(*)::int FROM note_audit) AS audits,
                      (SELECT body FROM note WHERE id = 1) AS body,
                      (SELECT count(*)::int FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%') AS open`,
              [name],
            )
          ).rows[0],
        (row) => row?.open === 0,
        2_000,
      );
      expect(written.value).toEqual({ tags: 0, audits: 0, body: 'first', open: 0 });
    } finally {
      await client.end();
    }
    expect((await post(gateway, CHEAP)).data).toEqual({ notes: [{ body: 'first' }] });
  });
});

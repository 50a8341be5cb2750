/**
 * Cancellation on client disconnect on MongoDB, as on SQL (test/server/client-disconnect.test.ts),
 * on both HTTP paths: the slow reads of requests whose clients hung up are abandoned at once
 * (their connections closed, which makes a real MongoDB kill them), none of those requests' later
 * commands reaches the server, the next request is answered at once, and each cut-off request is
 * logged and counted as cancelled (`CLIENT_CLOSED_REQUEST`, 499).
 *
 * A read is made slow by a relay in front of the test server that holds the server's reply
 * (reply-holding-relay.ts): CongoDB has no slow command (no `$where`, `$function` or `sleep`),
 * and a long scan would block its one thread for every request. The read ran on the server; for
 * the gateway it is in flight until the relay lets its reply through, which it never does here.
 * So on CongoDB these tests prove what the gateway does (what it sends, what it abandons, how
 * soon it answers again), not a server-side kill, which CongoDB does not have; on a real MongoDB
 * (`MONGODB_URL`) the relay passes the closed connections on and the server kills the reads.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoCommandEvent, MongoConnector } from '../../src/connectors/mongodb/index.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { expectHangUpsLoggedAndCounted, postAbandonable, until } from '../support/disconnecting-client.js';
import { memoryLogger } from '../support/memory-logger.js';
import { type MongoTestServer, startMongoTestServer } from '../support/mongodb/mongodb-test-server.js';
import {
  type RelayedCommand,
  type ReplyHoldingRelay,
  startReplyHoldingRelay,
} from '../support/mongodb/reply-holding-relay.js';

const SLOW_REQUESTS = 10;
/** How soon the hung-up requests' reads must have been abandoned, in milliseconds. */
const STOP_BOUND_MS = 2_000;
const CHEAP = '{ notes { body } }';
/** A read of `slow_note` (its reply held), then of each one's `note`: two commands when answered. */
const SLOW = 'query SlowNotes { slowNotes { body note { body } } }';

const slowReads = (command: RelayedCommand) => command.name === 'find' && command.collection === 'slow_note';

async function post(gateway: RunningGateway, query: string) {
  const started = performance.now();
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: { extensions?: Record<string, unknown> }[];
  };
  return { ...body, ms: performance.now() - started };
}

/** `note` (one document) and `slow_note` (one document referring to it). */
async function loadNotes(url: string, database: string): Promise<void> {
  const client = new MongoClient(url);
  try {
    const db = client.db(database);
    const noteId = new ObjectId();
    await db.collection('note').insertOne({ _id: noteId, body: 'first' });
    await db.collection('slow_note').insertOne({ body: 'slow', noteId });
  } finally {
    await client.close();
  }
}

describe.each([
  { httpPath: 'the fast path', httpFastPath: true },
  { httpPath: 'yoga', httpFastPath: false },
])('clients that hang up on MongoDB through $httpPath', ({ httpFastPath }) => {
  const database = `mongodb_cancel_${httpFastPath ? 'fast' : 'yoga'}`;
  let server: MongoTestServer;
  let relay: ReplyHoldingRelay;
  let gateway: RunningGateway;
  let connector: MongoConnector;
  const lines: Record<string, unknown>[] = [];
  const events: MongoCommandEvent[] = [];

  beforeAll(async () => {
    server = await startMongoTestServer();
    await loadNotes(server.url(database), database);
    relay = await startReplyHoldingRelay(server.url(database));
    gateway = await startGateway(
      {
        ...DEFAULT_CONFIG,
        databaseUrl: relay.url,
        port: 0,
        poolSize: SLOW_REQUESTS,
        httpFastPath,
        // Long enough that a read still waiting after the test's second is one nobody abandoned.
        database: { ...DEFAULT_CONFIG.database, statementTimeoutMs: 20_000 },
        cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-mongodb-disconnect-')),
      },
      {
        logger: await memoryLogger(lines),
        onSource: (source) => {
          connector = source.dataSource.connector as MongoConnector;
          connector.observeCommands((event) => events.push(event));
        },
      },
    );
    // Answered in full while nothing is held: the slow read, then the read of its notes.
    expect((await post(gateway, CHEAP)).errors).toBeUndefined();
    events.length = 0;
    expect(await post(gateway, SLOW)).toMatchObject({
      data: { slowNotes: [{ body: 'slow', note: { body: 'first' } }] },
    });
    expect(events.filter((event) => event.phase === 'started').map((event) => event.collection)).toEqual([
      'slow_note',
      'note',
    ]);
    // graphql-jit and yoga load 0.5 s after listen, not inside a timed request.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  });

  afterAll(async () => {
    relay?.hold(undefined);
    relay?.release();
    await gateway?.stop();
    await relay?.close();
    await server?.dropDatabase(database);
    await server?.stop();
  });

  it('abandons the slow reads of 10 requests within a second of their clients hanging up, sends none of their later commands, and answers the next request at once', async () => {
    relay.hold(slowReads);
    const requests = Array.from({ length: SLOW_REQUESTS }, () => postAbandonable(gateway.url, SLOW));
    const held = await until(
      async () => relay.heldNow(),
      (count) => count >= SLOW_REQUESTS,
      10_000,
    );
    expect(held.value, 'the slow reads never all reached the server').toBe(SLOW_REQUESTS);
    const reached = relay.commands.length;
    const sent = events.length;

    for (const request of requests) request.hangUp();
    const abandoned = await until(
      async () => relay.abandoned.length,
      (count) => count >= SLOW_REQUESTS,
      3_000,
    );
    console.log(
      `[cancel] mongodb: ${SLOW_REQUESTS} reads abandoned (connections closed) ${Math.round(abandoned.ms)} ms after the hang-up`,
    );
    expect(abandoned.value).toBe(SLOW_REQUESTS);
    expect(abandoned.ms).toBeLessThan(STOP_BOUND_MS);
    expect(relay.abandoned.every(slowReads)).toBe(true);
    expect(await Promise.all(requests.map((request) => request.settled))).toEqual(
      requests.map(() => 'closed'),
    );

    // Answered, each would have read its notes next: no such command was sent, none reached the server.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      events.slice(sent).filter((event) => event.phase === 'started' && event.collection === 'note'),
    ).toEqual([]);
    expect(relay.commands.slice(reached).filter((command) => command.collection === 'note')).toEqual([]);

    relay.hold(undefined);
    const cheap = await post(gateway, CHEAP);
    console.log(`[cancel] mongodb: the next request answered in ${Math.round(cheap.ms)} ms`);
    expect(cheap.errors).toBeUndefined();
    expect(cheap.data).toEqual({ notes: [{ body: 'first' }] });
    expect(cheap.ms).toBeLessThan(STOP_BOUND_MS / 2);
    // The pool kept its other connections and opens new ones as needed; nothing waits for one.
    const answers = await Promise.all(Array.from({ length: SLOW_REQUESTS }, () => post(gateway, SLOW)));
    for (const answer of answers) {
      expect(answer.data).toEqual({ slowNotes: [{ body: 'slow', note: { body: 'first' } }] });
    }
    expect(connector.poolStatistics()).toMatchObject({ waiting: 0 });
  });

  it('logs and counts each request whose client hung up as cancelled with CLIENT_CLOSED_REQUEST (499), not as an internal error', async () => {
    await expectHangUpsLoggedAndCounted(
      lines,
      (line) => line.status === 499,
      gateway.url,
      'SlowNotes',
      SLOW_REQUESTS,
    );
  });
});

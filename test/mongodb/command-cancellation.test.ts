/**
 * The connector half of cancellation on client disconnect for MongoDB (mongodb-cancel.ts), and its
 * command limits: a cancelled request sends nothing more, a read waiting for a pooled connection
 * is dropped unsent, a read in flight is abandoned and its connection closed without clearing the
 * pool, a write in flight runs to its end, a command whose answer does not come within
 * `queryTimeout` is given up with CONNECTION_FAILED (reason `no answer`), and one that waits longer
 * than `acquireTimeout` for a pooled connection gets DATABASE_BUSY.
 *
 * A command is made slow by a relay in front of the test server that holds its reply
 * (reply-holding-relay.ts): the command ran on the server, and the driver waits for its answer.
 * On CongoDB nothing is stopped on the server (it has no slow commands to stop, no `killOp`, and
 * does not notice a closed connection); what the tests prove is what the client does: which
 * commands reach the server, and that the abandoned command's connection is closed, which is what
 * makes a real MongoDB kill a read.
 */
import { MongoClient, MongoServerError, ObjectId } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MongoConnector } from '../../src/connectors/mongodb/mongodb-connector.js';
import { toDatabaseError } from '../../src/connectors/mongodb/mongodb-errors.js';
import type { ConnectorModel } from '../../src/juggler/connector/connector-model.js';
import { RequestCancellation } from '../../src/juggler/connector/request-cancellation.js';
import { sqlModel } from '../support/connector-models.js';
import { readRows } from '../support/connector-reads.js';
import { until } from '../support/disconnecting-client.js';
import { type MongoTestServer, startMongoTestServer } from '../support/mongodb/mongodb-test-server.js';
import {
  type RelayedCommand,
  type ReplyHoldingRelay,
  startReplyHoldingRelay,
} from '../support/mongodb/reply-holding-relay.js';

const DATABASE = 'mongodb_command_cancellation';

const Note: ConnectorModel = sqlModel(
  'Note',
  {
    id: { type: 'String', column: '_id', dataType: 'objectId', id: 1, generated: true },
    body: { type: 'String', column: 'body' },
  },
  { table: 'note' },
);

let server: MongoTestServer;
let relay: ReplyHoldingRelay;

const inRequest = (cancellation: RequestCancellation) => ({ options: { request: { cancellation } } });
const findsOfNote = (command: RelayedCommand) => command.name === 'find' && command.collection === 'note';
const bodiesOf = (rows: readonly Record<string, unknown>[]) => rows.map((row) => row.body);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startMongoTestServer();
  const client = new MongoClient(server.url(DATABASE));
  try {
    await client.db(DATABASE).collection('note').insertOne({ _id: new ObjectId(), body: 'first' });
  } finally {
    await client.close();
  }
  relay = await startReplyHoldingRelay(server.url(DATABASE));
});

afterAll(async () => {
  await relay?.close();
  await server?.dropDatabase(DATABASE);
  await server?.stop();
});

afterEach(() => {
  relay.hold(undefined);
  relay.release();
});

describe('command cancellation on MongoDB', () => {
  let connector: MongoConnector;
  const started: string[] = [];

  beforeAll(async () => {
    // One connection: a command that waits for it shows whether a cancelled request still sends.
    connector = new MongoConnector({ url: relay.url, max: 1 });
    await connector.connect();
    connector.observeCommands((event) => {
      if (event.phase === 'started') started.push(`${event.commandName} ${event.collection ?? ''}`.trim());
    });
  });

  afterAll(async () => {
    await connector?.disconnect();
  });

  it('sends no command of a request that is already cancelled, read or write', async () => {
    const cancellation = new RequestCancellation();
    cancellation.cancel();
    started.length = 0;
    const reached = relay.commands.length;
    await expect(readRows(connector, Note, {}, inRequest(cancellation))).rejects.toMatchObject({
      code: 'CLIENT_CLOSED_REQUEST',
      statusCode: 499,
    });
    await expect(connector.create(Note, { body: 'never' }, inRequest(cancellation))).rejects.toMatchObject({
      code: 'CLIENT_CLOSED_REQUEST',
    });
    expect(started).toEqual([]);
    expect(relay.commands.slice(reached).filter((command) => command.name !== 'hello')).toEqual([]);
  });

  it('abandons a read in flight when its request is cancelled: its connection is closed and replaced, and the next read answers at once', async () => {
    relay.hold(findsOfNote);
    const cancellation = new RequestCancellation();
    const running = readRows(connector, Note, {}, inRequest(cancellation)).catch((error: unknown) => error);
    const held = await until(
      async () => relay.heldNow(),
      (count) => count === 1,
      2_000,
    );
    expect(held.value, 'the read never reached the server').toBe(1);
    const abandonedBefore = relay.abandoned.length;
    const cancelledAt = performance.now();
    cancellation.cancel();
    expect(await running).toMatchObject({ code: 'CLIENT_CLOSED_REQUEST' });
    expect(performance.now() - cancelledAt).toBeLessThan(200);
    // The driver closed the connection the read was on: a real MongoDB kills the read then.
    const closed = await until(
      async () => relay.abandoned.length - abandonedBefore,
      (count) => count === 1,
      1_000,
    );
    expect(closed.value).toBe(1);
    expect(relay.abandoned.at(-1)).toMatchObject({ name: 'find', collection: 'note' });

    relay.hold(undefined);
    const answeredAt = performance.now();
    expect(bodiesOf(await readRows(connector, Note, { fields: ['body'] }))).toEqual(['first']);
    expect(performance.now() - answeredAt).toBeLessThan(1_000);
    expect(connector.poolStatistics()).toMatchObject({ total: 1, waiting: 0 });
  });

  it('drops a read that waits for a pooled connection when its request is cancelled: it never reaches the server', async () => {
    relay.hold(findsOfNote);
    // The only connection is held by a read of another request, which is answered afterwards.
    const first = readRows(connector, Note, { fields: ['body'] });
    await until(
      async () => relay.heldNow(),
      (count) => count === 1,
      2_000,
    );
    const reached = relay.commands.length;
    const cancellation = new RequestCancellation();
    const waiting = readRows(connector, Note, {}, inRequest(cancellation)).catch((error: unknown) => error);
    await sleep(100);
    cancellation.cancel();
    expect(await waiting).toMatchObject({ code: 'CLIENT_CLOSED_REQUEST' });
    relay.hold(undefined);
    relay.release();
    expect(bodiesOf(await first)).toEqual(['first']);
    await sleep(100);
    expect(relay.commands.slice(reached).filter(findsOfNote)).toEqual([]);
  });

  it('runs many reads of one request at once without a listener-leak warning on its signal, and abandons them all', async () => {
    const reads = 8;
    const many = new MongoConnector({ url: relay.url, max: reads });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      await many.connect();
      relay.hold(findsOfNote);
      const abandonedBefore = relay.abandoned.length;
      const cancellation = new RequestCancellation();
      const running = Array.from({ length: reads }, () =>
        readRows(many, Note, {}, inRequest(cancellation)).catch((error: unknown) => error),
      );
      await until(
        async () => relay.heldNow(),
        (count) => count === reads,
        2_000,
      );
      cancellation.cancel();
      for (const failure of await Promise.all(running)) {
        expect(failure).toMatchObject({ code: 'CLIENT_CLOSED_REQUEST' });
      }
      const closed = await until(
        async () => relay.abandoned.length - abandonedBefore,
        (count) => count === reads,
        1_000,
      );
      expect(closed.value).toBe(reads);
      await sleep(50);
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await many.disconnect();
    }
  });

  it('lets a write in flight run to its end when its request is cancelled, so that its answer says it happened', async () => {
    relay.hold((command) => command.name === 'insert');
    const cancellation = new RequestCancellation();
    const writing = connector.create(Note, { body: 'written' }, inRequest(cancellation));
    await until(
      async () => relay.heldNow(),
      (count) => count === 1,
      2_000,
    );
    cancellation.cancel();
    await sleep(100);
    relay.release();
    expect(await writing).toMatchObject({ body: 'written' });
    expect(bodiesOf(await readRows(connector, Note, { fields: ['body'] }))).toContain('written');
  });
});

describe('the command limits on MongoDB', () => {
  it('gives up a command whose answer does not come within queryTimeout with CONNECTION_FAILED (no answer), and answers the next one', async () => {
    const connector = new MongoConnector({ url: relay.url, queryTimeout: 300 });
    try {
      await connector.connect();
      relay.hold(findsOfNote);
      const startedAt = performance.now();
      const failure = await readRows(connector, Note, {}).catch((error: unknown) => error);
      const ms = performance.now() - startedAt;
      console.log(
        `[mongodb] a read without an answer failed after ${Math.round(ms)} ms (queryTimeout 300 ms)`,
      );
      expect(failure).toMatchObject({
        code: 'CONNECTION_FAILED',
        details: { reason: 'no answer', queryTimeoutMs: 300 },
      });
      expect((failure as Error).message).toBe(
        `MongoDB at ${new URL(relay.url).host} did not answer within 300 ms; the connection was dropped`,
      );
      // The driver retries a read once after a network error: at most two waits.
      expect(ms).toBeLessThan(2 * 300 + 500);
      relay.hold(undefined);
      expect(bodiesOf(await readRows(connector, Note, { fields: ['body'] }))).toContain('first');
    } finally {
      await connector.disconnect();
    }
  });

  it('answers DATABASE_BUSY to a command that waits longer than acquireTimeout for a pooled connection, and the busy one still answers', async () => {
    const connector = new MongoConnector({ url: relay.url, max: 1, acquireTimeout: 200 });
    try {
      await connector.connect();
      relay.hold(findsOfNote);
      const first = readRows(connector, Note, { fields: ['body'] });
      await until(
        async () => relay.heldNow(),
        (count) => count === 1,
        2_000,
      );
      const startedAt = performance.now();
      const failure = await readRows(connector, Note, {}).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'DATABASE_BUSY', details: { acquireTimeoutMs: 200 } });
      expect(performance.now() - startedAt).toBeLessThan(1_000);
      relay.hold(undefined);
      relay.release();
      expect(bodiesOf(await first)).toContain('first');
    } finally {
      await connector.disconnect();
    }
  });

  it('sends the statement timeout as maxTimeMS with every read, which the server enforces (QUERY_TIMEOUT)', async () => {
    const connector = new MongoConnector({ url: relay.url, statementTimeout: 1_500 });
    try {
      const reached = relay.commands.length;
      await readRows(connector, Note, {});
      const find = relay.commands.slice(reached).find(findsOfNote);
      expect(find?.document.maxTimeMS).toBe(1_500);
    } finally {
      await connector.disconnect();
    }
  });

  // CongoDB ignores maxTimeMS, so the server's answer is made here: the one a real MongoDB sends.
  it('reports a command the server stopped at maxTimeMS as QUERY_TIMEOUT with the statement timeout', () => {
    const stopped = new MongoServerError({
      ok: 0,
      code: 50,
      codeName: 'MaxTimeMSExpired',
      errmsg: 'operation exceeded time limit',
    });
    const error = toDatabaseError(stopped, {
      server: 'db:27017',
      database: 'chinook',
      statementTimeoutMs: 1_500,
    });
    expect(error).toMatchObject({ code: 'QUERY_TIMEOUT', details: { statementTimeoutMs: 1_500 } });
    expect(error.message).toBe(
      'The command was stopped because it ran longer than the statement timeout of 1500 ms',
    );
  });
});

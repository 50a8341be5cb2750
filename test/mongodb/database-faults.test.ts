/**
 * An unreachable MongoDB, as for SQL (test/server/database-faults.test.ts): requests answer
 * `DATABASE_UNAVAILABLE` within the connect timeout (the driver's `serverSelectionTimeoutMS`),
 * `/readyz` answers 503 with the reason, and the gateway recovers by itself when a server listens
 * again on the same port. On CongoDB the server itself is stopped and a new one started on its
 * port (empty: the test loads its documents again); on a real MongoDB (`MONGODB_URL`), which the
 * test cannot stop, a TCP relay in front of it is closed and reopened on the same port.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MongoTestServer,
  ON_REAL_MONGODB,
  startMongoTestServer,
} from '../support/mongodb/mongodb-test-server.js';
import {
  type FaultAnswer,
  type FaultGateway,
  startFaultGateway,
  untilAnswered,
} from '../support/own-database-gateway.js';

const DATABASE = 'mongodb_faults';
const READ = '{ notes { id body } }';
/** The fault gateway's connect timeout (FAULT_DATABASE_CONFIG), which bounds server selection. */
const CONNECT_TIMEOUT_MS = 500;

function report(what: string, ms: number): void {
  console.log(`[faults] mongodb: ${what} ${Math.round(ms)} ms`);
}

function codeOf(answer: FaultAnswer): unknown {
  return answer.errors?.[0]?.extensions?.code;
}

async function loadNotes(url: string): Promise<void> {
  const client = new MongoClient(url);
  try {
    const notes = client.db(DATABASE).collection('note');
    await notes.deleteMany({});
    await notes.insertMany([{ body: 'first' }, { body: 'second' }]);
  } finally {
    await client.close();
  }
}

/** A MongoDB the test can take away and give back on the same port. */
interface Reachable {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** CongoDB on a port of its own: stopped, and a new (empty) one started on the same port. */
async function congoDatabase(): Promise<Reachable> {
  let server: MongoTestServer | undefined = await startMongoTestServer();
  const url = server.url(DATABASE);
  const port = Number(new URL(url).port);
  await loadNotes(url);
  const stop = async () => {
    const running = server;
    server = undefined;
    await running?.stop();
  };
  return {
    url,
    stop,
    async start() {
      server = await startMongoTestServer({ port });
      await loadNotes(url);
    },
    destroy: stop,
  };
}

/** A real MongoDB behind a TCP relay that is closed (every connection cut) and reopened on its port. */
async function relayedDatabase(): Promise<Reachable> {
  const server = await startMongoTestServer();
  const target = new URL(server.url(DATABASE));
  await loadNotes(target.toString());
  const sockets = new Set<Socket>();
  let relay: Server | undefined;
  const listen = (port: number) =>
    new Promise<Server>((resolve) => {
      const opened = createServer((client) => {
        const upstream = connect(Number(target.port || 27017), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => socket.destroy());
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      opened.listen(port, '127.0.0.1', () => resolve(opened));
    });
  relay = await listen(0);
  const port = (relay.address() as { port: number }).port;
  const url = new URL(target.toString());
  url.host = `127.0.0.1:${port}`;
  // One server behind the relay: no discovery of the replica set's other members.
  url.searchParams.set('directConnection', 'true');
  const close = async () => {
    const closing = relay;
    relay = undefined;
    if (!closing) return;
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  return {
    url: url.toString(),
    stop: close,
    async start() {
      relay = await listen(port);
    },
    async destroy() {
      await close();
      await server.dropDatabase(DATABASE);
      await server.stop();
    },
  };
}

describe('an unreachable MongoDB', () => {
  let database: Reachable;
  let client: FaultGateway;

  beforeAll(async () => {
    database = ON_REAL_MONGODB ? await relayedDatabase() : await congoDatabase();
    client = await startFaultGateway(database.url);
    expect((await client.post(READ)).errors).toBeUndefined();
  });

  afterAll(async () => {
    await client?.stop();
    await database?.destroy();
  });

  it('answers DATABASE_UNAVAILABLE within the connect timeout, /readyz says why, and recovers when a server listens again on the port', async () => {
    await database.stop();
    const answer = await client.post(READ);
    report('stopped server: DATABASE_UNAVAILABLE after', answer.ms);
    expect(codeOf(answer), JSON.stringify(answer)).toBe('DATABASE_UNAVAILABLE');
    expect(answer.errors?.[0]?.extensions?.reason).toBe('CONNECTION_FAILED');
    expect(answer.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1_000);
    const ready = await client.get('/readyz');
    report('stopped server: /readyz 503 after', ready.ms);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, code: 'DATABASE_UNAVAILABLE' });
    expect(String(ready.body.reason)).toMatch(/cannot reach MongoDB/);
    expect(ready.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1_000);

    await database.start();
    const recovery = await untilAnswered(client, READ);
    report('first answer after the server was back', recovery);
    expect(recovery).toBeLessThan(5_000);
    expect((await client.post(READ)).data).toEqual({
      notes: [
        { id: expect.any(String), body: 'first' },
        { id: expect.any(String), body: 'second' },
      ],
    });
    expect((await client.get('/readyz')).status).toBe(200);
  });
});

import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { connectorOf } from '../../src/server/gateway-source.js';
import { type ChinookGateway, SLOW_REGEXP, startChinookGateway } from '../support/chinook-gateway.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

const ACQUIRE_TIMEOUT_MS = 300;
const CHEAP = '{ track(trackId: 1) { name } }';

describe.each(['postgresql', 'mysql'] as const)('a busy pool on %s', (kind) => {
  let client: ChinookGateway;
  const slow = `{ tracks(where: { name: { regexp: ${JSON.stringify(SLOW_REGEXP[kind])} } }) { trackId } }`;

  beforeAll(async () => {
    client = await startChinookGateway(kind, {
      poolSize: 2,
      database: { statementTimeoutMs: 4_000, acquireTimeoutMs: ACQUIRE_TIMEOUT_MS },
    });
    // The server's warm-up (graphql-jit, yoga — which words the first error answer) done now:
    // loading them holds the event loop, on a loaded machine for seconds, and would be timed below.
    await client.gateway.http.preload();
    // Planned and compiled now, so that the timed request below only waits for a connection.
    expect((await client.post(CHEAP)).errors).toBeUndefined();
  });

  afterAll(async () => {
    await client?.stop();
  });

  it('answers DATABASE_BUSY after the acquire timeout while slow statements hold every connection, then recovers', async () => {
    const connector = connectorOf(client.gateway.source);
    const slowAnswers = [client.post(slow), client.post(slow)];
    // Every connection held (the slow requests are planned first: no fixed delay is enough on a loaded machine).
    await expect
      .poll(() => connector.poolStatistics?.(), { timeout: 10_000, interval: 20 })
      .toMatchObject({
        total: 2,
        idle: 0,
      });
    const waits: number[] = [];
    const stop = connector.observeStatements((event) => waits.push(event.durationMs));
    const busy = await client.post(CHEAP);
    stop();
    expect(busy.errors?.[0]?.extensions).toEqual({
      code: 'DATABASE_BUSY',
      acquireTimeoutMs: ACQUIRE_TIMEOUT_MS,
    });
    // The statement's wait for a connection, from its start to DATABASE_BUSY: the acquire timeout,
    // plus how late a timer fires when the process waits for a CPU.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(ACQUIRE_TIMEOUT_MS - 20);
    expect(waits[0]).toBeLessThan(ACQUIRE_TIMEOUT_MS + 500);
    // The answer, over HTTP: long before a slow statement ends (4 s); the margin is for a loaded machine.
    expect(busy.ms).toBeGreaterThanOrEqual(ACQUIRE_TIMEOUT_MS - 20);
    expect(busy.ms).toBeLessThan(ACQUIRE_TIMEOUT_MS + 1_200);
    for (const answer of await Promise.all(slowAnswers)) {
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(answer).slice(0, 400)).toBe('TIMEOUT');
    }
    const after = await client.post(CHEAP);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual({ track: { name: 'For Those About To Rock (We Salute You)' } });
  });
});

describe('a database that accepts connections and never answers', () => {
  let silent: net.Server;
  let port: number;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it.each([
    [
      'postgresql',
      () => new PostgresConnector({ url: `postgres://u@127.0.0.1:${port}/db`, connectionTimeout: 300 }),
    ],
    ['mysql', () => new MysqlConnector({ url: `mysql://u@127.0.0.1:${port}/db`, connectionTimeout: 300 })],
  ] as const)('fails fast on %s with CONNECTION_FAILED after the connect timeout', async (_kind, create) => {
    const connector = create();
    const started = performance.now();
    const failure = await connector.connect().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'CONNECTION_FAILED' });
    expect(performance.now() - started).toBeLessThan(1_500);
    await connector.disconnect();
  });
});

describe('a PostgreSQL connection slower to open than the acquire timeout', () => {
  let proxy: net.Server;
  let port: number;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    // Forwards to the test server after 400 ms: an opening slower than the acquire timeout below.
    const target = new URL(CHINOOK_PG_URL);
    proxy = net.createServer((socket) => {
      sockets.add(socket);
      socket.pause();
      setTimeout(() => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        sockets.add(upstream);
        socket.pipe(upstream).pipe(socket);
        socket.resume();
        socket.on('close', () => upstream.destroy());
        upstream.on('close', () => socket.destroy());
      }, 400);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    port = (proxy.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => proxy.close(resolve));
  });

  it('opens it within the connect timeout: the acquire timeout only limits the wait for a busy pool', async () => {
    const url = new URL(CHINOOK_PG_URL);
    url.host = `127.0.0.1:${port}`;
    const connector = new PostgresConnector({ url: url.href, acquireTimeout: 100, connectionTimeout: 5_000 });
    try {
      expect(await connector.execute('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await connector.disconnect();
    }
  });
});

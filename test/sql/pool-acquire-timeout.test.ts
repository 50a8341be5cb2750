import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { type ChinookGateway, SLOW_REGEXP, startChinookGateway } from '../support/chinook-gateway.js';

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
    // Planned and compiled now, so that the timed request below only waits for a connection.
    expect((await client.post(CHEAP)).errors).toBeUndefined();
  });

  afterAll(async () => {
    await client?.stop();
  });

  it('answers DATABASE_BUSY after the acquire timeout while slow statements hold every connection, then recovers', async () => {
    const slowAnswers = [client.post(slow), client.post(slow)];
    await new Promise((resolve) => setTimeout(resolve, 400));
    const busy = await client.post(CHEAP);
    expect(busy.errors?.[0]?.extensions).toEqual({
      code: 'DATABASE_BUSY',
      acquireTimeoutMs: ACQUIRE_TIMEOUT_MS,
    });
    expect(busy.ms).toBeGreaterThanOrEqual(ACQUIRE_TIMEOUT_MS - 20);
    // Long before a slow statement ends (4 s); the margin is for a loaded machine.
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

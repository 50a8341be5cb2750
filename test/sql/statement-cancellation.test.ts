/**
 * The connector half of cancellation on client disconnect (juggler/connector/request-cancellation.ts),
 * on each SQL connector: a cancelled request sends nothing more, a running statement stops when its
 * request is cancelled, and the connection it ran on stays in the pool, ready for the next one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MysqlConnector } from '../../src/connectors/mysql/mysql-connector.js';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { RequestCancellation } from '../../src/juggler/connector/request-cancellation.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from '../support/databases.js';

describe.each([
  {
    kind: 'postgresql',
    // One connection: a statement after a cancelled one runs on the same backend, or on a new one.
    create: () => new PostgresConnector({ url: CHINOOK_PG_URL, max: 1 }),
    sleep: 'SELECT pg_sleep(20)',
    quick: 'SELECT pg_sleep(0.004)',
    backend: 'SELECT pg_backend_pid() AS id',
  },
  {
    kind: 'mysql',
    create: () => new MysqlConnector({ url: CHINOOK_MYSQL_URL, max: 1 }),
    sleep: 'SELECT SLEEP(20)',
    quick: 'SELECT SLEEP(0.004)',
    backend: 'SELECT CONNECTION_ID() AS id',
  },
])('statement cancellation on $kind', ({ create, sleep, quick, backend }) => {
  let connector: PostgresConnector | MysqlConnector;
  const statements: StatementEvent[] = [];

  beforeAll(async () => {
    connector = create();
    await connector.connect();
    connector.observeStatements((event) => statements.push(event));
  });

  afterAll(async () => {
    await connector?.disconnect();
  });

  const inRequest = (cancellation: RequestCancellation) => ({ options: { request: { cancellation } } });

  it('sends no statement of a request that is already cancelled', async () => {
    const cancellation = new RequestCancellation();
    cancellation.cancel();
    statements.length = 0;
    await expect(connector.execute('SELECT 1', [], inRequest(cancellation))).rejects.toMatchObject({
      code: 'CLIENT_CLOSED_REQUEST',
      statusCode: 499,
    });
    expect(statements.filter((event) => event.sql === 'SELECT 1')).toEqual([]);
  });

  it('stops a running statement when its request is cancelled, and the next statement runs on the same connection', async () => {
    const [before] = await connector.execute<{ id: unknown }>(backend);
    const cancellation = new RequestCancellation();
    const running = connector.execute(sleep, [], inRequest(cancellation)).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cancelledAt = performance.now();
    cancellation.cancel();
    const failure = await running;
    expect(failure).toMatchObject({ code: 'CLIENT_CLOSED_REQUEST' });
    expect(performance.now() - cancelledAt).toBeLessThan(1_000);
    const [after] = await connector.execute<{ id: unknown }>(backend);
    expect(String(after?.id)).toBe(String(before?.id));
    expect(connector.poolStatistics()).toMatchObject({ total: 1 });
  });

  it('answers CLIENT_CLOSED_REQUEST or the result when the cancel races the answer, and keeps the connection', async () => {
    const [before] = await connector.execute<{ id: unknown }>(backend);
    const outcomes = new Set<string>();
    for (let attempt = 0; attempt < 40; attempt++) {
      const cancellation = new RequestCancellation();
      const running = connector.execute(quick, [], inRequest(cancellation)).then(
        () => 'answered',
        (error: { code?: string }) => String(error.code),
      );
      await new Promise((resolve) => setTimeout(resolve, attempt % 8));
      cancellation.cancel();
      outcomes.add(await running);
    }
    expect(
      [...outcomes].filter((outcome) => outcome !== 'answered' && outcome !== 'CLIENT_CLOSED_REQUEST'),
    ).toEqual([]);
    const [after] = await connector.execute<{ id: unknown }>(backend);
    expect(String(after?.id)).toBe(String(before?.id));
  });

  it('gives the cancellation an AbortSignal that aborts with it', () => {
    const cancellation = new RequestCancellation();
    const signal = cancellation.signal;
    expect(signal.aborted).toBe(false);
    cancellation.cancel();
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toMatchObject({ code: 'CLIENT_CLOSED_REQUEST' });
  });
});
